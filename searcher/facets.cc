#include "facets.h"

#include <algorithm>
#include <string_view>

#include "imr/schema.h"

namespace imr::detail {

namespace sc = imr::schema;

void FacetTuples::add(const FacetTuples& other) {
    for (const auto& [tuple, n] : other.count) count[tuple] += n;
    examined += other.examined;
}

FacetTupleSpy::FacetTupleSpy(const Xapian::Database& db, Xapian::valueno slot)
    : db_(db), slot_(slot), values_(db_.valuestream_begin(slot)) {}

void FacetTupleSpy::operator()(const Xapian::Document& doc, double) {
    ++tuples_.examined;
    const Xapian::docid id = doc.get_docid();
    const Xapian::ValueIterator end = db_.valuestream_end(slot_);
    if (values_ != end && values_.get_docid() > id) {
        // Out of docid order after all: this one looked up alone.
        const std::string v = doc.get_value(slot_);
        if (!v.empty()) ++tuples_.count[v];
        return;
    }
    if (values_ != end) values_.skip_to(id);
    if (values_ != end && values_.get_docid() == id) ++tuples_.count[*values_];
}

FacetTuples facet_tuples(const Xapian::Database& db, const Xapian::Query& q, Xapian::valueno slot, bool one_local_database) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    // No items, and every match checked: the spy sees the whole (sampled) match set.
    if (one_local_database) {
        FacetTupleSpy spy(db, slot);
        enquire.add_matchspy(&spy);
        enquire.get_mset(0, 0, db.get_doccount());
        return spy.tuples();
    }
    Xapian::ValueCountMatchSpy spy(slot);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    FacetTuples out;
    out.examined = spy.get_total();
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) out.count[*it] = it.get_termfreq();
    return out;
}

std::vector<Facet> facet_counts(const FacetTuples& tuples, double scale) {
    const std::vector<const sc::Field*> fields = sc::facets();
    const auto outcome = std::find_if(fields.begin(), fields.end(), [](const sc::Field* f) { return f->name == "outcome"; });
    const size_t outcome_index = static_cast<size_t>(outcome - fields.begin());
    struct Tally {
        size_t count = 0, overturned = 0;
    };
    // Views into the tuples' own strings, which outlive the tallies.
    std::vector<std::unordered_map<std::string_view, Tally>> tallies(fields.size());
    std::vector<std::pair<size_t, std::string_view>> values;
    for (const auto& [tuple, n] : tuples.count) {
        values.clear();
        sc::for_each_facet_value(tuple, [&](size_t field, std::string_view value) { values.emplace_back(field, value); });
        const bool overturned = std::any_of(values.begin(), values.end(), [&](const auto& fv) {
            return fv.first == outcome_index && fv.second == "overturned";
        });
        for (const auto& [field, value] : values) {
            if (field >= tallies.size()) continue;
            Tally& t = tallies[field][value];
            t.count += n;
            if (overturned) t.overturned += n;
        }
    }
    auto scaled = [scale](size_t n) { return static_cast<size_t>(static_cast<double>(n) * scale + 0.5); };
    std::vector<Facet> out;
    for (size_t f = 0; f < fields.size(); ++f) {
        Facet facet{std::string(fields[f]->name), {}};
        for (const auto& [value, t] : tallies[f]) {
            FacetValue fv;
            fv.value = std::string(value);
            fv.count = scaled(t.count);
            fv.overturned = scaled(t.overturned);
            facet.values.push_back(std::move(fv));
        }
        // By count, equal counts by value: never in the hash map's order.
        std::sort(facet.values.begin(), facet.values.end(), [](const FacetValue& a, const FacetValue& b) {
            return a.count != b.count ? a.count > b.count : a.value < b.value;
        });
        out.push_back(std::move(facet));
    }
    return out;
}

}  // namespace imr::detail
