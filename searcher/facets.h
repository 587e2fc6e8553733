// Internal: facet counts over a match set.
#pragma once

#include <memory>
#include <vector>

#include <xapian.h>

#include "imr/searcher.h"

namespace imr::detail {

// Xapian's ValueCountMatchSpy over the packed facet slot: it counts each distinct tuple of a
// decision's facet values, and the tuples are split here into counts per facet value, with
// the overturned share from the same pass. A decision counts once per value it has.
class FacetCounter {
public:
    explicit FacetCounter(Xapian::Enquire& enquire);

    // Counts per value, multiplied by `scale` when only a sample of the match set was examined.
    std::vector<Facet> counts(double scale = 1.0) const;

    // How many documents the spy examined.
    size_t examined() const { return spy_->get_total(); }

    // Adds what `other` counted (over a disjoint part of the match set).
    void add(const FacetCounter& other) { spy_->merge_results(other.spy_->serialise_results()); }

private:
    std::unique_ptr<Xapian::ValueCountMatchSpy> spy_;
};

}  // namespace imr::detail
