#include "imr/text_output.h"

#include "imr/citation.h"

#include <algorithm>
#include <iomanip>
#include <ostream>

namespace imr {

namespace {

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";
constexpr size_t kFacetValuesShown = 8;

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
    std::string out;
    for (const auto& s : v) {
        if (!out.empty()) out += sep;
        out += s;
    }
    return out;
}

std::string quantity_text(int visits, int units) {
    std::string s;
    if (visits > 0) s += std::to_string(visits) + " visit" + (visits == 1 ? "" : "s");
    if (units > 0) s += (s.empty() ? "#" : ", #") + std::to_string(units);
    return s;
}

// Appends `label` and the joined `values` when there are any. (Appending rather than
// "label" + join(...) also keeps GCC 12's -Wrestrict false positive at -O3 away.)
void append_list(std::string& s, const char* label, const std::vector<std::string>& values, const char* sep) {
    if (values.empty()) return;
    s += label;
    s += join(values, sep);
}

std::string guideline_line(const DecisionRecord& r) {
    std::string s = join(r.guideline_sources, "/");
    if (r.guideline_basis == "outside-mtus") s += " (outside the MTUS)";
    append_list(s, " ", r.guideline_editions, "/");
    append_list(s, " ", r.guideline_chapters, "; ");
    append_list(s, ", section ", r.guideline_sections, "; ");
    append_list(s, ", p. ", r.guideline_pages, ",");
    return s;
}

void print_excerpt(std::ostream& out, const std::vector<Fragment>& fragments, bool color) {
    out << "    ";
    for (const auto& f : fragments) {
        if (f.hit && color) out << kBold << f.text << kReset;
        else if (f.hit) out << '*' << f.text << '*';
        else out << f.text;
    }
    out << '\n';
}

void print_facets(std::ostream& out, const std::vector<Facet>& facets) {
    for (const auto& f : facets) {
        if (f.values.empty()) continue;
        out << "  " << std::left << std::setw(11) << (f.field + ":");
        for (size_t i = 0; i < f.values.size() && i < kFacetValuesShown; ++i) {
            const FacetValue& v = f.values[i];
            out << (i ? ", " : "") << v.value << " (" << v.count;
            if (f.field != "outcome") out << ", " << (100 * v.overturned + v.count / 2) / v.count << "% overturned";
            out << ")";
        }
        if (f.values.size() > kFacetValuesShown) out << ", … " << f.values.size() - kFacetValuesShown << " more";
        out << '\n';
    }
}

// Every value of `f`, one a line, with its count and share overturned.
void print_facet_values(std::ostream& out, const Facet& f) {
    size_t width = 5;
    for (const auto& v : f.values) width = std::max(width, v.value.size());
    out << "  " << std::left << std::setw(static_cast<int>(width)) << "value" << "  " << std::right << std::setw(8)
        << "count" << "  overturned\n";
    for (const auto& v : f.values) {
        out << "  " << std::left << std::setw(static_cast<int>(width)) << v.value << "  " << std::right << std::setw(8)
            << v.count << "  " << std::setw(9) << (v.count ? (100 * v.overturned + v.count / 2) / v.count : 0) << "%\n";
    }
}

// The facets, or with `only` every value of that one.
void print_facet_section(std::ostream& out, const std::vector<Facet>& facets, const std::string& only) {
    if (only.empty()) return print_facets(out, facets);
    for (const auto& f : facets)
        if (f.field == only) print_facet_values(out, f);
}

}  // namespace

