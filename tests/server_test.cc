// imrsearch serve on 127.0.0.1, a free port, over an index of data/: every route against the
// library and the command line, bad requests answered and survived, idle connections, a
// writer indexing while clients search, a bounded load run of wrk, SIGTERM.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <nlohmann/json.hpp>

#include "imr/cli.h"
#include "imr/indexer.h"
#include "imr/server.h"
#include "sample_corpus.h"

using namespace imr;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using nlohmann::json;

namespace {

// A Server on its own thread for the life of the object.
class Running {
public:
    explicit Running(const std::filesystem::path& db, ServeOptions options = {}) {
        options.address = "127.0.0.1";
        options.port = 0;
        options.searcher.threads = 1;
        server_ = std::make_unique<Server>(db, options);
        thread_ = std::thread([this] { server_->run(); });
    }
    ~Running() {
        server_->stop();
        thread_.join();
    }
    unsigned short port() const { return server_->port(); }

private:
    std::unique_ptr<Server> server_;
    std::thread thread_;
};

struct Answer {
    int status = 0;
    std::map<std::string, std::string> headers;
    std::string body;
    json data() const { return json::parse(body); }
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
};

Answer ask(unsigned short port, const std::string& target, const std::string& method = "GET", const std::string& body = "",
           const std::map<std::string, std::string>& headers = {}) {
    net::io_context io;
    beast::tcp_stream stream(io);
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty()) req.body() = body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(1u << 30);
    http::read(stream, buffer, parser);
    Answer a;
    a.status = static_cast<int>(parser.get().result_int());
    for (const auto& f : parser.get()) a.headers[std::string(f.name_string())] = std::string(f.value());
    a.body = parser.get().body();
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return a;
}

// Bytes as sent, and the status line of what comes back.
int raw_status(unsigned short port, const std::string& bytes) {
    net::io_context io;
    tcp::socket s(io);
    s.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    beast::error_code ec;
    // The server may answer and stop reading before all is sent: its answer is still there.
    net::write(s, net::buffer(bytes), ec);
    std::string got(64, '\0');
    const size_t n = s.read_some(net::buffer(got), ec);
    got.resize(n);
    if (!got.starts_with("HTTP/1.1 ")) return 0;
    return std::stoi(got.substr(9, 3));
}

std::string encoded(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') out += static_cast<char>(c);
        else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

const std::filesystem::path& pdf_and_text_index() {
    static test::TempDir dir;
    static const bool built = [] {
        Indexer indexer(dir / "index");
        // The PDFs first: the text copies of the same letters are then duplicates.
        return indexer.index({test::data_dir() / "pdf", test::letters_dir()}).failures.empty();
    }();
    REQUIRE(built);
    static const std::filesystem::path p = dir / "index";
    return p;
}

}  // namespace

TEST_CASE("every route answers as the library and the command line do", "[server]") {
    const auto& db = pdf_and_text_index();
    Running server(db);
    const unsigned short port = server.port();
    // A search: the same hits and facets, byte for byte, as search --json.
    for (const std::string q : {"acupuncture upheld no functional improvement", "region:neck", "knee /s pain", "TENS"}) {
        INFO(q);
        const Answer a = ask(port, "/v1/search?q=" + encoded(q));
        REQUIRE(a.status == 200);
        CHECK(a.header("Content-Type") == "application/json");
        const json served = a.data();
        const json cli = json::parse(test::cli({"search", "--db", db.string(), "--json", q}).out);
        CHECK(served["hits"].dump() == cli["hits"].dump());
        CHECK(served["facets"].dump() == cli["facets"].dump());
        CHECK(served["query"].dump() == cli["query"].dump());
        CHECK(served["total"]["value"].get<size_t>() <= cli["total"].get<size_t>());
        CHECK(served["total"]["relation"] == (cli["total_exact"].get<bool>() ? "eq" : "gte"));
        CHECK(served.contains("took_ms"));
    }
    // Paging, sort and facets from the query string; POST with filters.
    const json page2 = ask(port, "/v1/search?q=knee&offset=10&limit=5&sort=newest&facets=region").data();
    CHECK(page2["hits"].size() == 5);
    CHECK(page2["hits"][0]["rank"] == 11);
    CHECK(page2["facets"].size() == 1);
    const Answer posted = ask(port, "/v1/search", "POST",
                              R"({"query": "MRI", "filters": {"region": ["lumbar", "cervical"], "outcome": "upheld"}, "limit": 50})",
                              {{"Content-Type", "application/json"}});
    REQUIRE(posted.status == 200);
    for (const auto& h : posted.data()["hits"]) {
        CHECK(h["outcome"] == "upheld");
        const auto regions = h["regions"].get<std::vector<std::string>>();
        CHECK((std::count(regions.begin(), regions.end(), "lumbar") + std::count(regions.begin(), regions.end(), "cervical")) > 0);
    }
    // Decisions, letters, similar, stats.
    const json decision = ask(port, "/v1/decisions/" + encoded("CM16-0213037#1")).data();
    CHECK(decision["decisions"][0]["id"] == "CM16-0213037#1");
    CHECK(ask(port, "/v1/letters/CM16-0230651").data()["decisions"].size() == Searcher(db).lookup("CM16-0230651").size());
    CHECK(ask(port, "/v1/decisions/" + encoded("CM16-0213037#1") + "/similar").status == 200);
    CHECK(ask(port, "/v1/decisions/nope%231").status == 404);
    CHECK(ask(port, "/v1/stats").data()["decisions"] == Searcher(db).stats().decisions);
    // The letter's PDF, from where it was indexed; a text letter has none.
    const Answer pdf = ask(port, "/v1/letters/CM16-0230548/pdf");
    REQUIRE(pdf.status == 200);
    CHECK(pdf.header("Content-Type") == "application/pdf");
    CHECK(pdf.header("X-Content-Type-Options") == "nosniff");
    CHECK(pdf.body == test::read_file(test::data_dir() / "pdf" / "CM16-0230548.pdf"));
    CHECK(ask(port, "/v1/letters/CM17-0006634/pdf").status == 404);
    // Export: streamed, the same rows as the command line's.
    const Answer csv = ask(port, "/v1/export?q=acupuncture&format=csv");
    CHECK(csv.status == 200);
    CHECK(csv.header("Transfer-Encoding") == "chunked");
    CHECK(csv.body == test::cli({"export", "--db", db.string(), "acupuncture"}).out);
    CHECK(ask(port, "/v1/export?q=foo:bar").status == 400);
    // Health, readiness, metrics.
    CHECK(ask(port, "/health").data()["status"] == "ok");
    CHECK(ask(port, "/ready").data()["decisions"] == Searcher(db).stats().decisions);
    const std::string metrics = ask(port, "/metrics").body;
    CHECK_THAT(metrics, Catch::Contains("imrsearch_requests_total{route=\"/v1/search\",status=\"200\"}"));
    CHECK_THAT(metrics, Catch::Contains("imrsearch_request_duration_seconds_bucket"));
    CHECK_THAT(metrics, Catch::Contains("imrsearch_searches_in_flight"));
}

