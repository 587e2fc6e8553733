// bench/query_cost: the worst kinds of query a user can type, timed on an index already built:
// pasted paragraphs and pages, a query near the length cap, wildcards, deep pages, summary
// phrases, broad words, boolean expressions. Prints each kind's median and slowest time over
// --repeat runs (warm), and what each kind is refused with where a cap applies.
//
//   build/bench/query_cost --db INDEX [--repeat 5]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "imr/error.h"
#include "imr/searcher.h"

using namespace imr;

namespace {

struct Kind {
    std::string name;
    std::string query;
    SearchOptions options;
};

// Words of a rationale, repeated to `words` words: what a pasted page looks like.
std::string pasted(const std::string& text, size_t words) {
    std::string out;
    size_t n = 0, i = 0;
    while (n < words && !text.empty()) {
        const size_t end = text.find(' ', i);
        out += text.substr(i, end == std::string::npos ? std::string::npos : end - i) + " ";
        ++n;
        i = end == std::string::npos ? 0 : end + 1;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::string db;
    int repeat = 5;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--db" && i + 1 < argc) db = argv[++i];
        else if (a == "--repeat" && i + 1 < argc) repeat = std::max(1, std::stoi(argv[++i]));
        else {
            std::cerr << "usage: query_cost --db INDEX [--repeat N]\n";
            return 2;
        }
    }
    if (db.empty()) {
        std::cerr << "usage: query_cost --db INDEX [--repeat N]\n";
        return 2;
    }
    try {
        Searcher searcher(db);
        SearchOptions one;
        one.limit = 1;
        one.facets = false;
        const std::string rationale = searcher.search("functional improvement", one).hits.at(0).record.rationale;
        SearchOptions page;
        SearchOptions deep;
        deep.offset = kMaxWindow - 10;
        SearchOptions wide;
        wide.limit = kMaxLimit;
        const std::vector<Kind> kinds = {
            {"keywords", "acupuncture lumbar", page},
            {"broad words", "medically necessary", page},
            {"boolean expression", "(acupuncture OR chiropractic) AND NOT overturned", page},
            {"wildcard", "therap*", page},
            {"wildcard, short and broad", "med*", page},
            {"summary phrase", "summary:\"low back pain\"", page},
            {"pasted sentence (30 words)", pasted(rationale, 30), page},
            {"pasted rationale (200 words)", pasted(rationale, 200), page},
            {"pasted page (1,300 words, near the 8 KiB cap)", pasted(rationale, 1300).substr(0, 8000), page},
            {"over the length cap (2,000 words)", pasted(rationale, 2000), page},
            {"limit 1000", "knee", wide},
            {"deep page (offset 9990)", "knee", deep},
        };
        std::printf("%-48s %10s %10s  %s\n", "kind", "median ms", "max ms", "matches");
        for (const auto& k : kinds) {
            std::vector<double> ms;
            std::string outcome;
            for (int r = 0; r < repeat + 1; ++r) {  // the first run warms the caches
                const auto start = std::chrono::steady_clock::now();
                try {
                    const SearchResults res = searcher.search(k.query, k.options);
                    outcome = (res.total_exact ? "" : "about ") + std::to_string(res.total);
                } catch (const Error& e) {
                    outcome = std::string("refused: ") + e.what();
                    if (outcome.size() > 90) outcome = outcome.substr(0, 87) + "...";
                }
                const double t = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
                if (r > 0) ms.push_back(t);
            }
            std::sort(ms.begin(), ms.end());
            std::printf("%-48s %10.1f %10.1f  %s\n", k.name.c_str(), ms[ms.size() / 2], ms.back(), outcome.c_str());
        }
    } catch (const Error& e) {
        std::cerr << "query_cost: " << e.what() << '\n';
        return 3;
    }
    return 0;
}
