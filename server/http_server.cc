// The service's sockets: Boost.Beast's async server pattern (a listener, a session per
// connection that reads a request, hands it on, writes the answer), with the limits set where
// they apply: on the parser (header and body sizes), on the stream (timeouts), on the listener
// (connections). Requests that read the index go to the search pool; the session waits on the
// socket meanwhile, holding no thread.
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <array>
#include <utility>
#include <atomic>
#include <chrono>
#include <iostream>
#include <list>
#include <mutex>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include "imr/error.h"
#include "imr/server.h"
#include "metrics.h"
#include "routes.h"
#include "search_pool.h"

namespace imr {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

using Clock = std::chrono::steady_clock;

// Constant-time comparison, so that a wrong token's length of match is not timed.
bool same_token(std::string_view a, std::string_view b) {
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i % std::max<size_t>(1, b.size())]);
    return diff == 0;
}

}  // namespace

struct Server::Impl {
    ServeOptions options;
    net::io_context io;
    tcp::acceptor acceptor{io};
    net::signal_set signals{io, SIGINT, SIGTERM};
    std::unique_ptr<detail::SearchPool> pool;
    detail::Metrics metrics;
    std::unique_ptr<detail::RouteContext> context;
    std::atomic<size_t> connections{0};
    std::atomic<bool> stopping{false};
    std::mutex sessions_mutex;
    std::list<std::weak_ptr<detail::HttpSession>> sessions;

    void accept();
    void stop();
};

// What a closing connection still reads of a client's request: at most this much, each read
// within this time.
constexpr size_t kMaxDrainBytes = 1 << 20;
constexpr std::chrono::milliseconds kDrainTime{500};

struct detail::HttpSession : std::enable_shared_from_this<detail::HttpSession> {
    HttpSession(tcp::socket socket, Server::Impl& server) : stream(std::move(socket)), server(server) { ++server.connections; }
    ~HttpSession() { --server.connections; }

    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    std::optional<http::request_parser<http::string_body>> parser;
    Server::Impl& server;
    size_t served = 0;
    bool busy = false;  // a request is being answered: not to be cut off when stopping
    Clock::time_point started;

