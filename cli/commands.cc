#include "commands.h"

#include <algorithm>
#include <boost/program_options.hpp>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "imr/alerts.h"
#include "imr/analyzers.h"
#include "imr/citation.h"
#include "imr/error.h"
#include "imr/indexer.h"
#include "imr/json_output.h"
#include "imr/letter_source.h"
#include "imr/schema.h"
#include "imr/searcher.h"
#include "imr/server.h"
#include "imr/text_output.h"

namespace imr::cli {

namespace po = boost::program_options;

namespace {

// Options and positional words of one subcommand; prints help and returns false on --help.
struct Parsed {
    po::variables_map vm;
    std::vector<std::string> words;
};

bool parse_options(const Args& args, po::options_description options, const char* positional_name,
                   const char* synopsis, Context& ctx, Parsed& parsed) {
    options.add_options()("help,h", "this help");
    po::options_description all;
    all.add(options).add_options()(positional_name, po::value<std::vector<std::string>>(&parsed.words));
    po::positional_options_description pos;
    pos.add(positional_name, -1);
    // "-overturned" in a query is a word to leave out, not an option; "-5" stays a value, so
    // that "--limit -5" is refused for what it is.
    const std::string positional(positional_name);
    auto words_with_dash = [&](const std::string& arg) -> std::pair<std::string, std::string> {
        const bool option_like = arg.size() < 2 || arg[0] != '-' || arg[1] == '-' || std::isdigit(static_cast<unsigned char>(arg[1]));
        const bool known_short = arg.size() >= 2 && (arg[1] == 'h' || arg[1] == 'n') && (arg.size() == 2 || std::isdigit(static_cast<unsigned char>(arg[2])));
        if (option_like || known_short) return {};
        return {positional, arg};
    };
    po::store(po::command_line_parser(args).options(all).positional(pos).extra_parser(words_with_dash).run(), parsed.vm);
    po::notify(parsed.vm);
    if (parsed.vm.count("help")) {
        ctx.out << "usage: imrsearch " << synopsis << "\n\n" << options;
        return false;
    }
    return true;
}

po::options_description db_option(std::string& db) {
    po::options_description o("options");
    o.add_options()("db", po::value<std::string>(&db)->default_value(default_db()), "index folder");
    return o;
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

bool json(const Parsed& p) { return p.vm.count("json") > 0; }

// The facet --facet names, checked: "" when none was asked for.
std::string facet_option(const Parsed& p) {
    if (!p.vm.count("facet")) return "";
    const std::string name = p.vm["facet"].as<std::string>();
    std::string names;
    for (const auto* f : schema::facets()) {
        if (f->name == name) return name;
        names += (names.empty() ? "" : ", ") + std::string(f->name);
    }
    throw Error(ErrorKind::bad_usage, "--facet " + name + ": no such facet; the facets are " + names);
}

// Only the facet asked for, when one was.
std::vector<Facet> only(std::vector<Facet> facets, const std::string& facet) {
    if (!facet.empty()) std::erase_if(facets, [&](const Facet& f) { return f.field != facet; });
    return facets;
}

void print(SearchResults results, const Parsed& p, Context& ctx) {
    const std::string facet = facet_option(p);
    results.facets = only(std::move(results.facets), facet);
    if (json(p)) ctx.out << json_text(to_json(results)) << '\n';
    else print_results(ctx.out, results, ctx.out_is_terminal, facet);
}

Sort sort_option(const Parsed& p) {
    const std::string s = p.vm.count("sort") ? p.vm["sort"].as<std::string>() : "relevance";
    if (s == "relevance") return Sort::relevance;
    if (s == "newest") return Sort::newest;
    if (s == "oldest") return Sort::oldest;
    throw Error(ErrorKind::bad_usage, "--sort " + s + ": give relevance, newest or oldest");
}

// A whole number from 0 to `max`, else an error naming `name`.
size_t count_option_text(const std::string& typed, const std::string& name, size_t max) {
    const bool digits = !typed.empty() && typed.size() <= 9 &&
                        std::all_of(typed.begin(), typed.end(), [](unsigned char c) { return std::isdigit(c); });
    if (!digits || std::stoul(typed) > max) {
        throw Error(ErrorKind::bad_usage, "--" + name + " " + typed + ": give a whole number from 0 to " + std::to_string(max));
    }
    return std::stoul(typed);
}

size_t count_option(const Parsed& p, const char* name, size_t max) {
    return count_option_text(p.vm[name].as<std::string>(), name, max);
}

void require_words(const Parsed& p, const char* what) {
    if (p.words.empty()) throw Error(ErrorKind::bad_usage, std::string("missing ") + what);
}

}  // namespace

std::string default_db() {
    if (const char* env = std::getenv("IMRSEARCH_DB"); env && *env) return env;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/imrsearch/index";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/imrsearch/index";
    return "imrsearch-index";
}

int parse_command(const Args& args, Context& ctx) {
    Parsed p;
    if (!parse_options(args, po::options_description("options"), "file", "parse FILE...", ctx, p)) return 0;
    require_words(p, "FILE to parse");
    nlohmann::json letters = nlohmann::json::array(), failures = nlohmann::json::array();
    for (const auto& file : p.words) {
        try {
            SourceText source = read_source(file);
            letters.push_back(to_json(parse_letter(source.text, file, source.paged)));
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::bad_input) throw;
            ctx.err << "imrsearch: " << e.what() << '\n';
            failures.push_back({{"file", file}, {"reason", e.what()}});
        }
    }
    ctx.out << json_text({{"letters", letters}, {"failures", failures}}) << '\n';
    return failures.empty() ? 0 : 1;
}

int index_command(const Args& args, Context& ctx) {
    std::string db;
    IndexOptions opts;
    auto o = db_option(db);
    o.add_options()("prune", "remove decisions of letters whose files under PATH... are gone")(
        "max-file-size", po::value<std::string>()->default_value(std::to_string(opts.max_file_bytes)),
        "skip files larger than this many bytes")(
        "shards", po::value<std::string>()->default_value("0"),
        "for a new index: write N shards in parallel (by a stable hash of the case number)")(
        "json", "print the summary as JSON");
    Parsed p;
    if (!parse_options(args, o, "path", "index [OPTIONS] PATH...", ctx, p)) return 0;
    if (p.words.empty()) {
        throw Error(ErrorKind::bad_usage, p.vm.count("prune") ? "--prune needs the folders (or files) under which "
                                                                "letters whose files are gone are removed"
                                                              : "missing PATH to index");
    }
    opts.max_file_bytes = count_option(p, "max-file-size", 999999999);
    opts.shards = static_cast<unsigned>(count_option(p, "shards", 64));
    Indexer indexer(db, opts);
    Progress progress;
    if (ctx.err_is_terminal) {
        progress = [&](size_t done, size_t total) {
            if (done == total || done % 25 == 0) ctx.err << "\rindexing " << done << "/" << total << std::flush;
            if (done == total) ctx.err << '\n';
        };
    }
    std::vector<std::filesystem::path> paths(p.words.begin(), p.words.end());
    IndexSummary summary = indexer.index(paths, progress);
    if (p.vm.count("prune")) summary.letters_removed = indexer.prune(paths);
    for (const auto& f : summary.failures) ctx.err << "imrsearch: " << f.reason
                                                   << (f.reason.find(f.file) == 0 ? "" : " (" + f.file + ")") << '\n';
    if (json(p)) ctx.out << json_text(to_json(summary)) << '\n';
    else print_summary(ctx.out, summary);
    return summary.failures.empty() ? 0 : 1;
}

int remove_command(const Args& args, Context& ctx) {
    std::string db;
    auto o = db_option(db);
    o.add_options()("json", "print what was removed as JSON");
    Parsed p;
    if (!parse_options(args, o, "key", "remove [--db DIR] [--json] ID|CASE...", ctx, p)) return 0;
    require_words(p, "ID or CASE to remove");
    IndexOptions existing;
    existing.create = false;
    Indexer indexer(db, existing);
    nlohmann::json removed = nlohmann::json::array(), not_found = nlohmann::json::array();
    for (const auto& key : p.words) {
        const size_t n = indexer.remove(key);
        if (n == 0) {
            ctx.err << "imrsearch: " << key << ": no such decision or case in " << db << '\n';
            not_found.push_back(key);
        } else {
            removed.push_back({{"key", key}, {"decisions", n}});
            if (!json(p)) ctx.out << "removed " << n << " decision" << (n == 1 ? "" : "s") << " of " << key << '\n';
        }
    }
    if (json(p)) ctx.out << json_text({{"removed", removed}, {"not_found", not_found}}) << '\n';
    return not_found.empty() ? 0 : 1;
}

int search_command(const Args& args, Context& ctx) {
    std::string db;
    SearchOptions opts;
    auto o = db_option(db);
    o.add_options()("json", "print one JSON document")(
        "limit,n", po::value<std::string>()->default_value("10"), "hits to show (at most 1000)")(
        "offset", po::value<std::string>()->default_value("0"), "hits to skip (offset + limit at most 10000)")(
        "literal", "search the words as typed: no facet words understood")(
        "sort", po::value<std::string>()->default_value("relevance"), "relevance, newest or oldest (decision date)")(
        "by-letter", "one hit per letter, its other matching decisions under it")(
        "facet", po::value<std::string>(), "every value of this facet, with counts and the share overturned")(
        "partial", "with shards: answer from those that can be reached, naming the others")(
        "parallel", "with local shards: search each in a xapian-progsrv process of its own, at once");
    SearcherOptions searcher_options;
    o.add_options()("threads", po::value<std::string>()->default_value("0"),
                    "2: match the index in two halves at once; 1: on one thread; 0: 2 on two cores or more "
                    "for 500,000 decisions or more");
    Parsed p;
    if (!parse_options(args, o, "query", "search [OPTIONS] QUERY...", ctx, p)) return 0;
    require_words(p, "QUERY");
    opts.limit = count_option(p, "limit", kMaxLimit);
    opts.offset = count_option(p, "offset", kMaxWindow);
    opts.literal = p.vm.count("literal") > 0;
    opts.sort = sort_option(p);
    opts.by_letter = p.vm.count("by-letter") > 0;
    searcher_options.threads = static_cast<unsigned>(count_option(p, "threads", 2));
    searcher_options.partial = p.vm.count("partial") > 0;
    searcher_options.parallel = p.vm.count("parallel") > 0;
    Searcher searcher(db, searcher_options);
    print(searcher.search(joined(p.words), opts), p, ctx);
    return 0;
}

int export_command(const Args& args, Context& ctx) {
    std::string db;
    auto o = db_option(db);
    o.add_options()("format", po::value<std::string>()->default_value("csv"), "csv (RFC 4180, with a header line) or jsonl")(
        "sort", po::value<std::string>()->default_value("newest"), "newest, oldest or relevance (at most 100,000 matches)")(
        "literal", "search the words as typed: no facet words understood");
    Parsed p;
    if (!parse_options(args, o, "query", "export [OPTIONS] QUERY...", ctx, p)) return 0;
    require_words(p, "QUERY");
    const std::string format = p.vm["format"].as<std::string>();
    if (format != "csv" && format != "jsonl") throw Error(ErrorKind::bad_usage, "--format " + format + ": give csv or jsonl");
    ExportOptions options;
    options.sort = sort_option(p);
    options.literal = p.vm.count("literal") > 0;
    Searcher searcher(db);
    if (format == "csv") ctx.out << csv_header();
    searcher.export_matches(joined(p.words), options, [&](const DecisionRecord& r) {
        if (format == "csv") ctx.out << csv_row(r);
        else ctx.out << json_line(export_row(r)) << '\n';
    });
    return 0;
}

int serve_command(const Args& args, Context& ctx) {
    std::string db, listen = "127.0.0.1:8080", token_file;
    ServeOptions options;
    auto o = db_option(db);
    o.add_options()("listen", po::value<std::string>(&listen)->default_value(listen),
                    "ADDRESS:PORT; loopback by default: anything else belongs behind a reverse proxy")(
        "workers", po::value<std::string>()->default_value("0"), "searches at once (0: one per core)")(
        "queue", po::value<std::string>()->default_value(std::to_string(options.queue)), "searches waiting; more are answered 503")(
        "max-connections", po::value<std::string>()->default_value(std::to_string(options.max_connections)), "connections at once")(
        "max-request-line", po::value<std::string>()->default_value(std::to_string(options.max_request_line)), "bytes (414 beyond)")(
        "max-header-bytes", po::value<std::string>()->default_value(std::to_string(options.max_header_bytes)), "bytes (431 beyond)")(
        "max-body-bytes", po::value<std::string>()->default_value(std::to_string(options.max_body_bytes)), "bytes (413 beyond)")(
        "read-timeout", po::value<std::string>()->default_value(std::to_string(options.read_timeout.count())), "seconds to read a request")(
        "write-timeout", po::value<std::string>()->default_value(std::to_string(options.write_timeout.count())), "seconds to write an answer (an export's chunk)")(
        "idle-timeout", po::value<std::string>()->default_value(std::to_string(options.idle_timeout.count())), "seconds a keep-alive connection may idle")(
        "keep-alive-requests", po::value<std::string>()->default_value(std::to_string(options.keep_alive_requests)), "requests a connection")(
        "max-limit", po::value<std::string>()->default_value(std::to_string(options.max_limit)), "hits a page (at most 1000)")(
        "cors-origin", po::value<std::vector<std::string>>(&options.cors_origins)->composing(), "an origin allowed to read answers (repeatable)")(
        "token-file", po::value<std::string>(&token_file), "a file holding the bearer token every route but /health asks for")(
        "web", po::value<std::string>(), "the web page's folder, served at / (default: the installed one, if any)");
    Parsed p;
    if (!parse_options(args, o, "unused", "serve [OPTIONS]", ctx, p)) return 0;
    if (!p.words.empty()) throw Error(ErrorKind::bad_usage, "serve takes no words: '" + p.words[0] + "'");
    const size_t colon = listen.rfind(':');
    if (colon == std::string::npos) throw Error(ErrorKind::bad_usage, "--listen " + listen + ": give ADDRESS:PORT");
    options.address = listen.substr(0, colon);
    if (!options.address.empty() && options.address.front() == '[') options.address = options.address.substr(1, options.address.size() - 2);
    options.port = static_cast<unsigned short>(count_option_text(listen.substr(colon + 1), "listen port", 65535));
    options.workers = static_cast<unsigned>(count_option(p, "workers", 256));
    options.queue = count_option(p, "queue", 100000);
    options.max_connections = count_option(p, "max-connections", 100000);
    options.max_request_line = count_option(p, "max-request-line", 1u << 20);
    options.max_header_bytes = count_option(p, "max-header-bytes", 1u << 20);
    options.max_body_bytes = count_option(p, "max-body-bytes", 1u << 26);
    options.read_timeout = std::chrono::seconds(count_option(p, "read-timeout", 3600));
    options.write_timeout = std::chrono::seconds(count_option(p, "write-timeout", 3600));
    options.idle_timeout = std::chrono::seconds(count_option(p, "idle-timeout", 3600));
    options.keep_alive_requests = count_option(p, "keep-alive-requests", 1000000);
    options.max_limit = count_option(p, "max-limit", kMaxLimit);
    if (!token_file.empty()) {
        std::ifstream in(token_file);
        if (!in || !std::getline(in, options.token) || options.token.empty())
            throw Error(ErrorKind::bad_usage, "--token-file " + token_file + ": cannot read a token from it");
    }
    if (p.vm.count("web")) options.web_root = p.vm["web"].as<std::string>();
    else if (std::filesystem::exists(IMR_WEB_DIR)) options.web_root = IMR_WEB_DIR;
    else if (std::filesystem::exists(IMR_SOURCE_WEB_DIR)) options.web_root = IMR_SOURCE_WEB_DIR;  // run from the build tree
    options.searcher.threads = 1;  // many searches at once: each on one thread
    Server server(db, options);
    ctx.err << "imrsearch: serving " << db << " on http://" << listen.substr(0, colon) << ":" << server.port() << "/\n";
    server.run();
    ctx.err << "imrsearch: stopped\n";
    return 0;
}

int alert_command(const Args& args, Context& ctx) {
    std::string db;
    auto o = db_option(db);
    o.add_options()("json", "print JSON");
    Parsed p;
    if (!parse_options(args, o, "words", "alert [--db DIR] [--json] add NAME QUERY... | list | remove NAME | run", ctx, p)) return 0;
    require_words(p, "what to do: add NAME QUERY..., list, remove NAME or run");
    const std::string action = p.words[0];
    const std::vector<std::string> rest(p.words.begin() + 1, p.words.end());
    Alerts alerts(db);
    if (action == "add") {
        if (rest.size() < 2) throw Error(ErrorKind::bad_usage, "alert add needs a NAME and a QUERY");
        alerts.add(rest[0], joined(std::vector<std::string>(rest.begin() + 1, rest.end())));
        if (json(p)) ctx.out << json_text({{"added", rest[0]}}) << '\n';
        else ctx.out << "alert " << rest[0] << " added: decisions indexed from now on that match will be news\n";
        return 0;
    }
    if (action == "remove") {
        if (rest.size() != 1) throw Error(ErrorKind::bad_usage, "alert remove needs one NAME");
        alerts.remove(rest[0]);
        if (json(p)) ctx.out << json_text({{"removed", rest[0]}}) << '\n';
        else ctx.out << "alert " << rest[0] << " removed\n";
        return 0;
    }
    if (action == "list") {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& a : alerts.list()) {
            list.push_back({{"name", a.name}, {"query", a.query}});
            if (!json(p)) ctx.out << a.name << ": " << a.query << '\n';
        }
        if (json(p)) ctx.out << json_text({{"alerts", list}}) << '\n';
        return 0;
    }
    if (action == "run") {
        nlohmann::json runs = nlohmann::json::array();
        for (const auto& news : alerts.run()) {
            nlohmann::json decisions = nlohmann::json::array();
            for (const auto& d : news.decisions) decisions.push_back(export_row(d));
            runs.push_back({{"name", news.alert.name}, {"query", news.alert.query}, {"new", news.total}, {"decisions", decisions}});
            if (json(p)) continue;
            ctx.out << news.alert.name << " (" << news.alert.query << "): " << news.total << " new decision"
                    << (news.total == 1 ? "" : "s") << '\n';
            for (const auto& d : news.decisions) ctx.out << "  " << citation(d) << '\n';
        }
        if (json(p)) ctx.out << json_text({{"alerts", runs}}) << '\n';
        return 0;
    }
    throw Error(ErrorKind::bad_usage, "alert " + action + ": give add NAME QUERY..., list, remove NAME or run");
}

