// Internal: a value typed after a filter field ("region:neck", "treatment:PT",
// "specialty:ortho*") to the term the indexer stored. A value the index does not hold is
// understood by the recognisers that label decisions (neck is region:cervical, PT is
// treatment:physical-therapy) and reported so; a value nothing names is reported with the
// nearest values the index holds, never a silent zero.
#pragma once

#include <string>

#include <xapian.h>

#include "imr/schema.h"
#include "parse_log.h"

namespace imr::detail {

// How many index terms a wildcard may expand to; more is an error (Xapian's
// WILDCARD_LIMIT_ERROR), not a slow search.
inline constexpr Xapian::termcount kMaxWildcardTerms = 256;

// The stored term for what a user typed after "field:".
std::string filter_term(const schema::Field& f, const std::string& typed);

class FilterProcessor : public Xapian::FieldProcessor {
public:
    FilterProcessor(const schema::Field& f, const Xapian::Database& db, ParseLog& log) : field_(f), db_(db), log_(log) {}
    Xapian::Query operator()(const std::string& value) override;

private:
    const schema::Field& field_;
    Xapian::Database db_;
    ParseLog& log_;
};

}  // namespace imr::detail
