#include "facets.h"

#include <algorithm>

namespace imr::detail {

namespace sc = imr::schema;

namespace {

size_t outcome_index() {
    const std::vector<const sc::Field*> fields = sc::facets();
    const auto outcome = std::find_if(fields.begin(), fields.end(), [](const sc::Field* f) { return f->name == "outcome"; });
    return static_cast<size_t>(outcome - fields.begin());
}

}  // namespace

FacetTally::FacetTally() : by_field_(sc::facets().size()) {}

void FacetTally::add_to(size_t field, std::string_view value, const Count& c) {
    if (field >= by_field_.size()) return;
    Counts& counts = by_field_[field];
    auto it = counts.find(value);
    if (it == counts.end()) it = counts.emplace(std::string(value), Count{}).first;
    it->second.decisions += c.decisions;
    it->second.overturned += c.overturned;
}

void FacetTally::tally(std::string_view packed, Xapian::doccount n) {
    static const size_t outcome = outcome_index();
    sc::packed_values(packed, values_);
    const bool overturned = std::any_of(values_.begin(), values_.end(), [](const sc::PackedValue& v) {
        return v.field == outcome && v.value == "overturned";
    });
    const Count c{n, overturned ? n : 0};
    for (const auto& [field, value] : values_) add_to(field, value, c);
}

void FacetTally::add(const FacetTally& other) {
    for (size_t f = 0; f < other.by_field_.size(); ++f) {
        for (const auto& [value, c] : other.by_field_[f]) add_to(f, value, c);
    }
    examined += other.examined;
}

std::vector<Facet> FacetTally::facets(double scale) const {
    auto scaled = [scale](size_t n) { return static_cast<size_t>(static_cast<double>(n) * scale + 0.5); };
    const std::vector<const sc::Field*> fields = sc::facets();
    std::vector<Facet> out;
    for (size_t f = 0; f < fields.size(); ++f) {
        Facet facet{std::string(fields[f]->name), {}};
        for (const auto& [value, c] : by_field_[f]) {
            FacetValue fv;
            fv.value = value;
            fv.count = scaled(c.decisions);
            fv.overturned = scaled(c.overturned);
            facet.values.push_back(std::move(fv));
        }
        // Never in the hash map's order.
        std::sort(facet.values.begin(), facet.values.end(), [](const FacetValue& a, const FacetValue& b) {
            return a.count != b.count ? a.count > b.count : a.value < b.value;
        });
        out.push_back(std::move(facet));
    }
    return out;
}

FacetSpy::FacetSpy(const Xapian::Database& db, Xapian::valueno slot)
    : db_(db), slot_(slot), values_(db_.valuestream_begin(slot)) {}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    ++tally_.examined;
    const Xapian::docid id = doc.get_docid();
    const Xapian::ValueIterator end = db_.valuestream_end(slot_);
    if (values_ != end && values_.get_docid() > id) {
        // Out of docid order after all: this one looked up alone.
        tally_.tally(doc.get_value(slot_));
        return;
    }
    if (values_ != end) values_.skip_to(id);
    if (values_ != end && values_.get_docid() == id) tally_.tally(*values_);
}

FacetTally facet_tally(const Xapian::Database& db, const Xapian::Query& q, Xapian::valueno slot, bool one_local_database) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    // No items, and every match checked: the spy sees the whole (sampled) match set.
    if (one_local_database) {
        FacetSpy spy(db, slot);
        enquire.add_matchspy(&spy);
        enquire.get_mset(0, 0, db.get_doccount());
        return spy.tally();
    }
    Xapian::ValueCountMatchSpy spy(slot);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    FacetTally out;
    out.examined = spy.get_total();
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) out.tally(*it, it.get_termfreq());
    return out;
}

}  // namespace imr::detail
