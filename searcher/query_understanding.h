// Internal: words of a query that name a facet value become filters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "imr/searcher.h"

namespace imr::detail {

struct Understood {
    std::string text;             // what is left for the query parser
    std::vector<Filter> filters;  // understood from words
};

// Bare words "upheld" and "overturned" (not in quotes, not after a field prefix) become
// outcome filters and leave the text; filters typed as field:value stay in the text for the
// query parser and are listed too (from_words false). Facet values the remaining words name
// (treatments, drug classes, regions, guideline sources, reviewer roles) are listed as boosts.
Understood understand(std::string_view query);

}  // namespace imr::detail
