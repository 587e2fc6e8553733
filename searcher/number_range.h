// Internal: the number filters (visits, units, age): "visits:12" (exactly), "visits:7..12",
// "units:..30", "age:40..". Whole non-negative numbers; a malformed or reversed range is an
// error, never a filter that quietly keeps everything or nothing.
#pragma once

#include <string>

#include <xapian.h>

#include "parse_log.h"

namespace imr::detail {

// Read by the parser as range_processors.h's RangeOf and ValueOf.
class NumberFilter {
public:
    NumberFilter(Xapian::valueno slot, const std::string& name, ParseLog& log) : slot_(slot), name_(name), log_(log) {}
    Xapian::Query operator()(const std::string& from, const std::string& to, const std::string& typed);

private:
    Xapian::valueno slot_;
    std::string name_;
    ParseLog& log_;
};

}  // namespace imr::detail
