#include "phrase_matcher.h"

#include <algorithm>
#include <cctype>
#include "imr/ascii.h"

namespace imr::detail {

namespace {

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Equal ignoring ASCII case; `lower_word` is already lower case.
bool same_word(std::string_view text_word, const std::string& lower_word) {
    if (text_word.size() != lower_word.size()) return false;
    for (size_t i = 0; i < text_word.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text_word[i])) != static_cast<unsigned char>(lower_word[i]))
            return false;
    }
    return true;
}

}  // namespace

std::vector<std::string_view> word_spans(std::string_view text) {
    std::vector<std::string_view> words;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
        size_t start = i;
        while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
        if (i > start) words.push_back(text.substr(start, i - start));
    }
    return words;
}

void PhraseMatcher::add(const std::string& value, std::string_view phrase) {
    auto found = std::find(values_.begin(), values_.end(), value);
    size_t index = static_cast<size_t>(found - values_.begin());
    if (found == values_.end()) values_.push_back(value);
    std::vector<std::string_view> words = word_spans(phrase);
    if (words.empty()) return;
    Phrase p{{}, index};
    for (size_t i = 1; i < words.size(); ++i) p.words.push_back(ascii_lower(words[i]));
    auto& bucket = by_first_word_[ascii_lower(words[0])];
    bucket.push_back(std::move(p));
    // Longest first, so that "tens unit" wins over "tens".
    std::stable_sort(bucket.begin(), bucket.end(),
                     [](const Phrase& a, const Phrase& b) { return a.words.size() > b.words.size(); });
}

std::vector<std::pair<std::string, unsigned>> PhraseMatcher::count(std::string_view text) const {
    std::vector<unsigned> counts(values_.size(), 0);
    std::vector<std::string_view> words = word_spans(text);
    std::string key;
    for (size_t i = 0; i < words.size();) {
        key = ascii_lower(words[i]);
        auto bucket = by_first_word_.find(key);
        size_t advance = 1;
        if (bucket != by_first_word_.end()) {
            for (const Phrase& p : bucket->second) {
                if (i + p.words.size() >= words.size()) continue;  // runs past the text
                bool match = true;
                for (size_t k = 0; k < p.words.size() && match; ++k) match = same_word(words[i + 1 + k], p.words[k]);
                if (match) {
                    ++counts[p.value];
                    advance = 1 + p.words.size();
                    break;
                }
            }
        }
        i += advance;
    }
    std::vector<std::pair<std::string, unsigned>> out;
    for (size_t v = 0; v < values_.size(); ++v)
        if (counts[v] > 0) out.emplace_back(values_[v], counts[v]);
    return out;
}

}  // namespace imr::detail
