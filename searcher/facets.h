// Internal: facet counts over a match set.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "facet_names.h"
#include "imr/schema.h"
#include "imr/searcher.h"

namespace imr::detail {

// How many of the decisions examined hold each facet value, and how many of those were
// overturned. Values are tallied as each decision's packed values are read: with sixteen
// facets nearly every decision's tuple of values is its own, so counting tuples first hashed
// and kept one long string per decision examined, for little sharing.
class FacetTally {
public:
    size_t examined = 0;  // decisions examined, with or without values

    FacetTally();
    // The packed values (pack_facets) that `n` of the decisions examined hold.
    void tally(std::string_view packed, Xapian::doccount n = 1);
    // The values one decision examined holds, as codes of `books.books[book]`.
    void tally_codes(const std::vector<std::uint32_t>& codes, const CodeBooks& books, size_t book);
    void add(const FacetTally& other);
    // The codes tallied, counted as the values `names` says they stand for.
    void resolve(const FacetNames& names);
    // The counts per facet value, multiplied by `scale` where only a sample of the match set
    // was examined; by count, equal counts by value.
    std::vector<Facet> facets(double scale = 1.0) const;

private:
    struct Count {
        size_t decisions = 0, overturned = 0;
        Count& operator+=(const Count& c) {
            decisions += c.decisions;
            overturned += c.overturned;
            return *this;
        }
    };
    // Looked up by a view into the packed values: a value already met costs no string.
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Counts = std::unordered_map<std::string, Count, Hash, std::equal_to<>>;

    void add_to(size_t field, std::string_view value, const Count& c);

    std::vector<Counts> by_field_;
    std::vector<std::vector<Count>> by_code_;  // by book, by code: not yet resolved
    std::vector<schema::PackedValue> values_;  // one decision's, reused
};

// Tallies the facet codes (slot::facet_codes(level)) of the decisions a pass of the matcher
// over one database hands it. In order of docid it reads the slot as one value stream;
// Document::get_value looks each decision's chunk up anew and decodes it from its start,
// which was most of the facet pass (bench/engines). A decision whose codebook the database
// does not hold (none should) is counted from its display values.
class FacetSpy : public Xapian::MatchSpy {
public:
    FacetSpy(const Xapian::Database& db, unsigned level, const CodeBooks& books);
    void operator()(const Xapian::Document& doc, double wt) override;
    const FacetTally& tally() const { return tally_; }

private:
    Xapian::Database db_;
    Xapian::valueno slot_;
    const CodeBooks& books_;
    Xapian::ValueIterator values_;
    std::vector<std::uint32_t> codes_;  // one decision's, reused
    FacetTally tally_;
};

// A weightless pass over every match of `q` in `db` (`q` filtered to sample `level` where
// it is not 0), its decisions' facet values tallied: by a FacetSpy reading the level's codes
// where `db` is one database in this process and `books` its codebooks (codes to be resolved),
// else by Xapian's ValueCountMatchSpy over the display values (slot::facets), which a remote
// shard (xapian-progsrv) runs on its side, and which takes the documents of local shards as
// their shard hands them over (by the shard's own docids, not the index's).
FacetTally facet_tally(const Xapian::Database& db, const Xapian::Query& q, unsigned level, const CodeBooks* books);

}  // namespace imr::detail
