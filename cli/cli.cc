#include "imr/cli.h"

#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>

#include "commands.h"
#include "imr/error.h"
#include "imr/json_output.h"

namespace imr {

namespace {

constexpr const char* kUsage =
    "usage: imrsearch COMMAND [OPTIONS] ...\n"
    "\n"
    "commands:\n"
    "  index  [--db DIR] [--prune] [--shards N] [--max-file-size BYTES] [--json] PATH...\n"
    "                                                                           index letters (files, folders)\n"
    "  search [--db DIR] [--json] [--limit N] [--offset N] [--sort relevance|newest|oldest] [--by-letter]\n"
    "         [--facet FIELD] [--literal] [--partial] [--parallel] [--threads N] QUERY...\n"
    "                                                                           ranked decisions, facets\n"
    "  export [--db DIR] [--format csv|jsonl] [--sort newest|oldest|relevance] QUERY...\n"
    "                                                                           every match, one row each\n"
    "  alert  [--db DIR] [--json] add NAME QUERY... | list | remove NAME | run  saved questions, their new decisions\n"
    "  serve  [--db DIR] [--listen 127.0.0.1:8080] [OPTIONS]                    the HTTP JSON service and web page\n"
    "  show   [--db DIR] [--json] ID|CASE                                       a whole decision\n"
    "  similar [--db DIR] [--json] [--limit N] [--any-treatment] ID | --text FILE  decisions most like one, or a text\n"
    "  stats  [--db DIR] [--json] [--facet FIELD]                               counts per facet\n"
    "  remove [--db DIR] [--json] ID|CASE...                                    remove decisions\n"
    "  parse  FILE...                                                           parsed letters as JSON\n"
    "\n"
    "Run 'imrsearch COMMAND --help' for a command's options. Exit codes: 0 ok, 1 some inputs\n"
    "failed or nothing found, 2 bad usage or query, 3 could not run (index missing or locked).\n"
    "With --json, output (errors too) is one JSON document on stdout.\n";

int exit_code(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::bad_input:
        case ErrorKind::not_found: return kExitSomeFailed;
        case ErrorKind::bad_query:
        case ErrorKind::bad_usage: return kExitUsage;
        case ErrorKind::index: return kExitCannotRun;
    }
    return kExitCannotRun;
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    static const std::map<std::string, std::function<int(const cli::Args&, cli::Context&)>> commands = {
        {"parse", cli::parse_command},   {"index", cli::index_command}, {"remove", cli::remove_command},
        {"search", cli::search_command}, {"show", cli::show_command},   {"stats", cli::stats_command},
        {"similar", cli::similar_command}, {"export", cli::export_command},
        {"alert", cli::alert_command},   {"serve", cli::serve_command},
    };
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
        (argc < 2 ? err : out) << kUsage;
        return argc < 2 ? kExitUsage : kExitOk;
    }
    auto command = commands.find(argv[1]);
    if (command == commands.end()) {
        err << "imrsearch: unknown command '" << argv[1] << "'\n" << kUsage;
        return kExitUsage;
    }
    cli::Context ctx{out, err, &out == &std::cout && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"),
                     &err == &std::cerr && isatty(STDERR_FILENO)};
    const cli::Args args(argv + 2, argv + argc);
    // With --json a program reads stdout: an error is a JSON object there too.
    const bool json = std::find(args.begin(), args.end(), "--json") != args.end();
    auto fail = [&](const Error& e) {
        err << "imrsearch: " << e.what() << '\n';
        if (json) out << json_text(to_json(e)) << '\n';
        return exit_code(e.kind());
    };
    try {
        return command->second(args, ctx);
    } catch (const Error& e) {
        return fail(e);
    } catch (const boost::program_options::error& e) {
        return fail(Error(ErrorKind::bad_usage, std::string(argv[1]) + ": " + e.what() + " (see 'imrsearch " + argv[1] +
                                                    " --help')"));
    }
}

}  // namespace imr
