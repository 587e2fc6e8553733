#include "facets.h"

#include "imr/facet_codes.h"

#include <algorithm>

namespace imr::detail {

namespace sc = imr::schema;

FacetTally::FacetTally() : by_field_(sc::facets().size()) {}

void FacetTally::add_to(size_t field, std::string_view value, const Count& c) {
    if (field >= by_field_.size()) return;
    Counts& counts = by_field_[field];
    auto it = counts.find(value);
    if (it == counts.end()) it = counts.emplace(std::string(value), Count{}).first;
    it->second += c;
}

void FacetTally::tally(std::string_view packed, Xapian::doccount n) {
    sc::packed_values(packed, values_);
    const bool overturned =
        std::any_of(values_.begin(), values_.end(), [](const sc::PackedValue& v) { return is_overturned(v.field, v.value); });
    const Count c{n, overturned ? n : 0};
    for (const auto& [field, value] : values_) add_to(field, value, c);
}

void FacetTally::tally_codes(const std::vector<std::uint32_t>& codes, const CodeBooks& books, size_t book) {
    const std::vector<std::uint32_t>& overturned_codes = books.books[book].overturned;
    const bool overturned = std::any_of(codes.begin(), codes.end(), [&](std::uint32_t code) {
        return std::find(overturned_codes.begin(), overturned_codes.end(), code) != overturned_codes.end();
    });
    if (book >= by_code_.size()) by_code_.resize(book + 1);
    std::vector<Count>& counts = by_code_[book];
    for (std::uint32_t code : codes) {
        if (code >= counts.size()) counts.resize(code + 1);
        counts[code] += Count{1, overturned ? size_t{1} : 0};
    }
}

void FacetTally::add(const FacetTally& other) {
    for (size_t f = 0; f < other.by_field_.size(); ++f) {
        for (const auto& [value, c] : other.by_field_[f]) add_to(f, value, c);
    }
    if (by_code_.size() < other.by_code_.size()) by_code_.resize(other.by_code_.size());
    for (size_t book = 0; book < other.by_code_.size(); ++book) {
        std::vector<Count>& counts = by_code_[book];
        const std::vector<Count>& theirs = other.by_code_[book];
        if (counts.size() < theirs.size()) counts.resize(theirs.size());
        for (size_t code = 0; code < theirs.size(); ++code) counts[code] += theirs[code];
    }
    examined += other.examined;
}

void FacetTally::resolve(const FacetNames& names) {
    for (size_t book = 0; book < by_code_.size(); ++book) {
        for (size_t code = 0; code < by_code_[book].size(); ++code) {
            const Count& c = by_code_[book][code];
            if (c.decisions == 0) continue;
            // Every code a decision holds was written with it, in the same commit.
            if (const auto* value = names.value(book, static_cast<std::uint32_t>(code))) add_to(value->first, value->second, c);
        }
    }
    by_code_.clear();
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

FacetSpy::FacetSpy(const Xapian::Database& db, unsigned level, const CodeBooks& books)
    : db_(db), slot_(sc::slot::facet_codes(level)), books_(books), values_(db_.valuestream_begin(slot_)) {}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    ++tally_.examined;
    const Xapian::docid id = doc.get_docid();
    const Xapian::ValueIterator end = db_.valuestream_end(slot_);
    std::string coded;
    if (values_ != end && values_.get_docid() > id) {
        coded = doc.get_value(slot_);  // out of docid order after all: this one looked up alone
    } else {
        if (values_ != end) values_.skip_to(id);
        if (values_ != end && values_.get_docid() == id) coded = *values_;
    }
    const auto book = sc::decode_facet_codes(coded, codes_);
    const size_t index = book ? books_.index_of(*book) : books_.books.size();
    if (index < books_.books.size()) tally_.tally_codes(codes_, books_, index);
    else tally_.tally(doc.get_value(sc::slot::facets));
}

FacetTally facet_tally(const Xapian::Database& db, const Xapian::Query& q, unsigned level, const CodeBooks* books) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    // No items, and every match checked: the spy sees the whole (sampled) match set.
    if (books) {
        FacetSpy spy(db, level, *books);
        enquire.add_matchspy(&spy);
        enquire.get_mset(0, 0, db.get_doccount());
        return spy.tally();
    }
    Xapian::ValueCountMatchSpy spy(sc::slot::facets);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    FacetTally out;
    out.examined = spy.get_total();
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) out.tally(*it, it.get_termfreq());
    return out;
}

}  // namespace imr::detail
