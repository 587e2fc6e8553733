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
};

// Facets recognised in one decision: what the index filters and counts on.
struct DecisionFacets {
    std::string treatment;                   // category slug: "acupuncture", "medication" ...
    std::string drug_class;                  // medications: "opioid", "muscle-relaxant" ... or ""
    std::vector<std::string> regions;        // "lumbar", "knee" ...
    std::vector<std::string> specialties;    // canonical display names
    Citation guideline;                      // the reviewer's (MAXIMUS) citation
};

DecisionFacets recognise(const Letter& letter, const Decision& decision);

// Recognisers, each usable alone.
std::string treatment_category(std::string_view item_title);
std::string medication_class(std::string_view item_title);
std::vector<std::string> body_regions(std::string_view text);
std::string canonical_specialty(std::string_view specialty);
Citation parse_citation(std::string_view guideline_text);

}  // namespace imr
