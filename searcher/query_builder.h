// Internal: the QueryParser set up from the schema table.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "imr/searcher.h"
#include "ranked_page.h"

namespace imr::detail {

// A QueryParser for `db` knowing every free-text, filter and range field of the schema.
Xapian::QueryParser make_query_parser(const Xapian::Database& db);

// `text` parsed, then filtered by `filters` (OR within a field, AND across fields), and
// boosted by those that are boosts. Throws imr::Error (bad_query) naming `original` when the
// parser rejects the text.
RankedQuery build_query(Xapian::QueryParser& parser, const std::string& text, const std::vector<Filter>& filters,
                        const std::string& original);

}  // namespace imr::detail
