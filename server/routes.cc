#include "routes.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>
#include <uriparser/Uri.h>

#include "imr/error.h"
#include "imr/json_output.h"
#include "imr/schema.h"
#include "imr/utf8.h"

namespace imr::detail {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A request the routes refuse, with its status: caught once, in respond().
struct Refusal {
    int status;
    std::string kind, detail;
};

const char* title_of(int status) {
    switch (status) {
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 411: return "Length Required";
        case 413: return "Content Too Large";
        case 414: return "URI Too Long";
        case 415: return "Unsupported Media Type";
        case 431: return "Request Header Fields Too Large";
        case 503: return "Service Unavailable";
        default: return status >= 500 ? "Internal Server Error" : "Error";
    }
}

int status_of(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::bad_query:
        case ErrorKind::bad_usage:
        case ErrorKind::bad_input: return 400;
        case ErrorKind::not_found: return 404;
        case ErrorKind::index: return 503;
    }
    return 500;
}

Response json_response(const json& j, std::string route) {
    Response r;
    r.headers = {{"Content-Type", "application/json"}};
    r.body = json_text(j);
    r.route = std::move(route);
    return r;
}

// ---- The target: a path of decoded segments, and decoded parameters --------------------------

bool good_escapes(std::string_view s) {
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') continue;
        if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
            !std::isxdigit(static_cast<unsigned char>(s[i + 2])))
            return false;
        i += 2;
    }
    return true;
}

std::string unescaped(std::string_view s, bool plus_is_space) {
    std::string out(s);
    if (out.empty()) return out;
    std::vector<char> buffer(out.begin(), out.end());
    buffer.push_back('\0');
    const char* end = uriUnescapeInPlaceExA(buffer.data(), plus_is_space ? URI_TRUE : URI_FALSE, URI_BR_DONT_TOUCH);
    return std::string(buffer.data(), static_cast<size_t>(end - buffer.data()));
}

