// Letter text in, plain data out. No I/O: callers read files (indexer/) and
// hand the text over.
//
//   imr::Letter letter = imr::parse_letter(text, "data/seeds/001_e066e2eff228d9d9.txt");
//   for (const auto& d : letter.decisions) {
//       imr::DecisionFacets f = imr::recognise(letter, d);
//       ...
//   }
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "imr/letter.h"

namespace imr {

// Parses one letter. `text` is UTF-8 (see decode_text); pages, if any, are separated by
// form feeds, and `paged` says whether those page numbers are real (PDF) or not.
// `source` names the letter in errors and gives its stem.
// Throws imr::Error (bad_input) when no disputed item can be found, or an item lacks
// its outcome or rationale.
Letter parse_letter(std::string_view text, const std::string& source, bool paged = false);

// A guideline citation, parsed.
struct Citation {
    std::vector<std::string> sources;   // slugs: "mtus", "acoem", "odg", "other", "none"
    std::vector<std::string> chapters;  // "Chronic Pain Medical Treatment", "Low Back Complaints"
    std::vector<std::string> sections;  // "Special Studies", "Facet blocks"
    std::vector<std::string> pages;     // "98", "99"
    std::vector<std::string> editions;  // "2016", "2004"
    std::string basis;                  // "mtus", "outside-mtus" or "none-cited"
};

// What an item requests; 0 where the text does not say.
struct Quantity {
    int visits = 0;  // therapy visits or sessions, frequency x duration worked out
    int units = 0;   // "#60", "QTY: 2"
};
Quantity parse_quantity(std::string_view text);

// Facets recognised in one decision: what the index filters and counts on.
struct DecisionFacets {
    std::string treatment;                   // category slug: "acupuncture", "medication" ...
    std::string drug_class;                  // medications: "opioid", "muscle-relaxant" ... or ""
    std::vector<std::string> regions;        // "lumbar", "knee" ...
    std::vector<std::string> sides;          // "left", "right", "bilateral"
    std::vector<std::string> specialties;    // canonical display names
    Citation guideline;                      // the reviewer's (MAXIMUS) citation
    Citation claims;                         // the claims administrator's citation
    Quantity quantity;                       // of the item in dispute
    Quantity requested;                      // partial authorisations: of the original request
    Quantity authorised;                     // partial authorisations: of what was authorised
};

DecisionFacets recognise(const Letter& letter, const Decision& decision);

// Domain concepts a text names, with how often ("PT", "physical therapy" -> physical-therapy).
struct ConceptCount {
    std::string name;
    unsigned count = 0;
};
std::vector<ConceptCount> concepts_in(std::string_view text);

// Every concept with the spellings users type for it, for the query side's synonyms.
struct ConceptSpellings {
    std::string name;
    std::vector<std::string> spellings;
};
std::vector<ConceptSpellings> concept_spellings();

// Facet values the words of a query name, by the same recognisers that label decisions.
struct QueryFacets {
    std::vector<std::string> treatments;    // category slugs
    std::vector<std::string> drug_classes;  // class slugs
    std::vector<std::string> regions;
    std::vector<std::string> guidelines;    // source slugs
    std::vector<std::string> chapters;      // guideline chapters
    std::vector<std::string> specialties;   // canonical specialty names
};
QueryFacets recognise_query(std::string_view query);

// Identifiers a text holds (L4-5, L5-S1, 9792.24.1, CM16-0213037, 4/10, 7.5mg, #60), each in
// its indexed spelling (normalise_identifier: lower case, no spaces).
std::vector<std::string> identifiers_in(std::string_view text);
std::string normalise_identifier(std::string_view token);
bool is_identifier(std::string_view token);

// The sentences of `text`, by ICU's English sentence breaker, each with its trailing space; a
// sentence of more than kMaxSentenceWords words (runs of non-space) is cut into pieces of that
// many, read as sentences of their own.
inline constexpr size_t kMaxSentenceWords = 100;
std::vector<std::string> sentences_of(const std::string& text);

// Recognisers, each usable alone.
std::string treatment_category(std::string_view item_title);
std::string medication_class(std::string_view item_title);
// Every category / class a text names, not just the first (for queries naming several).
std::vector<std::string> treatment_categories(std::string_view text);
std::vector<std::string> medication_classes(std::string_view text);
std::vector<std::string> body_regions(std::string_view text);
std::vector<std::string> body_sides(std::string_view text);
std::string canonical_specialty(std::string_view specialty);
Citation parse_citation(std::string_view guideline_text);
// Guideline sources a text names by name ("MTUS", "ACOEM", "ODG", "9792.24.1"), whether relied on or not.
std::vector<std::string> guideline_sources_named(std::string_view text);
// Guideline chapters a text names ("Low Back Complaints", "Chronic Pain Medical Treatment").
std::vector<std::string> guideline_chapters_named(std::string_view text);

}  // namespace imr
