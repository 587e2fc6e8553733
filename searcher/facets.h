// Internal: facet counts over a match set.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

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
    void add(const FacetTally& other);
    // The counts per facet value, multiplied by `scale` where only a sample of the match set
    // was examined; by count, equal counts by value.
    std::vector<Facet> facets(double scale = 1.0) const;

private:
    struct Count {
        size_t decisions = 0, overturned = 0;
    };
    // Looked up by a view into the packed values: a value already met costs no string.
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Counts = std::unordered_map<std::string, Count, Hash, std::equal_to<>>;

    void add_to(size_t field, std::string_view value, const Count& c);

    std::vector<Counts> by_field_;
    std::vector<schema::PackedValue> values_;  // one decision's, reused
};

// Tallies the packed values (in `slot`: slot::facets or a sample's) of the decisions a pass
// of the matcher over one database hands it. In order of docid it reads the slot as one value
// stream; Document::get_value looks each decision's chunk up anew and decodes it from its
// start, which was most of the facet pass (bench/engines).
class FacetSpy : public Xapian::MatchSpy {
public:
    FacetSpy(const Xapian::Database& db, Xapian::valueno slot);
    void operator()(const Xapian::Document& doc, double wt) override;
    const FacetTally& tally() const { return tally_; }

private:
    Xapian::Database db_;
    Xapian::valueno slot_;
    Xapian::ValueIterator values_;
    FacetTally tally_;
};

// A weightless pass over every match of `q` in `db`, the values of `slot` tallied: by a
// FacetSpy where `db` is one database in this process, else by Xapian's ValueCountMatchSpy,
// which a remote shard (xapian-progsrv) runs on its side, and which takes the documents of
// local shards as their shard hands them over (by the shard's own docids, not the index's).
// Every match must hold a value in `slot`: a sample's slot for a query filtered to that sample.
FacetTally facet_tally(const Xapian::Database& db, const Xapian::Query& q, Xapian::valueno slot, bool one_local_database);

}  // namespace imr::detail
