#include "word_match.h"

#include <algorithm>
#include <stdexcept>

#include <re2/re2.h>

namespace imr::detail {

Rule rule(std::string value, const std::vector<std::string>& words) {
    std::string alternatives;
    for (const auto& w : words) {
        if (!alternatives.empty()) alternatives += '|';
        alternatives += w;
    }
    return {std::move(value), std::move(alternatives)};
}

re2::RE2::Options pattern_options() {
    re2::RE2::Options o;
    o.set_case_sensitive(false);
    // Enough for the largest vocabulary's DFA (medications) with room to spare.
    o.set_max_mem(64 << 20);
    return o;
}

bool found(const re2::RE2& pattern, std::string_view text) {
    return re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), pattern);
}

Rules::Rules(std::initializer_list<Rule> rules)
    : rules_(rules), set_(std::make_unique<re2::RE2::Set>(pattern_options(), re2::RE2::UNANCHORED)) {
    for (const auto& r : rules_) {
        // Word boundaries by hand: \b treats '-' and '/' as boundaries, which is what we
        // want, but not digits next to letters ("L5-S1"), which the patterns spell out.
        std::string error;
        if (set_->Add("(?:^|[^A-Za-z0-9])(?:" + r.words + ")(?:$|[^A-Za-z0-9])", &error) < 0) {
            throw std::logic_error("vocabulary rule '" + r.value + "': " + error);
        }
    }
    if (!set_->Compile()) throw std::logic_error("vocabulary rules: out of memory compiling them");
}

Rules::~Rules() = default;

std::vector<int> Rules::matching(std::string_view text) const {
    std::vector<int> found;
    set_->Match(re2::StringPiece(text.data(), text.size()), &found);
    std::sort(found.begin(), found.end());
    return found;
}

namespace {

// Matches `pattern` in `text` from `from` on, filling `g` (the whole match, then each
// group). RE2 sees the text before `from` too, so \b and ^ mean what they mean in the whole
// text.
bool match_at(const re2::RE2& pattern, std::string_view text, size_t from, std::vector<re2::StringPiece>& g) {
    g.assign(static_cast<size_t>(pattern.NumberOfCapturingGroups()) + 1, re2::StringPiece());
    re2::StringPiece whole(text.data(), text.size());
    return from <= text.size() &&
           pattern.Match(whole, from, text.size(), re2::RE2::UNANCHORED, g.data(), static_cast<int>(g.size()));
}

Groups groups_of(const std::vector<re2::StringPiece>& g, size_t count) {
    Groups groups;
    for (size_t i = 1; i <= count; ++i) groups.emplace_back(g[i].data() ? std::string(g[i].data(), g[i].size()) : "");
    return groups;
}

size_t offset(std::string_view text, const re2::StringPiece& piece) {
    return static_cast<size_t>(piece.data() - text.data());
}

// The next match from `from` on, moving `from` past it.
std::optional<Groups> match_from(const re2::RE2& pattern, std::string_view text, size_t& from) {
    std::vector<re2::StringPiece> g;
    if (!match_at(pattern, text, from, g)) return std::nullopt;
    size_t end = offset(text, g[0]) + g[0].size();
    from = end > from ? end : from + 1;
    return groups_of(g, g.size() - 1);
}

}  // namespace

std::vector<Groups> find_all(const re2::RE2& pattern, std::string_view text) {
    std::vector<Groups> out;
    size_t from = 0;
    while (auto m = match_from(pattern, text, from)) out.push_back(std::move(*m));
    return out;
}

std::optional<Groups> find_first(const re2::RE2& pattern, std::string_view text) {
    size_t from = 0;
    return match_from(pattern, text, from);
}

std::optional<Groups> find_first_not_followed(const re2::RE2& pattern, std::string_view text) {
    std::vector<re2::StringPiece> g;
    for (size_t from = 0; match_at(pattern, text, from, g); from = offset(text, g[0]) + 1) {
        if (g.size() < 2) throw std::logic_error("find_first_not_followed: the pattern has no guard group");
        if (!g.back().data()) return groups_of(g, g.size() - 2);
    }
    return std::nullopt;
}

std::string first_match(const Rules& rules, std::string_view text) {
    std::vector<int> found = rules.matching(text);
    return found.empty() ? std::string() : rules.value(found.front());
}

std::vector<std::string> all_matches(const Rules& rules, std::string_view text) {
    std::vector<std::string> out;
    for (int i : rules.matching(text)) out.push_back(rules.value(i));
    return out;
}

}  // namespace imr::detail
