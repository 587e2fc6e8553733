#include <algorithm>

#include "imr/analyzers.h"

namespace imr {

DecisionFacets recognise(const Letter& letter, const Decision& decision) {
    DecisionFacets f;
    f.treatment = treatment_category(decision.title);
    if (f.treatment == "medication") f.drug_class = medication_class(decision.title);
    f.regions = body_regions(decision.title);
    f.sides = body_sides(decision.title);
    for (const auto& s : letter.specialties) {
        std::string canonical = canonical_specialty(s);
        if (!canonical.empty() && std::find(f.specialties.begin(), f.specialties.end(), canonical) == f.specialties.end())
            f.specialties.push_back(canonical);
    }
    f.guideline = parse_citation(decision.reviewer_guideline);
    f.claims = parse_citation(decision.claims_guideline);
    f.quantity = parse_quantity(decision.title);
    if (!decision.original_request.empty()) {
        f.requested = parse_quantity(decision.original_request);
        f.authorised = parse_quantity(decision.authorised);
    }
    return f;
}

}  // namespace imr
