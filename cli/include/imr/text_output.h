// Readable output for a terminal (bold highlights when `color`) or a pipe.
#pragma once

#include <iosfwd>

#include "imr/indexer.h"
#include "imr/searcher.h"

namespace imr {

void print_results(std::ostream& out, const SearchResults& results, bool color);
void print_decision(std::ostream& out, const DecisionRecord& record, bool color);
void print_stats(std::ostream& out, const IndexStats& stats);
void print_summary(std::ostream& out, const IndexSummary& summary);

}  // namespace imr
