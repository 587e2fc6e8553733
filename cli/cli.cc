#include "imr/cli.h"

#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>

#include "commands.h"
#include "imr/error.h"

namespace imr {

namespace {

constexpr const char* kUsage =
    "usage: imrsearch COMMAND [OPTIONS] ...\n"
    "\n"
    "commands:\n"
    "  index  [--db DIR] [--prune] [--shards N] [--max-file-size BYTES] [--json] PATH...\n"
    "                                                                           index letters (files, folders)\n"
    "  search [--db DIR] [--json] [--limit N] [--offset N] [--literal] QUERY... ranked decisions, facets\n"
    "  show   [--db DIR] [--json] ID|CASE                                       a whole decision\n"
    "  similar [--db DIR] [--json] [--limit N] [--any-treatment] ID             decisions most like one\n"
    "  stats  [--db DIR] [--json]                                               counts per facet\n"
    "  remove [--db DIR] ID|CASE                                                remove decisions\n"
    "  parse  FILE...                                                           parsed letters as JSON\n"
    "\n"
    "Run 'imrsearch COMMAND --help' for a command's options. Exit codes: 0 ok, 1 some inputs\n"
    "failed or nothing found, 2 bad usage or query, 3 could not run (index missing or locked).\n";

int exit_code(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::bad_input: return kExitSomeFailed;
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
        {"similar", cli::similar_command},
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
    try {
        return command->second(cli::Args(argv + 2, argv + argc), ctx);
    } catch (const Error& e) {
        err << "imrsearch: " << e.what() << '\n';
        return exit_code(e.kind());
    } catch (const boost::program_options::error& e) {
        err << "imrsearch " << argv[1] << ": " << e.what() << " (see 'imrsearch " << argv[1] << " --help')\n";
        return kExitUsage;
    }
}

}  // namespace imr
