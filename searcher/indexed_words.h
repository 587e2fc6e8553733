// Internal: text to the terms the indexer makes of it, in order: the same tokenisation
// (TermGenerator, English stems, stopwords without positions) as indexer/document_builder, for
// checking phrases and connectors in stored text.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace imr::detail {

// The words of `text` in order, as the indexer makes its terms: the same tokenisation,
// stopwords without positions, each word stemmed under `prefix`. The generator is asked for
// words unstemmed and the stems are cached: a summary phrase is checked in thousands of
// letters whose words are mostly the same, and stemming each anew was most of the time.
class IndexedWords {
public:
    // Terms are "Z" + `prefix` + stem, as the field of that prefix stores them.
    explicit IndexedWords(std::string prefix);

    std::vector<std::string> operator()(const std::string& text);

private:
    const std::string& stemmed(const std::string& word);

    std::string prefix_;
    Xapian::Stem stem_;
    Xapian::TermGenerator generator_;
    std::unordered_map<std::string, std::string> stems_;
};

}  // namespace imr::detail
