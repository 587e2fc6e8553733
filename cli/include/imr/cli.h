// The imrsearch command line, as a function so that tests can run it.
//
// Exit codes: 0 all good; 1 some inputs failed (the rest were done) or nothing was found to
// show; 2 bad usage or a malformed query; 3 could not run (index missing, locked, of another
// version, or unreadable).
#pragma once

#include <iosfwd>

namespace imr {

enum ExitCode { kExitOk = 0, kExitSomeFailed = 1, kExitUsage = 2, kExitCannotRun = 3 };

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace imr
