// bench/inprocess_mix: the library's own figure for the load run's query mix (one thread, warm,
// each query `--repeat` times), beside which the service's overhead shows.
//
//   build/bench/inprocess_mix --db INDEX --queries bench/load_queries.txt [--repeat 20]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "imr/error.h"
#include "imr/latency.h"
#include "imr/searcher.h"

int main(int argc, char** argv) {
    std::string db, file;
    int repeat = 20;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--db") db = argv[i + 1];
        else if (a == "--queries") file = argv[i + 1];
        else if (a == "--repeat") repeat = std::max(1, std::stoi(argv[i + 1]));
    }
    if (db.empty() || file.empty()) {
        std::cerr << "usage: inprocess_mix --db INDEX --queries FILE [--repeat N]\n";
        return 2;
    }
    std::vector<std::string> queries;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) queries.push_back(line);
    try {
        imr::SearcherOptions one_thread;
        one_thread.threads = 1;  // as each of the service's workers searches
        imr::Searcher searcher(db, one_thread);
        for (const auto& q : queries) searcher.search(q);  // warm
        std::vector<double> ms;
        for (int r = 0; r < repeat; ++r)
            for (const auto& q : queries) {
                const auto t = std::chrono::steady_clock::now();
                searcher.search(q);
                ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
            }
        const imr::bench::Latency l = imr::bench::latency_of(ms);
        std::printf("in-process, one thread: %zu searches, %.1f/s, p50 %.2f ms, p99 %.2f ms\n", l.samples, l.qps, l.p50, l.p99);
    } catch (const imr::Error& e) {
        std::cerr << "inprocess_mix: " << e.what() << '\n';
        return 3;
    }
    return 0;
}