    void read() {
        busy = false;
        if (server.stopping) return close();
        parser.emplace();
        parser->header_limit(static_cast<std::uint32_t>(server.options.max_request_line + server.options.max_header_bytes));
        parser->body_limit(server.options.max_body_bytes);
        stream.expires_after(served == 0 ? server.options.read_timeout : server.options.idle_timeout);
        http::async_read(stream, buffer, *parser, [self = shared_from_this()](beast::error_code ec, size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
            ec == net::error::connection_reset || ec == net::error::eof)
            return close();
        busy = true;
        started = Clock::now();
        if (ec == http::error::body_limit) return refuse(413, "the body is over " + std::to_string(server.options.max_body_bytes) + " bytes");
        if (ec == http::error::header_limit) {
            // The request line is parsed into the message as soon as it is whole.
            if (parser->get().target().empty())
                return refuse(414, "the request line is over " + std::to_string(server.options.max_request_line) + " bytes");
            return refuse(431, "the header is over " + std::to_string(server.options.max_header_bytes) + " bytes");
        }
        if (ec) return refuse(400, "malformed request: " + ec.message());
        const auto& req = parser->get();
        if (req.target().size() > server.options.max_request_line) return refuse(414, "the request target is too long");
        detail::Request request;
        request.method = std::string(req.method_string());
        request.target = std::string(req.target());
        for (const auto& field : req) {
            std::string name(field.name_string());
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            request.headers[name] = std::string(field.value());
        }
        request.body = req.body();
        if (auto early = checked(request)) return write(std::move(*early), req.keep_alive(), request.method);
        answer(std::move(request), req.keep_alive());
    }

    // Answers that need no route: chunked or compressed bodies, a missing token, CORS preflight.
    std::optional<detail::Response> checked(const detail::Request& r) const {
        auto header = [&](const char* name) {
            auto it = r.headers.find(name);
            return it == r.headers.end() ? std::string() : it->second;
        };
        if (header("transfer-encoding").find("chunked") != std::string::npos) {
            return detail::problem(411, "bad_request", "send the body with a Content-Length, not chunked");
        }
        if (const std::string enc = header("content-encoding"); !enc.empty() && enc != "identity") {
            return detail::problem(415, "bad_request", "Content-Encoding " + enc + " is not accepted: send the body as is");
        }
        const std::string path = r.target.substr(0, r.target.find('?'));
        if (r.method == "OPTIONS") {
            detail::Response pre;
            pre.status = 204;
            pre.route = "preflight";
            pre.headers = {{"Access-Control-Allow-Methods", "GET, POST"},
                           {"Access-Control-Allow-Headers", "Content-Type, Authorization"},
                           {"Access-Control-Max-Age", "600"}};
            return pre;
        }
        if (!server.options.token.empty() && path != "/health") {
            const std::string auth = header("authorization");
            if (!auth.starts_with("Bearer ") || !same_token(auth.substr(7), server.options.token)) {
                detail::Response no = detail::problem(401, "bad_request", "this service asks for a bearer token");
                no.headers.emplace_back("WWW-Authenticate", "Bearer");
                return no;
            }
        }
        return std::nullopt;
    }

    void answer(detail::Request request, bool keep_alive) {
        if (!detail::needs_searcher(request)) {
            return write(detail::respond(request, nullptr, *server.context), keep_alive, request.method);
        }
        auto self = shared_from_this();
        // The work guard keeps the sockets' loop running until the answer is written, stopping or not.
        const bool queued = server.pool->submit([self, request = std::move(request), keep_alive,
                                                 guard = net::make_work_guard(server.io)](Searcher& searcher) {
            self->server.metrics.set_in_flight(self->server.pool->in_flight());
            detail::Response response = detail::respond(request, &searcher, *self->server.context);
            if (response.stream) return self->stream_out(std::move(response), request.method);
            net::post(self->stream.get_executor(), [self, response = std::move(response), keep_alive, method = request.method]() mutable {
                self->write(std::move(response), keep_alive, method);
            });
        });
        if (!queued) {
            detail::Response busy_now = detail::problem(503, "busy", "too many searches waiting; try again in a second");
            busy_now.headers.emplace_back("Retry-After", "1");
            busy_now.route = "busy";
            write(std::move(busy_now), keep_alive, "GET");
        }
    }

    http::response<http::string_body> message(detail::Response& r, bool keep_alive, const std::string& method) {
        http::response<http::string_body> res{static_cast<http::status>(r.status), 11};
        res.set(http::field::server, "imrsearch");
        for (const auto& [name, value] : r.headers) res.set(name, value);
        cors(res);
        res.keep_alive(keep_alive && served + 1 < server.options.keep_alive_requests && !server.stopping);
        res.body() = std::move(r.body);
        res.prepare_payload();
        if (method == "HEAD") {
            const auto length = res.body().size();
            res.body().clear();
            res.content_length(length);
        }
        return res;
    }

    template <typename Message>
    void cors(Message& res) const {
        const auto origin = parser->get().find(http::field::origin);
        if (origin == parser->get().end()) return;
        const std::string o(origin->value());
        const auto& allowed = server.options.cors_origins;
        if (std::find(allowed.begin(), allowed.end(), o) == allowed.end()) return;
        res.set(http::field::access_control_allow_origin, o);
        res.set(http::field::vary, "Origin");
    }

    void write(detail::Response r, bool keep_alive, const std::string& method) {
        auto res = std::make_shared<http::response<http::string_body>>(message(r, keep_alive, method));
        stream.expires_after(server.options.write_timeout);
        const std::string route = r.route;
        const int status = r.status;
        http::async_write(stream, *res, [self = shared_from_this(), res, route, status](beast::error_code ec, size_t) {
            self->server.metrics.observe(route, status, std::chrono::duration<double>(Clock::now() - self->started).count());
            ++self->served;
            if (ec) return self->close();
            if (!res->keep_alive()) return self->linger_close();
            self->read();
        });
    }

    void refuse(int status, const std::string& detail) {
        detail::Response r = detail::problem(status, "bad_request", detail);
        r.route = "malformed";
        write(std::move(r), false, "GET");
    }

    // An answer too large to hold, written on the search worker's thread chunk by chunk, each
    // write bounded by the write timeout (the session has no operation pending meanwhile).
    void stream_out(detail::Response r, const std::string& method) {
        auto& socket = beast::get_lowest_layer(stream).socket();
        const timeval limit{static_cast<time_t>(server.options.write_timeout.count()), 0};
        ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
        http::response<http::empty_body> head{static_cast<http::status>(r.status), 11};
        head.set(http::field::server, "imrsearch");
        for (const auto& [name, value] : r.headers) head.set(name, value);
        cors(head);
        head.keep_alive(false);
        head.chunked(true);
        beast::error_code ec;
        http::response_serializer<http::empty_body> serializer{head};
        http::write_header(socket, serializer, ec);
        if (!ec && method != "HEAD") {
            r.stream([&](std::string_view chunk) {
                if (ec || chunk.empty()) return !ec;
                net::write(socket, http::make_chunk(net::buffer(chunk.data(), chunk.size())), ec);
                return !ec;
            });
            if (!ec) net::write(socket, http::make_chunk_last(), ec);
        }
        server.metrics.observe(r.route, r.status, std::chrono::duration<double>(Clock::now() - started).count());
        net::post(stream.get_executor(), [self = shared_from_this()] { self->close(); });
    }

    void close() {
        beast::error_code ec;
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream.close();
    }

    // Closed after the answer is sent, reading what the client still sends for a moment: a
    // socket closed with unread bytes (a body over the limit) is reset, and the reset can
    // destroy the answer before the client reads it.
    void linger_close() {
        beast::error_code ec;
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        drain(std::make_shared<std::array<char, 16384>>(), 0);
    }

    // Reads into `sink` and forgets it, until the client is done, kDrainTime passes without a
    // byte, or kMaxDrainBytes have come.
    void drain(std::shared_ptr<std::array<char, 16384>> sink, size_t drained) {
        if (drained > kMaxDrainBytes) return stream.close();
        stream.expires_after(kDrainTime);
        auto& buffer = *sink;
        auto next = [self = shared_from_this(), sink = std::move(sink), drained](beast::error_code ec, size_t n) mutable {
            if (ec) return self->stream.close();
            self->drain(std::move(sink), drained + n);
        };
        stream.async_read_some(net::buffer(buffer), std::move(next));
    }
};

void Server::Impl::accept() {
    acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
        if (ec) {
            if (!stopping && acceptor.is_open()) accept();
            return;
        }
        if (connections >= options.max_connections) {
            // Told why, then closed: the others keep being served.
            static const std::string full =
                "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 1\r\n"
                "Connection: close\r\nContent-Length: 101\r\n\r\n"
                "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"too many connections\"}";
            beast::error_code ignored;
            net::write(socket, net::buffer(full), ignored);
            socket.close(ignored);
        } else {
            auto session = std::make_shared<detail::HttpSession>(std::move(socket), *this);
            {
                std::lock_guard lock(sessions_mutex);
                std::erase_if(sessions, [](const std::weak_ptr<detail::HttpSession>& s) { return s.expired(); });
                sessions.push_back(session);
            }
            net::dispatch(session->stream.get_executor(), [session] { session->read(); });
        }
        accept();
    });
}

