// What a decision document's data holds: everything display needs, so that a
// hit is rendered without re-reading the letter. Stored as JSON; written by
// the indexer, read by the searcher.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace imr {

struct DecisionRecord {
    std::string id;                 // "CM16-0213037#2"
    std::string letter_key;         // case number or file stem
    std::string case_number;        // "" when the letter has none
    std::string file;               // source path as indexed
    int ordinal = 0;
    std::string title;              // the item in dispute
    std::string heading;            // as written, when it says more than the title; else ""
    std::string original_request;   // partial authorisations
    std::string authorised;
    std::string outcome;            // "upheld" | "overturned"
    std::string treatment;          // category slug
    std::string drug_class;         // slug or ""
    std::vector<std::string> regions;
    std::vector<std::string> sides;             // "left", "right", "bilateral"
    int visits = 0;                 // in dispute; 0 when not stated
    int units = 0;
    int requested_visits = 0;       // partial authorisations: the original request
    int requested_units = 0;
    int authorised_visits = 0;      // partial authorisations: what was authorised
    int authorised_units = 0;
    std::vector<std::string> specialties;       // canonical display names
    std::vector<std::string> licensure_states;
    std::vector<std::string> guideline_sources;
    std::vector<std::string> guideline_chapters;
    std::vector<std::string> guideline_sections;
    std::vector<std::string> guideline_pages;
    std::vector<std::string> guideline_editions;
    std::string guideline_basis;    // "mtus" | "outside-mtus" | "none-cited"
    std::vector<std::string> claims_sources;  // the claims administrator's guideline sources
    std::string claims_guideline;
    std::string reviewer_guideline;
    std::string rationale;
    std::string case_summary;       // the letter's case summary, in its first decision's record
                                    // only (schema.h); "" in the others
    std::string decision_date;      // ISO, or ""
    std::string date_of_injury;
    std::string date_assigned;
    std::string ur_denial_date;
    std::string application_received;
    std::string priority;
    std::optional<int> patient_age;
    std::string patient_sex;
    int heading_page = 0;           // PDF page of the heading, 0 for text letters
    int rationale_first_page = 0;
    int rationale_last_page = 0;

    std::string to_data() const;
    // Throws imr::Error (index) when `data` is not a record of this schema.
    static DecisionRecord from_data(const std::string& data);
    // The case summary of a record's data, without reading the rest.
    static std::string_view summary_of(std::string_view data);
};

}  // namespace imr
