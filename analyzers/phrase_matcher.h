// Internal: counts phrases of whole words in a text in one pass. Text and phrases are split
// into lower-case runs of letters and digits ("x-ray" is "x" "ray"), so a phrase matches
// whatever punctuation or spacing stands between its words. Longest phrase wins at each word.
// Built for the indexer's hot path, where one regex per phrase was most of the time spent.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace imr::detail {

// Lower-case ASCII letter and digit runs of `text`; bytes of other scripts count as letters.
std::vector<std::string_view> word_spans(std::string_view text);

class PhraseMatcher {
public:
    void add(const std::string& value, std::string_view phrase);

    // (value, occurrences) for every value whose phrases occur, in order of first addition.
    std::vector<std::pair<std::string, unsigned>> count(std::string_view text) const;

private:
    struct Phrase {
        std::vector<std::string> words;  // after the first
        size_t value;
    };
    std::vector<std::string> values_;
    std::unordered_map<std::string, std::vector<Phrase>> by_first_word_;
};

}  // namespace imr::detail
