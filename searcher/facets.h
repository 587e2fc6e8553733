// Internal: facet counts over the whole match set.
#pragma once

#include <memory>
#include <vector>

#include <xapian.h>

#include "imr/searcher.h"

namespace imr::detail {

// Xapian's ValueCountMatchSpy, one per value slot of every facet of the schema. A
// multi-valued facet owns several slots with one value each; its counts are the sum, and
// each decision counts once per value since a value fills one slot only.
class FacetCounter {
public:
    explicit FacetCounter(Xapian::Enquire& enquire);
    // Counts per value, multiplied by `scale` when only part of the match set was examined.
    std::vector<Facet> counts(double scale = 1.0) const;

    // How many documents the spies examined.
    size_t examined() const;

    // Sets each value's `overturned` from counts made over the overturned part of the match set.
    static void add_overturned(std::vector<Facet>& facets, const std::vector<Facet>& overturned);

private:
    struct FieldSpies {
        std::string field;
        std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    };
    std::vector<FieldSpies> fields_;
};

}  // namespace imr::detail
