#include "query_understanding.h"

#include <cctype>

#include "imr/analyzers.h"
#include "imr/schema.h"

namespace imr::detail {

namespace {

struct FacetWord {
    std::string_view word;
    std::string_view field;
    std::string_view value;
};

// Words a user types meaning a facet value. Outcome words are unambiguous in a query
// about IMR decisions; issue-level synonyms ("denied") are not, and are left as words.
constexpr FacetWord kFacetWords[] = {
    {"upheld", "outcome", "upheld"},
    {"overturned", "outcome", "overturned"},
};

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

const FacetWord* facet_word(std::string_view token) {
    while (!token.empty() && std::ispunct(static_cast<unsigned char>(token.back())) && token.back() != '"')
        token.remove_suffix(1);
    std::string w = lower(token);
    for (const auto& fw : kFacetWords) {
        if (w == fw.word) return &fw;
    }
    return nullptr;
}

bool is_filter_field(const std::string& name) {
    for (const schema::Field* f : schema::fields_of(schema::Kind::filter)) {
        if (f->name == name) return true;
    }
    return false;
}

void add_boost(Understood& out, const char* field, const std::vector<std::string>& values) {
    for (const auto& v : values) out.filters.push_back({field, v, true, true});
}

// Facet values the remaining free words name become boosts; words typed as field:value are
// filters already and are left out.
void add_boosts(Understood& out, const std::string& free_words) {
    QueryFacets q = recognise_query(free_words);
    add_boost(out, "treatment", q.treatments);
    add_boost(out, "class", q.drug_classes);
    add_boost(out, "region", q.regions);
    add_boost(out, "guideline", q.guidelines);
    add_boost(out, "specialty", q.specialties);
}

}  // namespace

Understood understand(std::string_view query) {
    Understood out;
    std::string free_words;
    bool in_quotes = false;
    size_t i = 0;
    while (i < query.size()) {
        size_t start = i;
        if (std::isspace(static_cast<unsigned char>(query[i]))) {
            out.text.push_back(query[i++]);
            continue;
        }
        while (i < query.size() && !std::isspace(static_cast<unsigned char>(query[i]))) ++i;
        std::string_view token = query.substr(start, i - start);
        bool quoted_token = in_quotes || token.front() == '"';
        for (char c : token)
            if (c == '"') in_quotes = !in_quotes;
        const FacetWord* fw = quoted_token || token.find(':') != std::string_view::npos ? nullptr : facet_word(token);
        // "NOT upheld" or "-upheld" are left to the parser, which reads them as words.
        bool negated = token.front() == '-' || lower(out.text).ends_with("not ");
        if (size_t colon = token.find(':'); colon != std::string_view::npos && !quoted_token) {
            std::string name = lower(token.substr(0, colon));
            if (is_filter_field(name) && colon + 1 < token.size()) {
                std::string value(token.substr(colon + 1));
                std::erase(value, '"');
                out.filters.push_back({name, value, false});
            }
        }
        if (fw && !negated) {
            out.filters.push_back({std::string(fw->field), std::string(fw->value), true});
        } else {
            out.text.append(token);
            if (token.find(':') == std::string_view::npos && !negated) free_words.append(" ").append(token);
        }
    }
    add_boosts(out, free_words);
    return out;
}

}  // namespace imr::detail
