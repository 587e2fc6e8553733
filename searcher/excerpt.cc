// Excerpts are whole sentences of the rationale: ICU finds the sentence boundaries, Xapian's
// MSet::snippet finds and marks the query's words in the whole text (once: a call a sentence
// set up Xapian's snippet generator and stemmer some twenty times a hit), and the sentence
// with the most distinct query words (then the most marks) is chosen, with its neighbours
// while they fit.
#include "excerpt.h"

#include "imr/analyzers.h"
#include "imr/schema.h"
#include "imr/stemmer.h"
#include "imr/ascii.h"

#include <algorithm>
#include <memory>
#include <set>
#include <string_view>


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

// The words of the rationales a search thread has shown, about two megabytes of them: a
// search pool has a thread per core.
constexpr size_t kExcerptStems = 20000;

// The whole of `text` with the query's words marked.
std::string marked(const Xapian::MSet& mset, const std::string& text) {
    thread_local const Xapian::Stem stemmer = schema::caching_stemmer(kExcerptStems);
    return unescape_html(mset.snippet(text, text.size() + 1, stemmer,
                                      Xapian::MSet::SNIPPET_EXHAUSTIVE, std::string(1, kStart),
                                      std::string(1, kEnd), ""));
}

// `original` in fragments, with the highlights `marked_text` (Xapian's snippet of it) shows.
// The snippet may drop closing punctuation or fold spaces, so only its marks are taken: the
// text is the original's, character for character.
std::vector<Fragment> fragments_of(const std::string& original, const std::string& marked_text) {
    std::vector<Fragment> fragments;
    Fragment current;
    size_t i = 0;
    for (char c : marked_text) {
        if (c == kStart || c == kEnd) {
            if (!current.text.empty()) fragments.push_back(current);
            current = Fragment{"", c == kStart};
            continue;
        }
        while (i < original.size() && original[i] != c) current.text.push_back(original[i++]);
        if (i < original.size()) current.text.push_back(original[i++]);
    }
    if (current.hit && !current.text.empty()) {
        fragments.push_back(current);
        current = Fragment{};
    }
    current.text.append(original, i, std::string::npos);
    if (!current.text.empty()) fragments.push_back(current);
    return fragments;
}

struct SentenceScore {
    size_t distinct = 0;  // different query words in the sentence
    size_t marks = 0;     // occurrences
    bool operator>(const SentenceScore& o) const {
        return distinct != o.distinct ? distinct > o.distinct : marks > o.marks;
    }
};

SentenceScore score(const std::vector<Fragment>& fragments) {
    SentenceScore s;
    std::set<std::string> words;
    for (const auto& f : fragments) {
        if (!f.hit) continue;
        ++s.marks;
        words.insert(ascii_lower(f.text));
    }
    s.distinct = words.size();
    return s;
}

void trim_trailing_space(std::vector<Fragment>& fragments) {
    while (!fragments.empty() && !fragments.back().hit && !fragments.back().text.empty() &&
           fragments.back().text.back() == ' ') {
        fragments.back().text.pop_back();
        if (fragments.back().text.empty()) fragments.pop_back();
    }
}

// The fragments of a whole text cut where its sentences (which together spell the text) end.
std::vector<std::vector<Fragment>> by_sentence(const std::vector<Fragment>& whole, const std::vector<std::string>& sentences) {
    std::vector<std::vector<Fragment>> out(1);
    size_t sentence = 0, left = sentences[0].size();  // bytes of the sentence still to fill
    for (const Fragment& f : whole) {
        std::string_view rest = f.text;
        while (!rest.empty()) {
            while (left == 0 && sentence + 1 < sentences.size()) {
                left = sentences[++sentence].size();
                out.emplace_back();
            }
            const size_t take = sentence + 1 < sentences.size() ? std::min(left, rest.size()) : rest.size();
            out.back().push_back(Fragment{std::string(rest.substr(0, take)), f.hit});
            rest.remove_prefix(take);
            left -= std::min(left, take);
        }
    }
    out.resize(sentences.size());
    return out;
}

}  // namespace

std::vector<Fragment> excerpt(const Xapian::MSet& mset, const std::string& text, size_t bytes) {
    std::vector<std::string> sentences = sentences_of(text);
    if (sentences.empty()) return {};
    std::vector<std::vector<Fragment>> marked_sentences = by_sentence(fragments_of(text, marked(mset, text)), sentences);
    size_t best = 0;
    SentenceScore best_score;
    for (size_t i = 0; i < sentences.size(); ++i) {
        SentenceScore s = score(marked_sentences[i]);
        if (s > best_score) {
            best = i;
            best_score = s;
        }
    }
    // The best sentence, then its neighbours while the excerpt stays within `bytes`.
    std::vector<Fragment> out = marked_sentences[best];
    size_t size = sentences[best].size();
    for (size_t next = best + 1; next < sentences.size() && size + sentences[next].size() <= bytes; ++next) {
        out.insert(out.end(), marked_sentences[next].begin(), marked_sentences[next].end());
        size += sentences[next].size();
    }
    trim_trailing_space(out);
    return out;
}

}  // namespace imr::detail
