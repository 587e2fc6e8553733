#include "imr/stopwords.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>
#include <vector>

#include "imr/ascii.h"

namespace imr {

const Xapian::Stopper& stopwords() {
    static const Xapian::SimpleStopper s = [] {
        static const char* const words[] = {
            "a", "about", "after", "again", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
            "before", "being", "both", "but", "by", "can", "could", "did", "do", "does", "during", "each", "for",
            "from", "had", "has", "have", "having", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it",
            "its", "may", "more", "most", "of", "on", "or", "other", "our", "over", "per", "she", "should", "so",
            "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
            "those", "through", "to", "under", "up", "was", "were", "what", "when", "which", "while", "who", "will",
            "with", "would"};
        return Xapian::SimpleStopper(std::begin(words), std::end(words));
    }();
    return s;
}

namespace {

// Bytes of a word as the query parser sees one: letters, digits and any non-ASCII byte, with
// an apostrophe inside ("it's" is one word, and no stopword).
bool word_byte(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

bool joiner(char c) { return c == '-' || c == '/'; }

struct Word {
    size_t begin, end;
    int span;   // the quoted span it is in, counting from 0; -1 outside quotes
    bool kept;  // left as typed: a field's value, or a phrase of stopwords alone
    bool quoted() const { return span >= 0; }
};

// What follows "field:" (a quoted span, or up to white space) is a field's value, kept as typed:
// a filter's value is looked up whole ("physical medicine and rehabilitation").
std::vector<Word> words_of(std::string_view q) {
    std::vector<Word> words;
    bool quoted = false, quoted_value = false, bare_value = false;
    int spans = 0;
    for (size_t i = 0; i < q.size();) {
        const auto c = static_cast<unsigned char>(q[i]);
        if (c == '"') {
            quoted_value = !quoted && i > 0 && q[i - 1] == ':';
            if (quoted) ++spans;
            quoted = !quoted;
        } else if (c == ':') {
            bare_value = i + 1 < q.size() && q[i + 1] != '"';
        } else if (std::isspace(c) && !quoted) {
            bare_value = false;
        }
        if (!word_byte(c)) {
            ++i;
            continue;
        }
        const size_t begin = i;
        while (i < q.size() && (word_byte(static_cast<unsigned char>(q[i])) ||
                                (q[i] == '\'' && i + 1 < q.size() && word_byte(static_cast<unsigned char>(q[i + 1])))))
            ++i;
        words.push_back({begin, i, quoted ? spans : -1, quoted ? quoted_value : bare_value});
    }
    return words;
}

bool is_stopword(std::string_view q, const Word& w) { return stopwords()(ascii_lower(q.substr(w.begin, w.end - w.begin))); }

}  // namespace

std::string without_phrase_stopwords(std::string_view q) {
    std::vector<Word> words = words_of(q);
    // A phrase of stopwords alone ("\"of the\"") stays: it finds nothing, as "of the" does,
    // where an empty phrase would find everything.
    std::set<int> meaningful;
    for (const Word& w : words)
        if (w.quoted() && !is_stopword(q, w)) meaningful.insert(w.span);
    for (Word& w : words)
        if (w.quoted() && !meaningful.count(w.span)) w.kept = true;
    std::vector<bool> dropped(q.size(), false);
    auto drop = [&](size_t from, size_t to) { std::fill(dropped.begin() + from, dropped.begin() + to, true); };
    for (size_t w = 0; w < words.size(); ++w) {
        const Word& word = words[w];
        const bool joined_next = w + 1 < words.size() && words[w + 1].begin == word.end + 1 && joiner(q[word.end]);
        const bool joined_previous = w > 0 && word.begin == words[w - 1].end + 1 && joiner(q[words[w - 1].end]);
        if (word.kept || !(word.quoted() || joined_next || joined_previous)) continue;
        if (!is_stopword(q, word)) continue;
        if (joined_next) drop(word.begin, word.end + 1);
        else if (joined_previous) drop(word.begin - 1, word.end);
        else drop(word.begin, word.end);
    }
    std::string out;
    for (size_t i = 0; i < q.size(); ++i)
        if (!dropped[i]) out.push_back(q[i]);
    return out;
}

}  // namespace imr