int similar_command(const Args& args, Context& ctx) {
    std::string db;
    SearchOptions opts;
    auto o = db_option(db);
    o.add_options()("json", "print one JSON document")(
        "limit,n", po::value<std::string>()->default_value("10"), "hits to show (at most 1000)")(
        "any-treatment", "look beyond the decision's own treatment category")(
        "text", po::value<std::string>(), "decisions like the text of this file (- for standard input): a rationale, a brief");
    Parsed p;
    if (!parse_options(args, o, "id", "similar [OPTIONS] ID | similar [OPTIONS] --text FILE", ctx, p)) return 0;
    opts.limit = count_option(p, "limit", kMaxLimit);
    Searcher searcher(db);
    if (p.vm.count("text")) {
        if (!p.words.empty()) throw Error(ErrorKind::bad_usage, "give a decision ID or --text FILE, not both");
        const std::string file = p.vm["text"].as<std::string>();
        std::string text;
        if (file == "-") {
            text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        } else {
            text = read_source(file).text;  // a letter, a brief: text or PDF, as indexing reads it
        }
        print(searcher.similar_text(text, opts), p, ctx);
        return 0;
    }
    require_words(p, "decision ID (or --text FILE)");
    print(searcher.similar(joined(p.words), opts, p.vm.count("any-treatment") > 0), p, ctx);
    return 0;
}

