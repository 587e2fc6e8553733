// Internal: facet counts over a match set.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "imr/searcher.h"

namespace imr::detail {

// Each distinct tuple of a decision's facet values (the packed facet slot), and how many of
// the decisions examined hold it.
struct FacetTuples {
    std::unordered_map<std::string, Xapian::doccount> count;
    size_t examined = 0;

    void add(const FacetTuples& other);
};

// Counts the tuples (in `slot`: slot::facets or a sample's) of the decisions a pass of the
// matcher over one database hands it. In order of docid it reads the slot as one value
// stream; Document::get_value looks each decision's chunk up anew and decodes it from its
// start, which was most of the facet pass (bench/engines).
class FacetTupleSpy : public Xapian::MatchSpy {
public:
    FacetTupleSpy(const Xapian::Database& db, Xapian::valueno slot);
    void operator()(const Xapian::Document& doc, double wt) override;
    const FacetTuples& tuples() const { return tuples_; }

private:
    Xapian::Database db_;
    Xapian::valueno slot_;
    Xapian::ValueIterator values_;
    FacetTuples tuples_;
};

// A weightless pass over every match of `q` in `db`, the tuples of `slot` counted: by a
// FacetTupleSpy where `db` is one database in this process, else by Xapian's
// ValueCountMatchSpy, which a remote shard (xapian-progsrv) runs on its side, and which takes
// the documents of local shards as their shard hands them over (by the shard's own docids,
// not the index's). Every match must hold a value in `slot`: a sample's slot for a query
// filtered to that sample.
FacetTuples facet_tuples(const Xapian::Database& db, const Xapian::Query& q, Xapian::valueno slot,
                         bool one_local_database);

// The tuples split into counts per facet value, with the overturned share from the same
// pass, multiplied by `scale` when only a sample of the match set was examined. A decision
// counts once per value it has.
std::vector<Facet> facet_counts(const FacetTuples& tuples, double scale = 1.0);

}  // namespace imr::detail
