#include "imr/citation.h"

#include <algorithm>

namespace imr {

namespace {

// "2017-01-13" as "Jan. 13, 2017"; "" for no date.
std::string written_date(const std::string& iso) {
    static const char* const months[] = {"Jan.", "Feb.", "Mar.", "Apr.", "May", "June",
                                         "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."};
    if (iso.size() != 10) return "";
    const int month = std::stoi(iso.substr(5, 2)), day = std::stoi(iso.substr(8, 2));
    if (month < 1 || month > 12) return "";
    return std::string(months[month - 1]) + " " + std::to_string(day) + ", " + iso.substr(0, 4);
}

}  // namespace

std::string citation(const DecisionRecord& r) {
    std::string out = r.case_number.empty() ? r.letter_key : r.case_number;
    out += " (IMR Final Determination";
    if (const std::string date = written_date(r.decision_date); !date.empty()) out += ", " + date;
    out += "), item " + std::to_string(r.ordinal) + ", \"" + r.title + "\": " + r.outcome;
    if (r.heading_page > 0) {
        const int last = std::max(r.heading_page, r.rationale_last_page);
        out += last > r.heading_page ? ", PDF pp. " + std::to_string(r.heading_page) + "-" + std::to_string(last)
                                     : ", PDF p. " + std::to_string(r.heading_page);
    }
    return out;
}

}  // namespace imr
