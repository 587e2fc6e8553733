// bench/relevance: indexes the sample corpus, runs every judged query through imrsearch and
// through a plain baseline (the same index, Xapian's QueryParser and BM25, no domain features),
// and prints nDCG@10, P@5 and recall@20 per query and on average.
//
//   build/bench/relevance [--letters data/letters] [--queries data/queries/dev.jsonl] [--verbose]
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>

#include "imr/error.h"
#include "imr/indexer.h"
#include "imr/relevance.h"

namespace fs = std::filesystem;
using namespace imr;

int main(int argc, char** argv) {
    fs::path letters = "data/letters", queries_file = "data/queries/dev.jsonl";
    bool verbose = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--letters" && i + 1 < argc) letters = argv[++i];
        else if (a == "--queries" && i + 1 < argc) queries_file = argv[++i];
        else if (a == "--verbose") verbose = true;
        else {
            std::cerr << "usage: relevance [--letters DIR] [--queries FILE] [--verbose]\n";
            return 2;
        }
    }
    fs::path db = fs::temp_directory_path() / ("imrsearch-relevance-" + std::to_string(std::random_device{}()));
    try {
        auto queries = bench::load_judged_queries(queries_file);
        IndexSummary s = Indexer(db).index({letters});
        std::cerr << "indexed " << s.decisions_indexed << " decisions from " << s.letters_indexed << " letters\n";
        bench::Report report = bench::measure(db, queries);
        std::printf("%-4s %7s %5s %6s   %7s %5s %6s   %s\n", "qid", "nDCG@10", "P@5", "R@20", "base", "P@5", "R@20",
                    "query");
        for (const auto& r : report.queries) {
            std::printf("%-4s %7.3f %5.2f %6.2f   %7.3f %5.2f %6.2f   %s\n", r.query->qid.c_str(), r.engine.ndcg10,
                        r.engine.p5, r.engine.recall20, r.baseline.ndcg10, r.baseline.p5, r.baseline.recall20,
                        r.query->text.c_str());
            for (size_t i = 0; verbose && i < r.engine_ranking.size() && i < 10; ++i) {
                auto it = r.query->judged.find(r.engine_ranking[i]);
                std::printf("       %2zu %s %s\n", i + 1, r.engine_ranking[i].c_str(),
                            it == r.query->judged.end() ? "-" : std::to_string(it->second).c_str());
            }
        }
        const auto& e = report.engine_mean;
        const auto& b = report.baseline_mean;
        std::printf("%-4s %7.3f %5.2f %6.2f   %7.3f %5.2f %6.2f   (%zu queries; imrsearch, then plain Xapian)\n",
                    "mean", e.ndcg10, e.p5, e.recall20, b.ndcg10, b.p5, b.recall20, queries.size());
        const bench::SimilarRecall similar = bench::similar_recall(db, queries);
        std::printf("similar: recall@10 of the other grade-2 decisions %.3f (%zu queries with 3 or more)\n",
                    similar.recall10, similar.queries);
    } catch (const Error& e) {
        std::cerr << "relevance: " << e.what() << '\n';
        fs::remove_all(db);
        return 3;
    }
    fs::remove_all(db);
    return 0;
}
