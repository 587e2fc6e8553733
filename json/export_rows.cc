// The rows of `imrsearch export` (and the service's export): one table of columns drives the
// CSV header, each CSV row (RFC 4180) and each JSON line, so that they cannot drift apart.
#include <functional>

#include "imr/citation.h"
#include "imr/json_output.h"

namespace imr {

namespace {

struct Column {
    const char* name;
    std::function<nlohmann::json(const DecisionRecord&)> value;
};

nlohmann::json text_or_null(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }
nlohmann::json count_or_null(int n) { return n > 0 ? nlohmann::json(n) : nlohmann::json(); }

const std::vector<Column>& columns() {
    static const std::vector<Column> all = {
        {"id", [](const DecisionRecord& r) { return nlohmann::json(r.id); }},
        {"case", [](const DecisionRecord& r) { return text_or_null(r.case_number); }},
        {"item", [](const DecisionRecord& r) { return nlohmann::json(r.ordinal); }},
        {"title", [](const DecisionRecord& r) { return nlohmann::json(r.title); }},
        {"outcome", [](const DecisionRecord& r) { return nlohmann::json(r.outcome); }},
        {"treatment", [](const DecisionRecord& r) { return nlohmann::json(r.treatment); }},
        {"class", [](const DecisionRecord& r) { return text_or_null(r.drug_class); }},
        {"regions", [](const DecisionRecord& r) { return nlohmann::json(r.regions); }},
        {"sides", [](const DecisionRecord& r) { return nlohmann::json(r.sides); }},
        {"visits", [](const DecisionRecord& r) { return count_or_null(r.visits); }},
        {"units", [](const DecisionRecord& r) { return count_or_null(r.units); }},
        {"specialties", [](const DecisionRecord& r) { return nlohmann::json(r.specialties); }},
        {"decision_date", [](const DecisionRecord& r) { return text_or_null(r.decision_date); }},
        {"guideline_basis", [](const DecisionRecord& r) { return nlohmann::json(r.guideline_basis); }},
        {"chapters", [](const DecisionRecord& r) { return nlohmann::json(r.guideline_chapters); }},
        {"sections", [](const DecisionRecord& r) { return nlohmann::json(r.guideline_sections); }},
        {"pages", [](const DecisionRecord& r) { return nlohmann::json(r.guideline_pages); }},
        {"pdf_pages", [](const DecisionRecord& r) {
             if (r.heading_page <= 0) return nlohmann::json();
             const int last = std::max(r.heading_page, r.rationale_last_page);
             return nlohmann::json(last > r.heading_page ? std::to_string(r.heading_page) + "-" + std::to_string(last)
                                                         : std::to_string(r.heading_page));
         }},
        {"file", [](const DecisionRecord& r) { return nlohmann::json(r.file); }},
        {"citation", [](const DecisionRecord& r) { return nlohmann::json(citation(r)); }},
    };
    return all;
}

// A value as one CSV field: lists joined by "; ", null empty, quoted when it holds a comma,
// a quote or a line break (quotes doubled).
std::string csv_field(const nlohmann::json& v) {
    std::string text;
    if (v.is_null()) text = "";
    else if (v.is_string()) text = v.get<std::string>();
    else if (v.is_array()) {
        for (const auto& e : v) text += (text.empty() ? "" : "; ") + e.get<std::string>();
    } else text = v.dump();
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

}  // namespace

std::string csv_header() {
    std::string out;
    for (const auto& c : columns()) {
        if (!out.empty()) out += ',';
        out += c.name;
    }
    return out + "\r\n";
}

std::string csv_row(const DecisionRecord& r) {
    std::string out;
    bool first = true;
    for (const auto& c : columns()) {
        if (!first) out += ',';
        first = false;
        out += csv_field(c.value(r));
    }
    return out + "\r\n";
}

nlohmann::json export_row(const DecisionRecord& r) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& c : columns()) j[c.name] = c.value(r);
    return j;
}

}  // namespace imr
