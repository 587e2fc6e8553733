// Readable output for a terminal (bold highlights when `color`) or a pipe.
#pragma once

#include <iosfwd>

#include "imr/indexer.h"
#include "imr/searcher.h"

namespace imr {

// With `facet`, every value of that facet rather than the first of each.
void print_results(std::ostream& out, const SearchResults& results, bool color, const std::string& facet = "");
void print_decision(std::ostream& out, const DecisionRecord& record, bool color);
void print_stats(std::ostream& out, const IndexStats& stats, const std::string& facet = "");
void print_summary(std::ostream& out, const IndexSummary& summary);

}  // namespace imr
