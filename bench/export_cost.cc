// bench/export_cost: an export of a whole result set as the command line streams it (CSV rows,
// newest first), written nowhere: its time, rows per second and peak RSS, which stays bounded
// whatever the count (a month's decisions at a time in memory).
//
//   build/bench/export_cost --db INDEX [--query Q] [--format csv|jsonl]
//   (Q default: outcome:upheld OR outcome:overturned, every decision)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "imr/error.h"
#include "imr/json_output.h"
#include "imr/searcher.h"

int main(int argc, char** argv) {
    std::string db, query = "outcome:upheld OR outcome:overturned", format = "csv";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--db") db = argv[i + 1];
        else if (a == "--query") query = argv[i + 1];
        else if (a == "--format") format = argv[i + 1];
    }
    if (db.empty() || (format != "csv" && format != "jsonl")) {
        std::cerr << "usage: export_cost --db INDEX [--query Q] [--format csv|jsonl]\n";
        return 2;
    }
    try {
        imr::Searcher searcher(db);
        imr::ExportOptions options;
        options.sort = imr::Sort::newest;
        size_t bytes = imr::csv_header().size();
        const auto start = std::chrono::steady_clock::now();
        const size_t rows = searcher.export_matches(query, options, [&](const imr::DecisionRecord& r) {
            bytes += format == "csv" ? imr::csv_row(r).size() : imr::json_line(imr::export_row(r)).size() + 1;
        });
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        struct rusage ru {};
        getrusage(RUSAGE_SELF, &ru);
        std::printf("export of '%s' (%s, newest first): %zu rows, %.1f MB, %.1f s, %.0f rows/s, peak RSS %.0f MB\n",
                    query.c_str(), format.c_str(), rows, static_cast<double>(bytes) / 1e6, seconds,
                    static_cast<double>(rows) / seconds, static_cast<double>(ru.ru_maxrss) / 1024);
    } catch (const imr::Error& e) {
        std::cerr << "export_cost: " << e.what() << '\n';
        return 3;
    }
    return 0;
}
