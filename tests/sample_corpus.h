// The sample corpus as tests read it: one index of data/letters built once per test process,
// the letters parsed, and the brute-force views of text that search results are checked
// against (words as the index keeps them, runs of them).
#pragma once

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <xapian.h>

#include "imr/analyzers.h"
#include "imr/indexer.h"
#include "imr/searcher.h"
#include "imr/stopwords.h"
#include "test_support.h"

namespace imr::test {

// One index of the sample corpus, built once for the read-only tests.
inline const std::filesystem::path& sample_index() {
    static TempDir dir;
    static bool built = [] {
        Indexer indexer(dir / "index");
        IndexSummary s = indexer.index({letters_dir()});
        return s.failures.empty();
    }();
    REQUIRE(built);
    static const std::filesystem::path path = dir / "index";
    return path;
}

inline std::vector<Letter> parsed_corpus() {
    std::vector<Letter> letters;
    for (const auto& f : letter_files()) letters.push_back(parse_letter(read_file(f), f.string()));
    return letters;
}

inline std::map<std::string, size_t> facet_map(const std::vector<Facet>& facets, const std::string& field) {
    std::map<std::string, size_t> out;
    for (const auto& f : facets)
        if (f.field == field)
            for (const auto& v : f.values) out[v.value] = v.count;
    return out;
}

// Words of `text` as the index keeps them: lower case, stemmed, stopwords left out.
inline std::vector<std::string> indexed_words(const std::string& text) {
    static const Xapian::Stem stem("english");
    std::vector<std::string> out;
    std::string word;
    auto end_word = [&] {
        if (!word.empty() && !stopwords()(word)) out.push_back(stem(word));
        word.clear();
    };
    for (unsigned char c : text) {
        if (std::isalnum(c)) word.push_back(static_cast<char>(std::tolower(c)));
        else end_word();
    }
    end_word();
    return out;
}

inline bool has_run(const std::vector<std::string>& words, const std::vector<std::string>& run) {
    return std::search(words.begin(), words.end(), run.begin(), run.end()) != words.end();
}

// `text` in lower case, each run of white space one space.
inline std::string squeezed(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isspace(c)) {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else {
            out.push_back(static_cast<char>(std::tolower(c)));
        }
    }
    return out;
}


}  // namespace imr::test
