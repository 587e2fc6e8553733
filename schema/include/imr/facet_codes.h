// A decision's facet values as small numbers: the codes of its database's codebook, which
// the database's writer keeps in its metadata. A facet pass over one local database reads
// these rather than the packed display values (slot::facets, about 150 bytes a decision at
// 100k, most of them display strings): the values of a sample or of a small match set lie
// spread over the slot, and reading them was most of a facet pass.
//
// A codebook is known by a random id, written at the start of every coded value and in the
// keys of its entries: shards merged into one database by xapian-compact bring their
// codebooks along side by side, and each decision is read with its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace imr::schema {

// Metadata: the id (8 hex digits) of the codebook the database's writer codes with, and each
// code's value, as facet_code_key(book, code) -> facet_code_entry(field, value).
inline constexpr const char* kFacetBookKey = "imrsearch.facet_book";
inline constexpr const char* kFacetCodePrefix = "imrsearch.facet_code:";
std::string book_name(std::uint32_t book);
std::optional<std::uint32_t> book_of_name(std::string_view name);
std::string facet_code_key(std::uint32_t book, std::uint32_t code);
// The prefix of the keys of `book`'s entries.
std::string facet_code_prefix(std::uint32_t book);
// The book and the code a key names, or nothing when it names none.
std::optional<std::pair<std::uint32_t, std::uint32_t>> code_of_key(std::string_view key);
// A facet value as a codebook entry: its field by index in facets(), then the value.
std::string facet_code_entry(size_t field, std::string_view value);
// An entry undone: the field's index and the value, or nothing when it is not an entry.
std::optional<std::pair<size_t, std::string>> facet_code_value(std::string_view entry);

// A decision's codes, written under codebook `book`.
std::string encode_facet_codes(std::uint32_t book, const std::vector<std::uint32_t>& codes);
// `coded` undone into `out` (cleared first): the codebook that wrote it, or nothing when it
// is no coded value.
std::optional<std::uint32_t> decode_facet_codes(std::string_view coded, std::vector<std::uint32_t>& out);

}  // namespace imr::schema