void Server::Impl::stop() {
    if (stopping.exchange(true)) return;
    net::post(io, [this] {
        beast::error_code ec;
        acceptor.close(ec);
        signals.cancel(ec);
        // Idle connections are closed; those answering a request close after it.
        std::lock_guard lock(sessions_mutex);
        for (auto& weak : sessions) {
            if (auto s = weak.lock()) {
                net::post(s->stream.get_executor(), [s] {
                    if (!s->busy) s->stream.cancel();
                });
            }
        }
    });
}

Server::Server(const std::filesystem::path& db, ServeOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
    impl_->pool = std::make_unique<detail::SearchPool>(db, impl_->options.searcher, impl_->options.workers, impl_->options.queue);
    Searcher roots(db, impl_->options.searcher);
    impl_->context = std::make_unique<detail::RouteContext>(detail::RouteContext{impl_->options, impl_->metrics, roots.indexed_roots()});
    try {
        const tcp::endpoint at(net::ip::make_address(impl_->options.address), impl_->options.port);
        impl_->acceptor.open(at.protocol());
        impl_->acceptor.set_option(net::socket_base::reuse_address(true));
        impl_->acceptor.bind(at);
        impl_->acceptor.listen(net::socket_base::max_listen_connections);
    } catch (const boost::system::system_error& e) {
        throw Error(ErrorKind::bad_usage, "cannot listen on " + impl_->options.address + ":" +
                                              std::to_string(impl_->options.port) + ": " + e.code().message());
    }
}

Server::~Server() {
    stop();
    if (impl_->pool) impl_->pool->stop();
}

unsigned short Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::run() {
    impl_->signals.async_wait([this](beast::error_code ec, int) {
        if (!ec) impl_->stop();
    });
    impl_->accept();
    std::vector<std::thread> threads;
    for (int i = 0; i < 1; ++i) threads.emplace_back([this] { impl_->io.run(); });
    impl_->io.run();
    for (auto& t : threads) t.join();
    impl_->pool->stop();
}

void Server::stop() { impl_->stop(); }

}  // namespace imr
