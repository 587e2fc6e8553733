// bench/relevance: indexes the sample corpus, runs every judged query through imrsearch and
// through a plain baseline (the same index, Xapian's QueryParser and BM25, no domain features),
// and prints nDCG@10, P@5 and recall@20 per query and on average.
//
//   build/bench/relevance [--letters data/letters] [--queries data/queries/dev.jsonl] [--verbose]
#include <xapian.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>

#include "imr/error.h"
#include "imr/indexer.h"
#include "imr/record.h"
#include "imr/searcher.h"
#include "relevance_metrics.h"

namespace fs = std::filesystem;
using namespace imr;

namespace {

constexpr size_t kDepth = 20;

struct Query {
    std::string qid, text;
    bench::Judgments judged;
};

std::vector<Query> load_queries(const fs::path& file) {
    std::ifstream in(file);
    if (!in) throw Error(ErrorKind::bad_usage, file.string() + ": cannot read queries");
    std::vector<Query> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        auto j = nlohmann::json::parse(line);
        Query q{j["qid"], j["query"], {}};
        for (auto& [id, grade] : j["judgments"].items()) q.judged[id] = grade.get<int>();
        out.push_back(std::move(q));
    }
    return out;
}

std::vector<std::string> engine_ranking(Searcher& searcher, const std::string& text) {
    SearchOptions o;
    o.limit = kDepth;
    o.facets = false;
    std::vector<std::string> ids;
    for (const auto& h : searcher.search(text, o).hits) ids.push_back(h.record.id);
    return ids;
}

// What a user of plain Xapian gets: the default QueryParser, English stemming, BM25.
std::vector<std::string> baseline_ranking(const Xapian::Database& db, const std::string& text) {
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    Xapian::Query q;
    try {
        q = qp.parse_query(text);
    } catch (const Xapian::QueryParserError&) {
        q = qp.parse_query(text, 0);
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    std::vector<std::string> ids;
    Xapian::MSet mset = enquire.get_mset(0, kDepth);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        ids.push_back(DecisionRecord::from_data(it.get_document().get_data()).id);
    }
    return ids;
}

struct Scores {
    double ndcg = 0, p5 = 0, r20 = 0;
};

Scores score(const std::vector<std::string>& ranked, const bench::Judgments& judged) {
    return {bench::ndcg_at(ranked, judged, 10), bench::precision_at(ranked, judged, 5),
            bench::recall_at(ranked, judged, 20)};
}

}  // namespace

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
    try {
        fs::path db = fs::temp_directory_path() / ("imrsearch-relevance-" + std::to_string(std::random_device{}()));
        IndexSummary s = Indexer(db).index({letters});
        std::cerr << "indexed " << s.decisions_indexed << " decisions from " << s.letters_indexed << " letters\n";
        Searcher searcher(db);
        Xapian::Database plain(db.string());

        std::vector<Query> queries = load_queries(queries_file);
        Scores engine_sum, base_sum;
        std::printf("%-4s %7s %5s %6s   %7s %5s %6s   %s\n", "qid", "nDCG@10", "P@5", "R@20", "base", "P@5", "R@20",
                    "query");
        for (const auto& q : queries) {
            auto ranked = engine_ranking(searcher, q.text);
            Scores e = score(ranked, q.judged);
            Scores b = score(baseline_ranking(plain, q.text), q.judged);
            std::printf("%-4s %7.3f %5.2f %6.2f   %7.3f %5.2f %6.2f   %s\n", q.qid.c_str(), e.ndcg, e.p5, e.r20,
                        b.ndcg, b.p5, b.r20, q.text.c_str());
            if (verbose) {
                for (size_t i = 0; i < ranked.size() && i < 10; ++i) {
                    auto it = q.judged.find(ranked[i]);
                    std::printf("       %2zu %s %s\n", i + 1, ranked[i].c_str(),
                                it == q.judged.end() ? "-" : std::to_string(it->second).c_str());
                }
            }
            engine_sum.ndcg += e.ndcg, engine_sum.p5 += e.p5, engine_sum.r20 += e.r20;
            base_sum.ndcg += b.ndcg, base_sum.p5 += b.p5, base_sum.r20 += b.r20;
        }
        double n = static_cast<double>(queries.size());
        std::printf("%-4s %7.3f %5.2f %6.2f   %7.3f %5.2f %6.2f   (%zu queries; imrsearch, then plain Xapian)\n",
                    "mean", engine_sum.ndcg / n, engine_sum.p5 / n, engine_sum.r20 / n, base_sum.ndcg / n,
                    base_sum.p5 / n, base_sum.r20 / n, queries.size());
        fs::remove_all(db);
    } catch (const Error& e) {
        std::cerr << "relevance: " << e.what() << '\n';
        return 3;
    }
    return 0;
}
