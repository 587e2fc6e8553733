// Internal: the decision-date filter, "date:2017", "date:2017-01", "date:01/15/2017" (the whole
// year, month or day) and ranges of those ("date:2016-12..2017-01-31", open ends "..2017").
// Searched as year and month terms where the range covers whole years and months, and a value
// range only within its partial first and last months: a value range alone makes Xapian read
// the date of every candidate, a value stream decoded chunk by chunk (at 1M decisions
// "date:2014-01-01..2014-06-30 knee" spent 20 ms of a 45 ms search in range checks of its
// facet passes); terms are postings like any filter. A malformed, impossible or reversed date
// is an error; a range outside the index's dates finds nothing and says so.
#pragma once

#include <string>

#include <xapian.h>

#include "parse_log.h"

namespace imr::detail {

// The decisions dated within the days of `from` .. `to` (either "" for an open end), as typed;
// read by the parser as range_processors.h's RangeOf and ValueOf.
class DateFilter {
public:
    // `name` as typed before the colon; `db` gives the dates indexed, to bound open ranges.
    DateFilter(const Xapian::Database& db, Xapian::valueno slot, const std::string& name, ParseLog& log);
    Xapian::Query operator()(const std::string& from, const std::string& to, const std::string& typed);

private:
    Xapian::valueno slot_;
    std::string name_;
    std::string lowest_, highest_;  // YYYYMMDD of the earliest and latest decision indexed
    ParseLog& log_;
};

}  // namespace imr::detail
