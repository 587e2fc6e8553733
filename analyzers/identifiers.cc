// Tokens that are identifiers, not words: spine levels (L4-5, L5-S1, C6-C7), regulation and
// guideline sections (9792.24.1), case numbers (CM16-0213037), pain scores (4/10), doses
// (7.5mg, 7.5 mg) and counts (#60). A word tokenizer breaks them apart; the index keeps each
// whole as one term, in one spelling: lower case, no spaces.
#include <regex>

#include "imr/analyzers.h"

namespace imr {

namespace {

const std::regex& identifier_pattern() {
    static const std::regex p(
        R"((?:^|[^A-Za-z0-9#./-]))"
        R"(((?:[CTL]\d{1,2}(?:\s?-\s?[CTLS]?\d{1,2})+)|(?:CM\d{2}-\d{7})|(?:\d{4}\.\d{1,3}(?:\.\d{1,3})*)|)"
        R"((?:\d{1,2}/10)|(?:\d+(?:\.\d+)?\s?(?:mg|mcg|ml|gm|g|%))|(?:#\s?\d{1,4})))"
        R"((?=$|[^A-Za-z0-9/]))",
        std::regex::icase | std::regex::optimize);
    return p;
}

}  // namespace

std::string normalise_identifier(std::string_view token) {
    std::string out;
    for (char c : token) {
        if (c == ' ') continue;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

std::vector<std::string> identifiers_in(std::string_view text) {
    std::vector<std::string> out;
    for (std::cregex_iterator it(text.begin(), text.end(), identifier_pattern()), end; it != end; ++it) {
        out.push_back(normalise_identifier((*it)[1].str()));
    }
    return out;
}

bool is_identifier(std::string_view token) {
    std::cmatch m;
    return std::regex_match(token.begin(), token.end(), m, identifier_pattern()) ||
           (std::regex_search(token.begin(), token.end(), m, identifier_pattern()) &&
            m[1].length() == static_cast<long>(token.size()));
}

}  // namespace imr
