#include "imr/plain_decision.h"

namespace imr::bench {

std::string plain_text(const Letter& letter, const Decision& d) {
    return d.title + "\n" + d.claims_guideline + "\n" + d.reviewer_guideline + "\n" + d.rationale + "\n" + letter.case_summary;
}

}  // namespace imr::bench
