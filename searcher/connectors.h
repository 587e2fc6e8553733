// Internal: terms and connectors, the query language of Westlaw and Lexis. A query holding a
// connector (/s w/s /p w/p /n w/n pre/n +n & % "BUT NOT", a root expander "chiropract!", a
// segment ti(...) or da(...), "date aft|bef|is DATE") is read with that grammar instead of
// Xapian's:
//   - a space between words is OR (Westlaw), as is OR;
//   - precedence, tightest first (Lexis): OR, /n and pre/n, /s, /p, AND (&), AND NOT (% BUT NOT);
//   - /n: within n words (1 to 255) of each other in one sentence; pre/n and +n: the first
//     before the second, within n words in one sentence; /s: in one sentence (ICU's, as excerpts);
//     /p: in one paragraph (a decision's item and its rationale: the letters set each rationale
//     as one block). Common words are not counted: the index leaves them out;
//   - ti(...) searches the item title (one sentence); da(aft|bef|is DATE), also "date aft DATE",
//     filters by decision date (aft and bef exclusive);
//   - a field:value, "a phrase", upheld/overturned and a case number mean what they mean in a
//     plain query; word* and word! expand over the index.
// Connectors between words are Xapian NEARs over positions laid out for them (schema.h); with a
// phrase or another connector on a side, the decisions such a NEAR finds are checked in their
// stored text with the indexer's tokenisation. Either way the answer is exact.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

#include "query_builder.h"

namespace imr::detail {

// Whether `query` holds terms-and-connectors syntax.
bool is_connector_query(std::string_view query);

// The query as terms and connectors; `shown` set to how it was read ("(a OR b) /s c").
// `one_local_database`: `db` is one database opened in this process (docid_set.h). Throws
// imr::Error (bad_query) naming `query` when it is malformed.
BuiltQuery build_connector_query(const Xapian::Database& db, bool one_local_database, const std::string& query,
                                 std::string& shown);

// Decisions checked in their text for one connector, at most: more is an error asking for a
// narrower query.
inline constexpr Xapian::doccount kMaxCheckedDecisions = 100000;

}  // namespace imr::detail
