// imrsearch serve: the index over HTTP as JSON, read-only, for programs and the web page.
//
//   imr::ServeOptions options;            // 127.0.0.1:8080, safe limits
//   imr::Server server("index/", options);
//   server.run();                         // until stop() or SIGTERM / SIGINT
//
// Searches run on a bounded pool of workers, each with a Searcher of its own (Xapian objects
// are never shared between threads), each search on the newest commit. Requests are read and
// answered by Boost.Beast on Asio; the routes are a function from a request to a response
// (server/routes.h) that never sees a socket.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "imr/searcher.h"

namespace imr {

namespace detail {
struct HttpSession;
}

struct ServeOptions {
    std::string address = "127.0.0.1";  // loopback: anything else is the operator's choice
    unsigned short port = 8080;          // 0: any free port (Server::port() tells which)
    unsigned workers = 0;                // searches at once; 0: one per core
    size_t queue = 64;                   // searches waiting beyond those; more: 503 with Retry-After
    size_t max_connections = 512;        // open at once; more are answered 503 and closed
    size_t max_request_line = 8192;      // bytes of the method, target and version: 414 beyond
    size_t max_header_bytes = 16384;     // 431 beyond
    size_t max_body_bytes = 65536;       // 413 beyond
    std::chrono::seconds read_timeout{10};    // to read one request
    std::chrono::seconds write_timeout{60};   // to write one response (an export: each chunk)
    std::chrono::seconds idle_timeout{30};    // a keep-alive connection with no request
    size_t keep_alive_requests = 1000;        // then the connection closes
    size_t max_limit = 100;                   // hits a page
    std::vector<std::string> cors_origins;    // origins allowed to read answers (CORS); none by default
    std::string token;                        // bearer token every route but /health asks for; "" none
    std::filesystem::path web_root;           // the web page's files, served at /; "" none
    SearcherOptions searcher;
};

class Server {
public:
    // Opens the index (throws imr::Error (index) when it cannot) and binds the address (throws
    // imr::Error (bad_usage) naming it when it cannot).
    Server(const std::filesystem::path& db, ServeOptions options);
    ~Server();

    unsigned short port() const;

    // Serves until stop() or SIGTERM / SIGINT: then accepts no more, finishes the requests in
    // flight and returns.
    void run();
    void stop();

private:
    friend struct detail::HttpSession;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace imr
