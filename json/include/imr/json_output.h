// The JSON shapes every front end prints (the command line's --json, the HTTP service): one
// serialiser, so that the same query gives the same bytes either way. They are documented in
// the README ("JSON output") and change only on purpose.
#pragma once

#include <nlohmann/json.hpp>

#include "imr/analyzers.h"
#include "imr/letter.h"

namespace imr {

nlohmann::json to_json(const Letter& letter);
nlohmann::json to_json(const Citation& citation);
nlohmann::json to_json(const Quantity& quantity);

}  // namespace imr

#include "imr/error.h"
#include "imr/indexer.h"
#include "imr/searcher.h"

namespace imr {

nlohmann::json to_json(const DecisionRecord& record);
nlohmann::json to_json(const SearchResults& results);
nlohmann::json to_json(const IndexStats& stats);
nlohmann::json to_json(const IndexSummary& summary);

// {"decisions": [...]}: what `show` finds, one decision or a letter's.
nlohmann::json to_json(const std::vector<DecisionRecord>& decisions);

// {"error": {"kind": "bad_query", "message": "..."}}
nlohmann::json to_json(const Error& error);
const char* kind_name(ErrorKind kind);

// `j` as text, indented; bytes that are not UTF-8 (a file name, a query) replaced by U+FFFD
// rather than thrown on.
std::string json_text(const nlohmann::json& j);
// The same on one line, for JSON lines.
std::string json_line(const nlohmann::json& j);

// The rows of an export, one per decision: the CSV header line and rows (RFC 4180, CRLF line
// ends, lists joined by "; "), or one JSON object per decision with the same columns.
std::string csv_header();
std::string csv_row(const DecisionRecord& record);
nlohmann::json export_row(const DecisionRecord& record);

// Fragments as one string with the query's words in <mark>…</mark>, HTML-escaped.
std::string marked_html(const std::vector<Fragment>& fragments);

}  // namespace imr