void print_results(std::ostream& out, const SearchResults& r, bool color, const std::string& facet) {
    for (const auto& m : r.missing_shards) out << "Partial results: " << m << '\n';
    out << "Query: " << r.query << '\n';
    std::string understood = r.text;
    for (const auto& f : r.filters) {
        if (f.boost) understood += " [+" + f.field + ":" + f.value + "]";
    }
    if (r.connectors) {
        out << "Understood as terms and connectors: " << understood << "\n";
    } else if (understood != r.query) {
        out << "Understood as: " << understood << "\n  ([+field:value] ranks higher; --literal searches the words as typed)\n";
    }
    for (const auto& f : r.filters) {
        if (!f.typed.empty()) out << "Read " << f.field << ':' << f.typed << " as " << f.field << ':' << f.value << '\n';
    }
    if (!r.common_words.empty()) {
        out << "Searched without words most decisions hold:";
        for (const auto& w : r.common_words) out << ' ' << w;
        out << '\n';
    }
    for (const auto& n : r.notices) out << "Note: " << n << '\n';
    out << (r.total_exact ? "" : "about ") << r.total << " decision" << (r.total == 1 ? "" : "s");
    if (r.letters > 0) out << " in " << (r.letters_exact ? "" : "about ") << r.letters << " letter" << (r.letters == 1 ? "" : "s");
    out << "\n";
    if (!r.suggestion.empty()) {
        out << "Did you mean: " << r.suggestion << "  (" << r.suggestion_total << " decisions)\n";
    }
    out << '\n';
    for (const auto& h : r.hits) {
        const DecisionRecord& d = h.record;
        out << std::right << std::setw(3) << h.rank << ". " << (color ? kBold : "") << d.title << (color ? kReset : "")
            << " — " << d.outcome << '\n';
        out << "    " << citation(d) << '\n';
        out << "    " << d.id << " · " << d.file << '\n';
        out << "    " << d.treatment << (d.drug_class.empty() ? "" : "/" + d.drug_class);
        if (!d.regions.empty()) out << " · " << join(d.sides, "/") << (d.sides.empty() ? "" : " ") << join(d.regions);
        if (std::string q = quantity_text(d.visits, d.units); !q.empty()) out << " · " << q;
        if (!d.specialties.empty()) out << " · " << join(d.specialties);
        if (!d.decision_date.empty()) out << " · decided " << d.decision_date;
        out << '\n';
        out << "    guideline: " << guideline_line(d) << '\n';
        print_excerpt(out, h.excerpt, color);
        for (const auto& other : h.letter_decisions)
            out << "      also in this letter: item " << other.ordinal << ", " << other.title << " — " << other.outcome << '\n';
        out << '\n';
    }
    if (!r.facets.empty()) {
        out << (r.facets_exact ? "Facets over all " : "Facets, estimated from a sample, over ")
            << (r.facets_exact || r.total_exact ? "" : "about ") << r.total
            << " matches" << (facet.empty() ? "" : ", every value of " + facet) << ":\n";
        print_facet_section(out, r.facets, facet);
    }
}

void print_decision(std::ostream& out, const DecisionRecord& d, bool color) {
    out << (color ? kBold : "") << d.title << (color ? kReset : "") << " — " << d.outcome << '\n';
    out << "Decision:    " << d.id << '\n';
    out << "Citation:    " << citation(d) << '\n';
    out << "File:        " << d.file << '\n';
    if (!d.original_request.empty()) {
        out << "Original:    " << d.original_request << '\n';
        if (!d.authorised.empty()) out << "Authorised:  " << d.authorised << '\n';
    }
    if (std::string q = quantity_text(d.visits, d.units); !q.empty()) out << "Quantity:    " << q << '\n';
    out << "Treatment:   " << d.treatment << (d.drug_class.empty() ? "" : " / " + d.drug_class) << '\n';
    if (!d.regions.empty()) out << "Region:      " << join(d.sides, "/") << (d.sides.empty() ? "" : " ") << join(d.regions) << '\n';
    out << "Specialty:   " << join(d.specialties) << '\n';
    if (!d.decision_date.empty()) out << "Decided:     " << d.decision_date << '\n';
    if (!d.date_of_injury.empty()) out << "Injured:     " << d.date_of_injury << '\n';
    out << "Guideline:   " << guideline_line(d) << "\n\n";
    out << "Claims Administrator guideline: " << d.claims_guideline << "\n\n";
    out << "MAXIMUS guideline: " << d.reviewer_guideline << "\n\n";
    out << "Decision rationale: " << d.rationale << '\n';
}

void print_stats(std::ostream& out, const IndexStats& s, const std::string& facet) {
    out << s.decisions << " decisions from " << s.letters << " letters\n";
    print_facet_section(out, s.facets, facet);
}

void print_summary(std::ostream& out, const IndexSummary& s) {
    out << "files read:          " << s.files_seen << '\n'
        << "letters indexed:     " << s.letters_indexed << " (" << s.decisions_indexed << " decisions)\n"
        << "letters unchanged:   " << s.letters_unchanged << '\n';
    if (s.letters_duplicate) out << "letters duplicate:   " << s.letters_duplicate << " (case already indexed from another file)\n";
    if (s.letters_removed) out << "letters removed:     " << s.letters_removed << '\n';
    out << "letters failed:      " << s.failures.size() << '\n';
}

}  // namespace imr
