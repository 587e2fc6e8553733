#include "imr/record.h"

#include <nlohmann/json.hpp>

#include "imr/error.h"

namespace imr {

namespace {

// One list of (key, member) pairs drives both directions, so the two cannot drift.
template <typename Record, typename Visit>
void visit_fields(Record& r, Visit&& v) {
    v("id", r.id);
    v("letter", r.letter_key);
    v("case", r.case_number);
    v("file", r.file);
    v("ordinal", r.ordinal);
    v("title", r.title);
    v("heading", r.heading);
    v("original_request", r.original_request);
    v("authorised", r.authorised);
    v("outcome", r.outcome);
    v("treatment", r.treatment);
    v("class", r.drug_class);
    v("regions", r.regions);
    v("sides", r.sides);
    v("visits", r.visits);
    v("units", r.units);
    v("requested_visits", r.requested_visits);
    v("requested_units", r.requested_units);
    v("authorised_visits", r.authorised_visits);
    v("authorised_units", r.authorised_units);
    v("specialties", r.specialties);
    v("states", r.licensure_states);
    v("guideline_sources", r.guideline_sources);
    v("guideline_chapters", r.guideline_chapters);
    v("guideline_sections", r.guideline_sections);
    v("guideline_pages", r.guideline_pages);
    v("guideline_editions", r.guideline_editions);
    v("guideline_basis", r.guideline_basis);
    v("claims_sources", r.claims_sources);
    v("claims_guideline", r.claims_guideline);
    v("reviewer_guideline", r.reviewer_guideline);
    v("rationale", r.rationale);
    v("decision_date", r.decision_date);
    v("date_of_injury", r.date_of_injury);
    v("date_assigned", r.date_assigned);
    v("ur_denial_date", r.ur_denial_date);
    v("application_received", r.application_received);
    v("priority", r.priority);
    v("age", r.patient_age);
    v("sex", r.patient_sex);
    v("heading_page", r.heading_page);
    v("rationale_first_page", r.rationale_first_page);
    v("rationale_last_page", r.rationale_last_page);
}

// A member at its default (empty, zero) is left out: `get` restores the default, and every
// decision's data is written by the index's one writer thread, which compresses it.
template <typename T>
void put(nlohmann::json& j, const char* key, const T& value) {
    if (value != T{}) j[key] = value;
}

template <typename T>
void put(nlohmann::json& j, const char* key, const std::optional<T>& value) {
    if (value) j[key] = *value;
}

template <typename T>
void get(const nlohmann::json& j, const char* key, T& value) {
    auto it = j.find(key);
    if (it != j.end() && !it->is_null()) value = it->get<T>();
}

template <typename T>
void get(const nlohmann::json& j, const char* key, std::optional<T>& value) {
    auto it = j.find(key);
    if (it != j.end() && !it->is_null()) value = it->get<T>();
}

}  // namespace

namespace {

// The case summary follows the JSON record, after this byte (which JSON text never holds
// unescaped), so that a summary phrase is checked without parsing the record.
constexpr char kSummaryMark = '\x1e';

}  // namespace

std::string DecisionRecord::to_data() const {
    nlohmann::json j;
    visit_fields(*this, [&](const char* key, const auto& member) { put(j, key, member); });
    std::string data = j.dump();
    if (!case_summary.empty()) data.append(1, kSummaryMark).append(case_summary);
    return data;
}

std::string_view DecisionRecord::summary_of(std::string_view data) {
    const size_t mark = data.find(kSummaryMark);
    return mark == std::string_view::npos ? std::string_view() : data.substr(mark + 1);
}

DecisionRecord DecisionRecord::from_data(const std::string& data) {
    DecisionRecord r;
    const size_t mark = data.find(kSummaryMark);
    if (mark != std::string::npos) r.case_summary = data.substr(mark + 1);
    try {
        nlohmann::json j = nlohmann::json::parse(data.begin(), mark == std::string::npos ? data.end() : data.begin() + static_cast<std::ptrdiff_t>(mark));
        visit_fields(r, [&](const char* key, auto& member) { get(j, key, member); });
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorKind::index, std::string("a document's data is not an imrsearch record: ") + e.what());
    }
    return r;
}

}  // namespace imr
