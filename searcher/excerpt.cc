#include "excerpt.h"

namespace imr::detail {

namespace {

// Bytes no letter text contains after clean-up, to mark highlights unambiguously.
constexpr char kStart = '\x01';
constexpr char kEnd = '\x02';

// MSet::snippet escapes its text for HTML; the fragments hold plain text.
std::string unescape_html(const std::string& s) {
    static const std::pair<std::string_view, char> entities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        bool replaced = false;
        if (s[i] == '&') {
            for (const auto& [entity, c] : entities) {
                if (s.compare(i, entity.size(), entity) == 0) {
                    out.push_back(c);
                    i += entity.size() - 1;
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out.push_back(s[i]);
    }
    return out;
}

}  // namespace

std::vector<Fragment> excerpt(const Xapian::MSet& mset, const std::string& text, size_t bytes) {
    std::string marked = unescape_html(mset.snippet(text, bytes, Xapian::Stem("english"),
                                                    Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                                                        Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                                    std::string(1, kStart), std::string(1, kEnd), "…"));
    std::vector<Fragment> fragments;
    Fragment current;
    for (char c : marked) {
        if (c == kStart || c == kEnd) {
            if (!current.text.empty()) fragments.push_back(current);
            current = Fragment{"", c == kStart};
            continue;
        }
        current.text.push_back(c);
    }
    if (!current.text.empty()) fragments.push_back(current);
    return fragments;
}

}  // namespace imr::detail
