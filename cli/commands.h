// Internal: one function per subcommand. Each returns an exit code and throws
// imr::Error for run_cli to report.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace imr::cli {

struct Context {
    std::ostream& out;
    std::ostream& err;
    bool out_is_terminal;
    bool err_is_terminal;
};

using Args = std::vector<std::string>;

int parse_command(const Args& args, Context& ctx);
int index_command(const Args& args, Context& ctx);
int remove_command(const Args& args, Context& ctx);
int search_command(const Args& args, Context& ctx);
int export_command(const Args& args, Context& ctx);
int alert_command(const Args& args, Context& ctx);
int serve_command(const Args& args, Context& ctx);
int show_command(const Args& args, Context& ctx);
int similar_command(const Args& args, Context& ctx);
int stats_command(const Args& args, Context& ctx);

// The index folder: --db, else $IMRSEARCH_DB, else $XDG_DATA_HOME/imrsearch/index
// (~/.local/share/imrsearch/index).
std::string default_db();

}  // namespace imr::cli
