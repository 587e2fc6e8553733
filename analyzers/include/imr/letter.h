// Plain data parsed out of one IMR final determination letter. No behaviour
// beyond naming; the parser fills it, the indexer and `imrsearch parse` read it.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace imr {

enum class Outcome { upheld, overturned };

// Where a piece of text stands in a paginated source (PDF). 0 means unknown:
// text letters have no pages.
struct PageSpan {
    int first = 0;
    int last = 0;
};

// One disputed item and the reviewer's decision on it.
struct Decision {
    int ordinal = 0;                 // 1-based position in the letter
    std::string heading;             // the heading as written, lines joined, outcome removed
    std::string title;               // the item in dispute (for a partial authorisation,
                                     // the remaining portion)
    std::string original_request;    // partial authorisations only
    std::string authorised;          // partial authorisations only: what was authorised
    Outcome outcome = Outcome::upheld;
    std::string claims_guideline;    // "Claims Administrator guideline:" text
    std::string reviewer_guideline;  // "MAXIMUS guideline:" text
    std::string rationale;           // "Decision rationale:" text
    PageSpan heading_pages;
    PageSpan rationale_pages;
};

struct Letter {
    std::string source;              // path or name the text came from
    std::string stem;                // file name without extension
    std::string case_number;         // "CM16-0213037", empty when the letter has no header
    std::string date_assigned;       // ISO dates "2016-12-09", empty when absent
    std::string date_of_injury;
    std::string decision_date;
    std::string ur_denial_date;
    std::string application_received;
    std::string priority;            // "Standard", "Expedited"
    std::vector<std::string> licensure_states;
    std::vector<std::string> specialties;   // as written in the letter
    std::optional<int> patient_age;
    std::string patient_sex;         // "male", "female" or empty
    std::string case_summary;
    std::vector<Decision> decisions;
    bool paged = false;              // page numbers in PageSpan are meaningful

    // The letter's identity: its case number, else its file stem.
    const std::string& key() const { return case_number.empty() ? stem : case_number; }
    // A decision's stable id: "<key>#<ordinal>".
    std::string decision_id(const Decision& d) const {
        return key() + "#" + std::to_string(d.ordinal);
    }
};

inline const char* to_string(Outcome o) { return o == Outcome::upheld ? "upheld" : "overturned"; }

}  // namespace imr