TEST_CASE("bad requests get their 4xx with a problem, and the service goes on", "[server]") {
    Running server(test::sample_index());
    const unsigned short port = server.port();
    auto still_serving = [&] { CHECK(ask(port, "/v1/search?q=knee").status == 200); };
    struct Bad {
        std::string name, bytes;
        int status;
    };
    const std::vector<Bad> raw = {
        {"malformed request line", "GARBAGE\r\n\r\n", 400},
        {"a header over the limit", "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(40000, 'a') + "\r\n\r\n", 431},
        {"a URL over the limit", "GET /v1/search?q=" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 414},
        {"a chunked body", "POST /v1/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n", 411},
        {"a compressed body", "POST /v1/search HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}", 415},
        {"a body over the limit", "POST /v1/search HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n" + std::string(200000, ' '), 413},
    };
    for (const auto& b : raw) {
        INFO(b.name);
        CHECK(raw_status(port, b.bytes) == b.status);
        still_serving();
    }
    struct BadAsk {
        std::string target, method, body;
        int status;
        std::string says;
    };
    const std::vector<BadAsk> asks = {
        {"/v1/search?q=%zz", "GET", "", 400, "percent-encoding"},
        {"/v1/search?q=%FF%FE", "GET", "", 400, "UTF-8"},
        {"/v1/search?q=foo:bar", "GET", "", 400, "unknown field"},
        {"/v1/search", "GET", "", 400, "q= is missing"},
        {"/v1/search?q=knee&limit=101", "GET", "", 400, "0 to 100"},
        {"/v1/search?q=knee&limit=-1", "GET", "", 400, "whole number"},
        {"/v1/search?q=knee&sort=sideways", "GET", "", 400, "relevance"},
        {"/v1/search", "POST", "{not json", 400, "not JSON"},
        {"/v1/search", "POST", "[1,2]", 400, "object"},
        {"/v1/letters/..%2F..%2Fetc%2Fpasswd/pdf", "GET", "", 400, "segment"},
        {"/../../etc/passwd", "GET", "", 400, "segment"},
        {"/v1/nothing", "GET", "", 404, "no such route"},
        {"/v1/stats", "DELETE", "", 405, "not allowed"},
    };
    for (const auto& b : asks) {
        INFO(b.method << " " << b.target);
        const Answer a = ask(port, b.target, b.method, b.body);
        CHECK(a.status == b.status);
        CHECK(a.header("Content-Type") == "application/problem+json");
        const json p = a.data();
        CHECK(p["status"] == b.status);
        CHECK(p.contains("title"));
        CHECK(p.contains("kind"));
        CHECK_THAT(p["detail"].get<std::string>(), Catch::Contains(b.says));
        still_serving();
    }
}

TEST_CASE("limits that keep it up: a full queue, a token, CORS, idle connections", "[server]") {
    {
        ServeOptions full;
        full.workers = 1;
        full.queue = 0;
        Running server(test::sample_index(), full);
        const Answer a = ask(server.port(), "/v1/search?q=knee");
        CHECK(a.status == 503);
        CHECK(a.header("Retry-After") == "1");
        CHECK(ask(server.port(), "/health").status == 200);
    }
    {
        ServeOptions guarded;
        guarded.token = "s3cret";
        guarded.cors_origins = {"https://intranet.example"};
        Running server(test::sample_index(), guarded);
        const unsigned short port = server.port();
        CHECK(ask(port, "/v1/search?q=knee").status == 401);
        CHECK(ask(port, "/health").status == 200);
        const Answer ok = ask(port, "/v1/search?q=knee", "GET", "",
                              {{"Authorization", "Bearer s3cret"}, {"Origin", "https://intranet.example"}});
        CHECK(ok.status == 200);
        CHECK(ok.header("Access-Control-Allow-Origin") == "https://intranet.example");
        const Answer other = ask(port, "/v1/search?q=knee", "GET", "", {{"Authorization", "Bearer s3cret"}, {"Origin", "https://evil.example"}});
        CHECK(other.headers.count("Access-Control-Allow-Origin") == 0);
        CHECK(ask(port, "/v1/search?q=knee", "GET", "", {{"Authorization", "Bearer wrong"}}).status == 401);
    }
    // Many idle connections, held open, do not stop another client's searches.
    ServeOptions few;
    few.workers = 1;
    Running server(test::sample_index(), few);
    net::io_context io;
    std::vector<tcp::socket> idle;
    for (int i = 0; i < 100; ++i) {
        idle.emplace_back(io);
        idle.back().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), server.port()));
    }
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 5; ++i) CHECK(ask(server.port(), "/v1/search?q=acupuncture").status == 200);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("an index being written is served while it grows, no request failing", "[server]") {
    test::TempDir dir;
    const auto files = test::letter_files(test::letters_dir() / "dwc-2016-2017");
    std::filesystem::create_directories(dir / "letters");
    for (size_t i = 0; i < 20; ++i) std::filesystem::copy(files[i], dir / "letters");
    Indexer(dir / "index").index({dir / "letters"});
    Running server(dir / "index");
    std::atomic<bool> done{false};
    std::atomic<size_t> failed{0}, asked{0};
    size_t first_total = 0, last_total = 0;
    std::thread client([&] {
        while (!done) {
            const Answer a = ask(server.port(), "/v1/search?q=outcome:upheld%20OR%20outcome:overturned&facets=none");
            ++asked;
            if (a.status != 200) {
                ++failed;
                continue;
            }
            last_total = a.data()["total"]["value"];
            if (first_total == 0) first_total = last_total;
        }
    });
    {
        IndexOptions small_batches;
        small_batches.letters_per_commit = 5;
        Indexer writer(dir / "index", small_batches);
        for (size_t i = 20; i < files.size(); ++i) std::filesystem::copy(files[i], dir / "letters");
        writer.index({dir / "letters"});
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    done = true;
    client.join();
    CHECK(asked > 5);
    CHECK(failed == 0);
    CHECK(last_total > first_total);
    CHECK(last_total == Searcher(dir / "index").stats().decisions);
}

TEST_CASE("a bounded load run of wrk over judged queries has no error", "[server][load]") {
    if (std::system("command -v wrk > /dev/null") != 0) FAIL("wrk is not installed (scripts/install-deps.sh installs it)");
    Running server(test::sample_index());
    test::TempDir dir;
    std::string lua = "local paths = {\n";
    for (const auto& q : std::vector<std::string>{"acupuncture upheld no functional improvement", "TENS unit denied",
                                                  "lumbar MRI red flags", "chiropractic 8 visits", "cyclobenzaprine spasm"})
        lua += "  \"/v1/search?q=" + encoded(q) + "\",\n";
    lua += "}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n";
    test::write_file(dir / "mix.lua", lua);
    const std::string out = (dir / "wrk.txt").string();
    const std::string command = "wrk -t2 -c8 -d5s --timeout 5s -s " + (dir / "mix.lua").string() + " http://127.0.0.1:" +
                                std::to_string(server.port()) + "/ > " + out + " 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    const std::string report = test::read_file(out);
    INFO(report);
    CHECK_THAT(report, Catch::Contains("requests in"));
    CHECK_THAT(report, !Catch::Contains("Non-2xx"));
    CHECK_THAT(report, !Catch::Contains("Socket errors"));
}

TEST_CASE("SIGTERM stops accepting, finishes what is in flight and exits 0", "[server]") {
    const std::string db = test::sample_index().string();
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        execl(IMR_BINARY, IMR_BINARY, "serve", "--db", db.c_str(), "--listen", "127.0.0.1:0", static_cast<char*>(nullptr));
        _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::seconds(2));
    REQUIRE(kill(child, SIGTERM) == 0);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
