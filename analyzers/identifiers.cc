// Tokens that are identifiers, not words: spine levels (L4-5, L5-S1, C6-C7), regulation and
// guideline sections (9792.24.1), case numbers (CM16-0213037), pain scores (4/10), doses
// (7.5mg, 7.5 mg) and counts (#60). A word tokenizer breaks them apart; the index keeps each
// whole as one term, in one spelling: lower case, no spaces.
//
// The text is cut at white space and only tokens holding a digit are tried against the
// pattern: the indexer calls this on every rationale, and a regex over the whole text cost
// more than the rest of indexing.
#include <cctype>
#include <regex>

#include "imr/analyzers.h"

namespace imr {

namespace {

const std::regex& identifier_pattern() {
    static const std::regex p(
        R"((?:[CTL]\d{1,2}(?:-[CTLS]?\d{1,2})+)|(?:CM\d{2}-\d{7})|(?:\d{4}\.\d{1,3}(?:\.\d{1,3})*)|)"
        R"((?:\d{1,2}/10)|(?:\d+(?:\.\d+)?(?:mg|mcg|ml|gm|g|%))|(?:#\d{1,4}))",
        std::regex::icase | std::regex::optimize);
    return p;
}

bool is_unit(std::string_view w) {
    for (std::string_view unit : {"mg", "mcg", "ml", "gm", "g", "%"}) {
        if (w.size() == unit.size() &&
            std::equal(w.begin(), w.end(), unit.begin(), [](char a, char b) { return std::tolower(a) == b; }))
            return true;
    }
    return false;
}

bool has_digit(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// A token without the punctuation a sentence puts around it: "(L4-5)," -> "L4-5".
std::string_view bare(std::string_view t) {
    while (!t.empty() && std::string_view("([\"'").find(t.front()) != std::string_view::npos) t.remove_prefix(1);
    while (!t.empty() && std::string_view(")]\"',;:.?!").find(t.back()) != std::string_view::npos) t.remove_suffix(1);
    return t;
}

std::vector<std::string_view> tokens(std::string_view text) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        size_t start = i;
        while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        if (i > start) out.push_back(text.substr(start, i - start));
    }
    return out;
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

bool is_identifier(std::string_view token) {
    token = bare(token);
    return has_digit(token) && std::regex_match(token.begin(), token.end(), identifier_pattern());
}

std::vector<std::string> identifiers_in(std::string_view text) {
    std::vector<std::string> out;
    std::vector<std::string_view> ts = tokens(text);
    for (size_t i = 0; i < ts.size(); ++i) {
        std::string_view t = bare(ts[i]);
        if (!has_digit(t)) continue;
        // "7.5 mg": a dose written in two tokens.
        if (i + 1 < ts.size() && is_unit(bare(ts[i + 1])) &&
            std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c) || c == '.'; })) {
            out.push_back(normalise_identifier(std::string(t) + std::string(bare(ts[i + 1]))));
            ++i;
            continue;
        }
        if (std::regex_match(t.begin(), t.end(), identifier_pattern())) out.push_back(normalise_identifier(t));
    }
    return out;
}

}  // namespace imr
