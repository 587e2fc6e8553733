// Internal: the decision-date range ("date:2014-01-01..2014-06-30") as terms where it covers
// whole years and months, and a value range only within its partial first and last months.
// A value range alone makes Xapian read the date of every candidate, a value stream decoded
// chunk by chunk: at 1M decisions "date:2014-01-01..2014-06-30 knee" spent 20 ms of a 45 ms
// search in range checks of its facet passes; terms are postings like any filter.
#pragma once

#include <string>

#include <xapian.h>

namespace imr::detail {

class DateRange : public Xapian::RangeProcessor {
public:
    // `name` as typed before the colon; `db` gives the dates indexed, to bound open ranges.
    DateRange(const Xapian::Database& db, Xapian::valueno slot, const std::string& name);

    Xapian::Query operator()(const std::string& begin, const std::string& end) override;

private:
    Xapian::valueno slot_;
    std::string lowest_, highest_;  // YYYYMMDD of the earliest and latest decision indexed
    Xapian::DateRangeProcessor other_forms_;
};

}  // namespace imr::detail
