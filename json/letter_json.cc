#include "imr/json_output.h"

namespace imr {

namespace {

nlohmann::json pages(const PageSpan& span) {
    if (span.first == 0) return nullptr;
    return {{"first", span.first}, {"last", span.last}};
}

nlohmann::json or_null(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

nlohmann::json decision_json(const Letter& letter, const Decision& d) {
    DecisionFacets f = recognise(letter, d);
    nlohmann::json j = {
        {"id", letter.decision_id(d)},
        {"ordinal", d.ordinal},
        {"title", d.title},
        {"heading", d.heading},
        {"outcome", to_string(d.outcome)},
        {"claims_guideline", d.claims_guideline},
        {"reviewer_guideline", d.reviewer_guideline},
        {"rationale", d.rationale},
        {"treatment", f.treatment},
        {"class", or_null(f.drug_class)},
        {"regions", f.regions},
        {"sides", f.sides},
        {"quantity", to_json(f.quantity)},
        {"guideline", to_json(f.guideline)},
        {"claims_guideline_parsed", to_json(f.claims)},
    };
    if (!d.original_request.empty()) {
        j["partial"] = {{"original_request", d.original_request},
                        {"authorised", or_null(d.authorised)},
                        {"requested_quantity", to_json(f.requested)},
                        {"authorised_quantity", to_json(f.authorised)}};
    }
    if (letter.paged) {
        j["heading_pages"] = pages(d.heading_pages);
        j["rationale_pages"] = pages(d.rationale_pages);
    }
    return j;
}

}  // namespace

nlohmann::json to_json(const Citation& c) {
    return {{"sources", c.sources},   {"basis", c.basis},       {"chapters", c.chapters},
            {"editions", c.editions}, {"sections", c.sections}, {"pages", c.pages}};
}

nlohmann::json to_json(const Quantity& q) {
    return {{"visits", q.visits > 0 ? nlohmann::json(q.visits) : nlohmann::json()},
            {"units", q.units > 0 ? nlohmann::json(q.units) : nlohmann::json()}};
}

nlohmann::json to_json(const Letter& letter) {
    nlohmann::json decisions = nlohmann::json::array();
    for (const auto& d : letter.decisions) decisions.push_back(decision_json(letter, d));
    std::vector<std::string> specialties;
    for (const auto& s : letter.specialties) specialties.push_back(canonical_specialty(s));
    return {
        {"source", letter.source},
        {"key", letter.key()},
        {"case_number", or_null(letter.case_number)},
        {"date_assigned", or_null(letter.date_assigned)},
        {"date_of_injury", or_null(letter.date_of_injury)},
        {"decision_date", or_null(letter.decision_date)},
        {"ur_denial_date", or_null(letter.ur_denial_date)},
        {"application_received", or_null(letter.application_received)},
        {"priority", or_null(letter.priority)},
        {"licensure_states", letter.licensure_states},
        {"specialties", letter.specialties},
        {"specialties_canonical", specialties},
        {"patient_age", letter.patient_age ? nlohmann::json(*letter.patient_age) : nlohmann::json()},
        {"patient_sex", or_null(letter.patient_sex)},
        {"case_summary", letter.case_summary},
        {"decisions", decisions},
    };
}

}  // namespace imr
