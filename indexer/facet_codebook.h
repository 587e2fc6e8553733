// Internal: a shard's facet codebook (schema's facet_codes.h), kept by its writer. Codes are
// given in the order values are first met and never change, so that a decision written once
// keeps its meaning whatever is written after it; new entries go into the metadata with the
// letter that brought them, between the same two commits.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "imr/schema.h"

namespace imr::detail {

class FacetCodebook {
public:
    // The codebook `db` codes with (of a merged database's, the one its metadata names),
    // started with an id of its own when it has none.
    explicit FacetCodebook(Xapian::WritableDatabase& db);

    // Adds to `doc` its facet values (slot::facets) as codes: slot::facet_codes(0), and the
    // slot of each sample level its XR: terms put it in.
    void code(Xapian::Document& doc);

private:
    std::uint32_t code_of(size_t field, std::string_view value);

    Xapian::WritableDatabase db_;
    std::uint32_t book_ = 0;
    std::uint32_t next_code_ = 0;
    std::unordered_map<std::string, std::uint32_t> codes_;  // facet_code_entry -> code
    std::vector<schema::PackedValue> values_;               // one decision's, reused
    std::vector<std::uint32_t> coded_;
};

}  // namespace imr::detail
