#include "commands.h"

#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>

#include "imr/analyzers.h"
#include "imr/error.h"
#include "imr/indexer.h"
#include "imr/json_output.h"
#include "imr/letter_source.h"
#include "imr/searcher.h"
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
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), parsed.vm);
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

void print(const SearchResults& results, const Parsed& p, Context& ctx) {
    if (p.vm.count("json")) ctx.out << to_json(results).dump(2) << '\n';
    else print_results(ctx.out, results, ctx.out_is_terminal);
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
    nlohmann::json letters = nlohmann::json::array();
    int status = 0;
    for (const auto& file : p.words) {
        try {
            SourceText source = read_source(file);
            letters.push_back(to_json(parse_letter(source.text, file, source.paged)));
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::bad_input) throw;
            ctx.err << "imrsearch: " << e.what() << '\n';
            status = 1;
        }
    }
    ctx.out << (p.words.size() == 1 && letters.size() == 1 ? letters[0] : letters).dump(2) << '\n';
    return status;
}

int index_command(const Args& args, Context& ctx) {
    std::string db;
    IndexOptions opts;
    auto o = db_option(db);
    o.add_options()("prune", "remove decisions of letters whose files under PATH... are gone")(
        "max-file-size", po::value<std::uintmax_t>(&opts.max_file_bytes)->default_value(opts.max_file_bytes),
        "skip files larger than this many bytes")(
        "shards", po::value<unsigned>(&opts.shards)->default_value(0),
        "for a new index: write N shards in parallel (by a stable hash of the case number)")(
        "json", "print the summary as JSON");
    Parsed p;
    if (!parse_options(args, o, "path", "index [OPTIONS] PATH...", ctx, p)) return 0;
    if (p.words.empty()) {
        throw Error(ErrorKind::bad_usage, p.vm.count("prune") ? "--prune needs the folders (or files) under which "
                                                                "letters whose files are gone are removed"
                                                              : "missing PATH to index");
    }
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
    if (p.vm.count("json")) ctx.out << to_json(summary).dump(2) << '\n';
    else print_summary(ctx.out, summary);
    return summary.failures.empty() ? 0 : 1;
}

int remove_command(const Args& args, Context& ctx) {
    std::string db;
    Parsed p;
    if (!parse_options(args, db_option(db), "key", "remove [--db DIR] ID|CASE...", ctx, p)) return 0;
    require_words(p, "ID or CASE to remove");
    IndexOptions existing;
    existing.create = false;
    Indexer indexer(db, existing);
    int status = 0;
    for (const auto& key : p.words) {
        size_t n = indexer.remove(key);
        if (n == 0) {
            ctx.err << "imrsearch: " << key << ": no such decision or case in " << db << '\n';
            status = 1;
        } else {
            ctx.out << "removed " << n << " decision" << (n == 1 ? "" : "s") << " of " << key << '\n';
        }
    }
    return status;
}

int search_command(const Args& args, Context& ctx) {
    std::string db;
    SearchOptions opts;
    auto o = db_option(db);
    o.add_options()("json", "print one JSON document")(
        "limit,n", po::value<size_t>(&opts.limit)->default_value(10), "hits to show")(
        "offset", po::value<size_t>(&opts.offset)->default_value(0), "hits to skip")(
        "literal", "search the words as typed: no facet words understood")(
        "partial", "with shards: answer from those that can be reached, naming the others")(
        "parallel", "with local shards: search each in a xapian-progsrv process of its own, at once");
    SearcherOptions searcher_options;
    o.add_options()("threads", po::value<unsigned>(&searcher_options.threads)->default_value(0),
                    "2: match the index in two halves at once; 1: on one thread; 0: 2 on two cores or more");
    Parsed p;
    if (!parse_options(args, o, "query", "search [OPTIONS] QUERY...", ctx, p)) return 0;
    require_words(p, "QUERY");
    opts.literal = p.vm.count("literal") > 0;
    searcher_options.partial = p.vm.count("partial") > 0;
    searcher_options.parallel = p.vm.count("parallel") > 0;
    Searcher searcher(db, searcher_options);
    print(searcher.search(joined(p.words), opts), p, ctx);
    return 0;
}

int similar_command(const Args& args, Context& ctx) {
    std::string db;
    SearchOptions opts;
    auto o = db_option(db);
    o.add_options()("json", "print one JSON document")(
        "limit,n", po::value<size_t>(&opts.limit)->default_value(10), "hits to show")(
        "any-treatment", "look beyond the decision's own treatment category");
    Parsed p;
    if (!parse_options(args, o, "id", "similar [OPTIONS] ID", ctx, p)) return 0;
    require_words(p, "decision ID");
    Searcher searcher(db);
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
    if (found.empty()) {
        ctx.err << "imrsearch: " << joined(p.words) << ": no such decision or case in " << db << '\n';
        return 1;
    }
    if (p.vm.count("json")) {
        nlohmann::json j = nlohmann::json::array();
        for (const auto& r : found) j.push_back(to_json(r));
        ctx.out << (found.size() == 1 ? j[0] : j).dump(2) << '\n';
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
    o.add_options()("json", "print JSON");
    Parsed p;
    if (!parse_options(args, o, "unused", "stats [--db DIR] [--json]", ctx, p)) return 0;
    Searcher searcher(db);
    IndexStats stats = searcher.stats();
    if (p.vm.count("json")) ctx.out << to_json(stats).dump(2) << '\n';
    else print_stats(ctx.out, stats);
    return 0;
}

}  // namespace imr::cli
