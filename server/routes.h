// Internal: the service's answers, a function from a request to a response that never sees a
// socket (as Beast's example server's handle_request), so that tests call it directly.
//
//   GET  /v1/search?q=&offset=&limit=&sort=&facets=&by_letter=&literal=   (a permalink)
//   POST /v1/search  {"query", "filters": {field: [values]}, "offset", "limit", "sort", "facets", ...}
//   GET  /v1/decisions/{id}   /v1/decisions/{id}/similar   /v1/letters/{case}   /v1/letters/{case}/pdf
//   GET  /v1/export?q=&format=csv|jsonl&sort=   (streamed)
//   GET  /v1/stats   /health   /ready   /metrics   and the web page's files under /
//
// Errors are application/problem+json (RFC 9457: type, title, status, detail) with the
// library's error kind; 500s carry no internal detail.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "imr/searcher.h"
#include "imr/server.h"
#include "metrics.h"

namespace imr::detail {

struct Request {
    std::string method;   // "GET", "POST", ...
    std::string target;   // as sent: path and query string
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
};

struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // A body too large to hold (an export): written chunk by chunk through `write`, which
    // returns false when the client has gone.
    std::function<void(const std::function<bool(std::string_view)>& write)> stream;
    std::string route = "unknown";  // the route template, for metrics
};

// What every route shares: the options, the metrics, the folders indexed (PDFs are served only
// from under them).
struct RouteContext {
    const ServeOptions& options;
    Metrics& metrics;
    std::vector<std::filesystem::path> indexed_roots;
};

// Whether the request must go to a search worker (it reads the index), or can be answered at
// once (health, metrics, files, errors of form).
bool needs_searcher(const Request& request);

// The answer. `searcher` may be null for requests that do not need one.
Response respond(const Request& request, Searcher* searcher, const RouteContext& context);

// A problem+json answer.
Response problem(int status, const std::string& kind, const std::string& detail);

}  // namespace imr::detail
