// JSON shapes printed by the command line. They are documented in the README
// and change only on purpose.
#pragma once

#include <nlohmann/json.hpp>

#include "imr/analyzers.h"
#include "imr/letter.h"

namespace imr {

nlohmann::json to_json(const Letter& letter);
nlohmann::json to_json(const Citation& citation);
nlohmann::json to_json(const Quantity& quantity);

}  // namespace imr

#include "imr/indexer.h"
#include "imr/searcher.h"

namespace imr {

nlohmann::json to_json(const DecisionRecord& record);
nlohmann::json to_json(const SearchResults& results);
nlohmann::json to_json(const IndexStats& stats);
nlohmann::json to_json(const IndexSummary& summary);

// Fragments as one string with the query's words in <mark>…</mark>, HTML-escaped.
std::string marked_html(const std::vector<Fragment>& fragments);

}  // namespace imr
