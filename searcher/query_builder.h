// Internal: an understood query to the Xapian query that ranks and filters: the QueryParser set
// up from the schema table (text fields, filters, ranges, concepts, and the searcher's own
// constructs), then facet-value and identifier boosts.
#pragma once

#include <string>

#include <xapian.h>

#include "parse_log.h"
#include "query_understanding.h"
#include "ranked_page.h"

namespace imr::detail {

struct BuiltQuery {
    RankedQuery ranked;
    ParseLog log;  // filters and ranges as applied, notices
};

// Throws imr::Error (bad_query) naming `original` when the parser or a field's value rejects it.
// With `one_local_database`, checked decisions stand as a DocidSet (docid_set.h), not id terms.
BuiltQuery build_query(const Xapian::Database& db, const Understood& understood, const std::string& original,
                       bool one_local_database = false);

}  // namespace imr::detail
