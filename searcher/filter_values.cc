#include "filter_values.h"

#include <algorithm>

#include "imr/analyzers.h"
#include "imr/ascii.h"
#include "imr/edit_distance.h"

namespace imr::detail {

namespace {

namespace sc = imr::schema;

// Values scanned for the nearest ones: a facet has a few dozen, ids and cases millions.
constexpr size_t kNearestScan = 5000;
constexpr size_t kNearestShown = 5;

// What the recognisers that label decisions make of `typed` for field `f`: "neck" is the
// cervical region, "PT" physical therapy, "physiatrist" Physical Medicine and Rehabilitation.
std::string understood_value(const sc::Field& f, const std::string& typed) {
    const QueryFacets q = recognise_query(typed);
    auto first = [](const std::vector<std::string>& v) { return v.empty() ? std::string() : v.front(); };
    if (f.name == "treatment") return q.treatments.empty() ? first(q.drug_classes) : q.treatments.front();
    if (f.name == "class") return first(q.drug_classes);
    if (f.name == "region") return first(q.regions);
    if (f.name == "side") return first(body_sides(typed));
    if (f.name == "specialty") return first(q.specialties);
    if (f.name == "guideline") return first(q.guidelines);
    if (f.name == "chapter") return first(q.chapters);
    return "";
}

// The values of `f` the index holds nearest to `typed`, by edit distance; none when the field
// has too many values to scan.
std::vector<std::string> nearest_values(const Xapian::Database& db, const sc::Field& f, const std::string& typed) {
    const std::string prefix(f.prefix), wanted = sc::slug(typed);
    std::vector<std::pair<size_t, std::string>> scored;
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        if (scored.size() >= kNearestScan) return {};
        const std::string value = (*it).substr(prefix.size());
        scored.emplace_back(edit_distance(wanted, value), value);
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (size_t i = 0; i < scored.size() && i < kNearestShown; ++i) out.push_back(scored[i].second);
    return out;
}

std::string nothing_has(const Xapian::Database& db, const sc::Field& f, const std::string& typed) {
    std::string notice = "no decision has " + std::string(f.name) + ":" + typed;
    const std::vector<std::string> near = nearest_values(db, f, typed);
    for (size_t i = 0; i < near.size(); ++i) notice += (i ? ", " : "; nearest values in the index: ") + near[i];
    return notice;
}

bool any_term_starts(const Xapian::Database& db, const std::string& prefix) {
    auto it = db.allterms_begin(prefix);
    return it != db.allterms_end(prefix);
}

}  // namespace

std::string filter_term(const sc::Field& f, const std::string& typed) {
    if (f.name == "case") return sc::term(f, ascii_upper(typed));
    if (f.name == "id") return sc::term(f, typed.size() > 2 && (typed[0] == 'c' || typed[0] == 'C') ? ascii_upper(typed) : typed);
    if (f.name == "specialty") return sc::term(f, sc::slug(canonical_specialty(typed)));
    return sc::term(f, sc::slug(typed));
}

Xapian::Query FilterProcessor::operator()(const std::string& value) {
    const std::string field(field_.name);
    if (value.find('*') != std::string::npos) {
        if (!value.ends_with('*') || value.find('*') + 1 != value.size()) {
            log_.fail("'" + field + ":" + value + "': only a * at the end of a value makes a wildcard");
            return Xapian::Query();
        }
        const std::string typed = value.substr(0, value.size() - 1);
        const std::string prefix = typed.empty() ? std::string(field_.prefix) : filter_term(field_, typed);
        log_.filters.push_back({field, value});
        if (!any_term_starts(db_, prefix)) log_.notices.push_back(nothing_has(db_, field_, value));
        return Xapian::Query(Xapian::Query::OP_WILDCARD, prefix, kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_ERROR,
                             Xapian::Query::OP_OR);
    }
    const std::string term = filter_term(field_, value);
    if (db_.term_exists(term)) {
        log_.filters.push_back({field, value});
        return Xapian::Query(term);
    }
    if (const std::string understood = understood_value(field_, value); !understood.empty()) {
        const std::string other = filter_term(field_, understood);
        if (other != term && db_.term_exists(other)) {
            log_.filters.push_back({field, understood, false, false, value});
            return Xapian::Query(other);
        }
    }
    log_.filters.push_back({field, value});
    log_.notices.push_back(nothing_has(db_, field_, value));
    return Xapian::Query(term);
}

}  // namespace imr::detail
