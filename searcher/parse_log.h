// Internal: what the query parser's processors found while reading a query: the filters and
// ranges it applies (whole values, as typed), what the user should be told, and the first
// error. Processors report here rather than throw through Xapian's parser.
#pragma once

#include <string>
#include <vector>

#include "imr/searcher.h"

namespace imr::detail {

struct ParseLog {
    std::vector<Filter> filters;
    std::vector<RangeFilter> ranges;
    std::vector<std::string> notices;
    std::vector<std::string> common_words;  // typed, left out of a list of words (telling_words.h)
    std::string error;  // "" when none

    void fail(const std::string& what) {
        if (error.empty()) error = what;
    }
};

}  // namespace imr::detail