struct Target {
    std::vector<std::string> path;  // decoded segments: /v1/decisions/CM16-0213037%231 -> v1, decisions, CM16-0213037#1
    std::multimap<std::string, std::string> params;
    std::optional<std::string> param(const std::string& name) const {
        auto it = params.find(name);
        return it == params.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
};

Target target_of(const std::string& target) {
    const size_t question = target.find('?');
    const std::string_view path = std::string_view(target).substr(0, question);
    const std::string_view query = question == std::string::npos ? std::string_view() : std::string_view(target).substr(question + 1);
    if (path.empty() || path[0] != '/') throw Refusal{400, "bad_request", "the request target must be a path: " + target};
    if (!good_escapes(path) || !good_escapes(query)) throw Refusal{400, "bad_request", "malformed percent-encoding in " + target};
    Target t;
    size_t start = 1;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        const std::string_view raw = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        std::string segment = unescaped(raw, false);
        if (segment == ".." || segment == "." || segment.find('/') != std::string::npos || segment.find('\0') != std::string::npos) {
            throw Refusal{400, "bad_request", "a path segment may not be '..', '.', or hold '/' or NUL: " + target};
        }
        if (!segment.empty()) t.path.push_back(std::move(segment));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    if (!query.empty()) {
        UriQueryListA* list = nullptr;
        int count = 0;
        const std::string q(query);
        if (uriDissectQueryMallocExA(&list, &count, q.data(), q.data() + q.size(), URI_TRUE, URI_BR_DONT_TOUCH) != URI_SUCCESS) {
            throw Refusal{400, "bad_request", "malformed query string in " + target};
        }
        for (UriQueryListA* item = list; item; item = item->next)
            t.params.emplace(item->key ? item->key : "", item->value ? item->value : "");
        uriFreeQueryListA(list);
    }
    for (const auto& [key, value] : t.params) {
        if (invalid_utf8_at(key) || invalid_utf8_at(value)) throw Refusal{400, "bad_query", "a parameter is not UTF-8 text"};
    }
    return t;
}

// ---- Parameters -------------------------------------------------------------------------------

size_t count_param(const std::optional<std::string>& typed, const char* name, size_t fallback, size_t max) {
    if (!typed) return fallback;
    const bool digits = !typed->empty() && typed->size() <= 9 &&
                        std::all_of(typed->begin(), typed->end(), [](unsigned char c) { return std::isdigit(c); });
    if (!digits || std::stoul(*typed) > max) {
        throw Refusal{400, "bad_usage", std::string(name) + "=" + *typed + ": give a whole number from 0 to " + std::to_string(max)};
    }
    return std::stoul(*typed);
}

Sort sort_param(const std::optional<std::string>& typed, Sort fallback) {
    if (!typed) return fallback;
    if (*typed == "relevance") return Sort::relevance;
    if (*typed == "newest") return Sort::newest;
    if (*typed == "oldest") return Sort::oldest;
    throw Refusal{400, "bad_usage", "sort=" + *typed + ": give relevance, newest or oldest"};
}

bool flag_param(const std::optional<std::string>& typed) {
    return typed && (*typed == "1" || *typed == "true" || *typed == "yes" || typed->empty());
}

// The facets asked for: all (absent), none ("none"), or the named ones ("region,specialty").
std::optional<std::vector<std::string>> facets_param(const std::optional<std::string>& typed) {
    if (!typed || typed->empty() || *typed == "all") return std::nullopt;
    if (*typed == "none") return std::vector<std::string>{};
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= typed->size()) {
        const size_t comma = typed->find(',', start);
        std::string name = typed->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const auto facets = schema::facets();
        if (std::none_of(facets.begin(), facets.end(), [&](const schema::Field* f) { return f->name == name; })) {
            throw Refusal{400, "bad_usage", "facets=" + *typed + ": '" + name + "' is no facet"};
        }
        out.push_back(std::move(name));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

// A search as the service answers it: the CLI's JSON, the total as a value and a relation,
// and how long it took.
json search_json(const SearchResults& r, const std::optional<std::vector<std::string>>& facets, double took_ms) {
    json j = to_json(r);
    if (facets) {
        json only = json::object();
        for (const auto& name : *facets)
            if (j["facets"].contains(name)) only[name] = j["facets"][name];
        j["facets"] = only;
    }
    j["total"] = r.total_exact ? json{{"value", r.total}, {"relation", "eq"}}
                               : json{{"value", r.total_lower}, {"relation", "gte"}, {"estimate", r.total}};
    j.erase("total_exact");
    j["took_ms"] = took_ms;
    return j;
}

struct SearchRequest {
    std::string query;
    SearchOptions options;
    std::optional<std::vector<std::string>> facets;
};

SearchRequest search_from_params(const Target& t, const RouteContext& c) {
    SearchRequest s;
    const auto q = t.param("q");
    if (!q || q->find_first_not_of(" \t") == std::string::npos) throw Refusal{400, "bad_query", "q= is missing: the query"};
    s.query = *q;
    s.options.limit = count_param(t.param("limit"), "limit", 10, c.options.max_limit);
    s.options.offset = count_param(t.param("offset"), "offset", 0, kMaxWindow);
    if (s.options.offset + s.options.limit > kMaxWindow) throw Refusal{400, "bad_usage", "offset + limit is over 10000"};
    s.options.sort = sort_param(t.param("sort"), Sort::relevance);
    s.options.by_letter = flag_param(t.param("by_letter"));
    s.options.literal = flag_param(t.param("literal"));
    s.facets = facets_param(t.param("facets"));
    s.options.facets = !s.facets || !s.facets->empty();
    for (auto [it, end] = t.params.equal_range("filter"); it != end; ++it) {
        const size_t colon = it->second.find(':');
        if (colon == std::string::npos || colon == 0) throw Refusal{400, "bad_usage", "filter=" + it->second + ": give field:value"};
        s.options.filters.emplace_back(it->second.substr(0, colon), it->second.substr(colon + 1));
    }
    return s;
}

// POST /v1/search: {"query": "...", "filters": {"region": ["lumbar", "cervical"], "outcome": "upheld"},
// "offset", "limit", "sort", "facets": [...], "by_letter", "literal"}. Filters are the query's
// fields: OR within one, AND across them.
SearchRequest search_from_body(const Request& request, const RouteContext& c) {
    json body;
    try {
        body = json::parse(request.body);
    } catch (const json::exception& e) {
        throw Refusal{400, "bad_request", std::string("the body is not JSON: ") + e.what()};
    }
    if (!body.is_object()) throw Refusal{400, "bad_request", "the body must be a JSON object"};
    auto text = [&](const char* key) -> std::optional<std::string> {
        if (!body.contains(key) || body[key].is_null()) return std::nullopt;
        if (body[key].is_string()) return body[key].get<std::string>();
        if (body[key].is_number_unsigned() || body[key].is_boolean()) return body[key].dump();
        throw Refusal{400, "bad_request", std::string("\"") + key + "\" must be a string or a whole number"};
    };
    SearchRequest s;
    s.query = text("query").value_or("");
    if (body.contains("filters")) {
        if (!body["filters"].is_object()) throw Refusal{400, "bad_request", "\"filters\" must be an object of field: values"};
        for (const auto& [field, values] : body["filters"].items()) {
            const json list = values.is_array() ? values : json::array({values});
            for (const auto& v : list) {
                if (!v.is_string()) throw Refusal{400, "bad_request", "filter values must be strings"};
                s.options.filters.emplace_back(field, v.get<std::string>());
            }
        }
    }
    if (s.query.find_first_not_of(" \t") == std::string::npos) {
        if (s.options.filters.empty()) throw Refusal{400, "bad_query", "no \"query\" and no \"filters\""};
        // Filters alone: every decision they hold.
        s.query = s.options.filters.front().first + ":\"" + s.options.filters.front().second + "\"";
    }
    s.options.limit = count_param(text("limit"), "limit", 10, c.options.max_limit);
    s.options.offset = count_param(text("offset"), "offset", 0, kMaxWindow);
    if (s.options.offset + s.options.limit > kMaxWindow) throw Refusal{400, "bad_usage", "offset + limit is over 10000"};
    s.options.sort = sort_param(text("sort"), Sort::relevance);
    s.options.by_letter = flag_param(text("by_letter"));
    s.options.literal = flag_param(text("literal"));
    if (body.contains("facets")) {
        if (!body["facets"].is_array()) throw Refusal{400, "bad_request", "\"facets\" must be a list of facet names"};
        std::string names;
        for (const auto& f : body["facets"]) names += (names.empty() ? "" : ",") + (f.is_string() ? f.get<std::string>() : f.dump());
        s.facets = facets_param(names.empty() ? std::optional<std::string>("none") : std::optional<std::string>(names));
        s.options.facets = !s.facets->empty();
    }
    return s;
}

Response search(const SearchRequest& s, Searcher& searcher) {
    const auto start = std::chrono::steady_clock::now();
    const SearchResults r = searcher.search(s.query, s.options);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return json_response(search_json(r, s.facets, ms), "/v1/search");
}

// ---- Files --------------------------------------------------------------------------------------

std::optional<std::string> file_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool under(const fs::path& file, const fs::path& root) {
    const std::string f = file.string(), r = root.string();
    return f.starts_with(r) && (f.size() == r.size() || r.ends_with('/') || f[r.size()] == '/');
}

// The letter's source PDF: found through the index by case number, never a path from the
// request; only a file that is a PDF and lies under a folder that was indexed.
Response letter_pdf(const std::string& key, Searcher& searcher, const RouteContext& c) {
    const std::vector<DecisionRecord> letter = searcher.lookup(key);
    if (letter.empty()) throw Refusal{404, "not_found", key + ": no such letter"};
    std::error_code ec;
    const fs::path file = fs::weakly_canonical(letter.front().file, ec);
    const bool allowed = !ec && std::any_of(c.indexed_roots.begin(), c.indexed_roots.end(), [&](const fs::path& r) { return under(file, r); });
    std::optional<std::string> bytes = allowed ? file_bytes(file) : std::nullopt;
    if (!bytes || bytes->substr(0, 1024).find("%PDF-") == std::string::npos) {
        throw Refusal{404, "not_found", key + ": the letter was not indexed from a PDF that can be served"};
    }
    Response r;
    r.headers = {{"Content-Type", "application/pdf"},
                 {"X-Content-Type-Options", "nosniff"},
                 {"Content-Disposition", "inline; filename=\"" + (letter.front().case_number.empty() ? std::string("letter") : letter.front().case_number) + ".pdf\""}};
    r.body = std::move(*bytes);
    r.route = "/v1/letters/{case}/pdf";
    return r;
}

const char* content_type(const fs::path& p) {
    const std::string ext = p.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".json") return "application/json";
    if (ext == ".png") return "image/png";
    return "application/octet-stream";
}

// The web page's files, from under web_root only (segments are checked: no '..').
Response web_file(const Target& t, const RouteContext& c) {
    if (c.options.web_root.empty()) throw Refusal{404, "not_found", "no such route"};
    fs::path p = c.options.web_root;
    for (const auto& seg : t.path) p /= seg;
    std::error_code ec;
    if (t.path.empty() || fs::is_directory(p, ec)) p /= "index.html";
    std::optional<std::string> bytes = fs::is_regular_file(p, ec) ? file_bytes(p) : std::nullopt;
    if (!bytes) throw Refusal{404, "not_found", "no such file or route: /" + (t.path.empty() ? "" : t.path.back())};
    Response r;
    r.headers = {{"Content-Type", content_type(p)}, {"X-Content-Type-Options", "nosniff"}, {"Cache-Control", "no-cache"}};
    r.body = std::move(*bytes);
    r.route = "/{file}";
    return r;
}

// ---- Routes -------------------------------------------------------------------------------------

bool is(const Target& t, std::initializer_list<const char*> path) {
    if (t.path.size() != path.size()) return false;
    size_t i = 0;
    for (const char* p : path) {
        if (std::string(p) != "*" && t.path[i] != p) return false;
        ++i;
    }
    return true;
}

Response route(const Request& request, const Target& t, Searcher* searcher, const RouteContext& c) {
    const bool get = request.method == "GET" || request.method == "HEAD";
    auto need = [&](bool allowed, const char* allow) {
        if (!allowed) {
            Response r = problem(405, "bad_request", request.method + " is not allowed here; use " + allow);
            r.headers.emplace_back("Allow", allow);
            throw r;
        }
    };
    if (is(t, {"health"})) {
        need(get, "GET");
        return json_response({{"status", "ok"}}, "/health");
    }
    if (is(t, {"metrics"})) {
        need(get, "GET");
        Response r;
        r.headers = {{"Content-Type", "text/plain; version=0.0.4"}};
        r.body = c.metrics.text();
        r.route = "/metrics";
        return r;
    }
    if (!t.path.empty() && t.path[0] == "v1") {
        if (!searcher) throw Refusal{500, "internal", "no searcher"};
        if (is(t, {"v1", "search"})) {
            need(get || request.method == "POST", "GET, POST");
            return search(request.method == "POST" ? search_from_body(request, c) : search_from_params(t, c), *searcher);
        }
        need(get, "GET");
        if (is(t, {"v1", "decisions", "*"}) || is(t, {"v1", "letters", "*"})) {
            const std::vector<DecisionRecord> found = searcher->lookup(t.path[2]);
            const bool decision = t.path[1] == "decisions";
            if (found.empty() || (decision && found.size() != 1)) {
                throw Refusal{404, "not_found", t.path[2] + (decision ? ": no such decision" : ": no such letter")};
            }
            return json_response(to_json(found), decision ? "/v1/decisions/{id}" : "/v1/letters/{case}");
        }
        if (is(t, {"v1", "decisions", "*", "similar"})) {
            SearchOptions o;
            o.limit = count_param(t.param("limit"), "limit", 10, c.options.max_limit);
            const auto start = std::chrono::steady_clock::now();
            const SearchResults r = searcher->similar(t.path[2], o, flag_param(t.param("any_treatment")));
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            Response out = json_response(search_json(r, std::nullopt, ms), "/v1/decisions/{id}/similar");
            return out;
        }
        if (is(t, {"v1", "letters", "*", "pdf"})) return letter_pdf(t.path[2], *searcher, c);
        if (is(t, {"v1", "stats"})) return json_response(to_json(searcher->stats()), "/v1/stats");
        if (is(t, {"v1", "export"})) {
            const auto q = t.param("q");
            if (!q || q->empty()) throw Refusal{400, "bad_query", "q= is missing: the query"};
            const std::string format = t.param("format").value_or("csv");
            if (format != "csv" && format != "jsonl") throw Refusal{400, "bad_usage", "format=" + format + ": give csv or jsonl"};
            ExportOptions o;
            o.sort = sort_param(t.param("sort"), Sort::newest);
            o.literal = flag_param(t.param("literal"));
            // The query is checked before the answer begins, so that a bad one is a 400.
            SearchOptions check;
            check.limit = 0;
            check.facets = false;
            check.literal = o.literal;
            (void)searcher->search(*q, check);
            Response r;
            r.headers = {{"Content-Type", format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson"},
                         {"Content-Disposition", std::string("attachment; filename=\"imrsearch-export.") + format + "\""}};
            r.route = "/v1/export";
            const std::string query = *q;
            r.stream = [searcher, query, o, format](const std::function<bool(std::string_view)>& write) {
                if (format == "csv" && !write(csv_header())) return;
                bool going = true;
                searcher->export_matches(query, o, [&](const DecisionRecord& d) {
                    if (going) going = write(format == "csv" ? csv_row(d) : json_line(export_row(d)) + "\n");
                });
            };
            return r;
        }
        throw Refusal{404, "not_found", "no such route: " + request.target};
    }
    if (is(t, {"ready"})) {
        if (!searcher) throw Refusal{500, "internal", "no searcher"};
        const size_t decisions = searcher->stats().decisions;
        const std::optional<long long> rev = searcher->revision();
        c.metrics.set_index(decisions, rev.value_or(-1));
        return json_response({{"status", "ready"}, {"decisions", decisions}, {"revision", rev ? json(*rev) : json()}}, "/ready");
    }
    need(get, "GET");
    return web_file(t, c);
}

}  // namespace

Response problem(int status, const std::string& kind, const std::string& detail) {
    Response r;
    r.status = status;
    r.headers = {{"Content-Type", "application/problem+json"}};
    r.body = json_text({{"type", "about:blank"}, {"title", title_of(status)}, {"status", status},
                        {"detail", status >= 500 ? std::string("the server met an error; it has been logged") : detail},
                        {"kind", kind}});
    return r;
}

bool needs_searcher(const Request& request) {
    const std::string path = request.target.substr(0, request.target.find('?'));
    return path.starts_with("/v1/") || path == "/ready";
}

Response respond(const Request& request, Searcher* searcher, const RouteContext& c) {
    try {
        const Target t = target_of(request.target);
        return route(request, t, searcher, c);
    } catch (const Refusal& r) {
        return problem(r.status, r.kind, r.detail);
    } catch (const Response& r) {
        return r;
    } catch (const Error& e) {
        return problem(status_of(e.kind()), kind_name(e.kind()), e.what());
    } catch (const std::exception& e) {
        std::cerr << "imrsearch serve: " << request.method << " " << request.target << ": " << e.what() << '\n';
        return problem(500, "internal", e.what());
    }
}

}  // namespace imr::detail
