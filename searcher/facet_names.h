// Internal: a database's facet codebooks (schema's facet_codes.h) as searches read them: what
// each code stands for, kept between searches and read again when the database's revision
// changes (codes are only ever added, so a revision's entries hold for its decisions). A
// database has one codebook, or one per shard merged into it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

namespace imr::detail {

// What a pass over one database needs to count its decisions' codes: its codebooks, and in
// each the code of outcome "overturned" (none before a decision has it).
struct CodeBooks {
    struct Book {
        std::uint32_t id = 0;
        std::vector<std::uint32_t> overturned;
    };
    std::vector<Book> books;
    // The index of the book `id` in `books`, or books.size() for one unknown.
    size_t index_of(std::uint32_t id) const;
};

// Whether facet value `value` of the facet at `field` in facets() is the outcome overturned,
// whose share each value's count shows.
bool is_overturned(size_t field, std::string_view value);

class FacetNames {
public:
    // The codebooks of `db` (one database, opened in this process) at its revision.
    const CodeBooks& refresh(const Xapian::Database& db);
    // The field (by index in facets()) and value code `code` of book `book` (an index in the
    // books refresh gave) stands for; nullptr for none.
    const std::pair<size_t, std::string>* value(size_t book, std::uint32_t code) const;

private:
    bool loaded_ = false;
    std::string uuid_;
    Xapian::rev revision_ = 0;
    CodeBooks books_;
    std::vector<std::vector<std::pair<size_t, std::string>>> values_;  // by book, by code
};

}  // namespace imr::detail
