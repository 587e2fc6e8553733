// JSON of search results, decisions, stats and index summaries. The shapes are
// documented in the README ("JSON output"); change them only on purpose.
#include "imr/json_output.h"

#include "imr/citation.h"

namespace imr {

namespace {

nlohmann::json or_null(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

std::string escape_html(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

nlohmann::json facets_json(const std::vector<Facet>& facets) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& f : facets) {
        nlohmann::json values = nlohmann::json::array();
        for (const auto& v : f.values) {
            values.push_back({{"value", v.value}, {"count", v.count}, {"overturned", v.overturned}});
        }
        out[f.field] = values;
    }
    return out;
}

nlohmann::json quantity_json(int visits, int units) {
    return {{"visits", visits > 0 ? nlohmann::json(visits) : nlohmann::json()},
            {"units", units > 0 ? nlohmann::json(units) : nlohmann::json()}};
}

}  // namespace

std::string marked_html(const std::vector<Fragment>& fragments) {
    std::string out;
    for (const auto& f : fragments) {
        out += f.hit ? "<mark>" + escape_html(f.text) + "</mark>" : escape_html(f.text);
    }
    return out;
}

nlohmann::json to_json(const DecisionRecord& r) {
    nlohmann::json pages = nullptr;
    if (r.heading_page > 0) {
        pages = {{"heading", r.heading_page}, {"rationale", {r.rationale_first_page, r.rationale_last_page}}};
    }
    nlohmann::json j = {
        {"id", r.id},
        {"case", or_null(r.case_number)},
        {"file", r.file},
        {"item", r.ordinal},
        {"title", r.title},
        {"outcome", r.outcome},
        {"treatment", r.treatment},
        {"class", or_null(r.drug_class)},
        {"regions", r.regions},
        {"sides", r.sides},
        {"quantity", quantity_json(r.visits, r.units)},
        {"specialties", r.specialties},
        {"guideline", {{"sources", r.guideline_sources},
                       {"basis", r.guideline_basis},
                       {"chapters", r.guideline_chapters},
                       {"editions", r.guideline_editions},
                       {"sections", r.guideline_sections},
                       {"pages", r.guideline_pages}}},
        {"claims_sources", r.claims_sources},
        {"decision_date", or_null(r.decision_date)},
        {"date_of_injury", or_null(r.date_of_injury)},
        {"pdf_pages", pages},
        {"claims_guideline", r.claims_guideline},
        {"reviewer_guideline", r.reviewer_guideline},
        {"rationale", r.rationale},
        {"summary", or_null(r.case_summary)},
        {"citation", citation(r)},
    };
    if (!r.original_request.empty()) {
        j["partial"] = {{"original_request", r.original_request},
                        {"authorised", or_null(r.authorised)},
                        {"requested_quantity", quantity_json(r.requested_visits, r.requested_units)},
                        {"authorised_quantity", quantity_json(r.authorised_visits, r.authorised_units)}};
    }
    return j;
}

nlohmann::json to_json(const SearchResults& results) {
    nlohmann::json filters = nlohmann::json::array();
    for (const auto& f : results.filters) {
        filters.push_back({{"field", f.field}, {"value", f.value}, {"from_words", f.from_words}, {"boost", f.boost},
                           {"typed", or_null(f.typed)}});
    }
    nlohmann::json ranges = nlohmann::json::array();
    for (const auto& r : results.ranges) ranges.push_back({{"field", r.field}, {"from", or_null(r.from)}, {"to", or_null(r.to)}});
    nlohmann::json hits = nlohmann::json::array();
    for (const auto& h : results.hits) {
        nlohmann::json j = to_json(h.record);
        j.erase("rationale");
        j.erase("claims_guideline");
        j.erase("reviewer_guideline");
        j.erase("summary");
        j["rank"] = h.rank;
        j["score"] = h.weight;
        j["excerpt"] = marked_html(h.excerpt);
        if (!h.letter_decisions.empty() || results.letters > 0) {
            nlohmann::json others = nlohmann::json::array();
            for (const auto& r : h.letter_decisions)
                others.push_back({{"id", r.id}, {"item", r.ordinal}, {"title", r.title}, {"outcome", r.outcome},
                                  {"citation", citation(r)}});
            j["letter_decisions"] = others;
        }
        hits.push_back(j);
    }
    return {
        {"query", {{"typed", results.query}, {"text", results.text}, {"connectors", results.connectors},
                   {"filters", filters}, {"ranges", ranges}, {"common_words", results.common_words},
                   {"parsed", results.parsed}}},
        {"notices", results.notices},
        {"total", results.total},
        {"total_exact", results.total_exact},
        {"letters", results.letters > 0 ? nlohmann::json(results.letters) : nlohmann::json()},
        {"hits", hits},
        {"facets", facets_json(results.facets)},
        {"facets_exact", results.facets_exact},
        {"missing_shards", results.missing_shards},
        {"suggestion", results.suggestion.empty()
                           ? nlohmann::json()
                           : nlohmann::json{{"query", results.suggestion}, {"total", results.suggestion_total}}},
    };
}

nlohmann::json to_json(const std::vector<DecisionRecord>& decisions) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : decisions) list.push_back(to_json(r));
    return {{"decisions", list}};
}

const char* kind_name(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::bad_input: return "bad_input";
        case ErrorKind::bad_query: return "bad_query";
        case ErrorKind::bad_usage: return "bad_usage";
        case ErrorKind::not_found: return "not_found";
        case ErrorKind::index: return "index";
    }
    return "index";
}

nlohmann::json to_json(const Error& e) { return {{"error", {{"kind", kind_name(e.kind())}, {"message", e.what()}}}}; }

std::string json_text(const nlohmann::json& j) { return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string json_line(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

nlohmann::json to_json(const IndexStats& s) {
    return {{"decisions", s.decisions}, {"letters", s.letters}, {"facets", facets_json(s.facets)}};
}

nlohmann::json to_json(const IndexSummary& s) {
    nlohmann::json failures = nlohmann::json::array();
    for (const auto& f : s.failures) failures.push_back({{"file", f.file}, {"reason", f.reason}});
    return {{"files_seen", s.files_seen},
            {"letters_indexed", s.letters_indexed},
            {"decisions_indexed", s.decisions_indexed},
            {"letters_unchanged", s.letters_unchanged},
            {"letters_duplicate", s.letters_duplicate},
            {"letters_removed", s.letters_removed},
            {"failures", failures}};
}

}  // namespace imr