int show_command(const Args& args, Context& ctx) {
    std::string db;
    auto o = db_option(db);
    o.add_options()("json", "print JSON");
    Parsed p;
    if (!parse_options(args, o, "key", "show [--db DIR] [--json] ID|CASE", ctx, p)) return 0;
    require_words(p, "ID or CASE to show");
    Searcher searcher(db);
    std::vector<DecisionRecord> found = searcher.lookup(joined(p.words));
    if (found.empty()) throw Error(ErrorKind::not_found, joined(p.words) + ": no such decision or case in " + db);
    if (json(p)) {
        ctx.out << json_text(to_json(found)) << '\n';
        return 0;
    }
    for (size_t i = 0; i < found.size(); ++i) {
        if (i) ctx.out << "\n----\n\n";
        print_decision(ctx.out, found[i], ctx.out_is_terminal);
    }
    return 0;
}

int stats_command(const Args& args, Context& ctx) {
    std::string db;
    auto o = db_option(db);
    o.add_options()("json", "print JSON")("facet", po::value<std::string>(), "every value of this facet");
    Parsed p;
    if (!parse_options(args, o, "unused", "stats [--db DIR] [--json] [--facet FIELD]", ctx, p)) return 0;
    const std::string facet = facet_option(p);
    Searcher searcher(db);
    IndexStats stats = searcher.stats();
    stats.facets = only(std::move(stats.facets), facet);
    if (json(p)) ctx.out << json_text(to_json(stats)) << '\n';
    else print_stats(ctx.out, stats, facet);
    return 0;
}

}  // namespace imr::cli
