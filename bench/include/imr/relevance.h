// Measuring relevance on judged queries: imrsearch against a plain-Xapian baseline over the
// same index. Used by bench/relevance and by the relevance test.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace imr::bench {

struct JudgedQuery {
    std::string qid;
    std::string text;
    std::map<std::string, int> judged;  // decision id -> grade (2 highly, 1 partly relevant)
};

// One query object per line: {"qid", "query", "judgments": {id: grade}}.
std::vector<JudgedQuery> load_judged_queries(const std::filesystem::path& jsonl);

struct Scores {
    double ndcg10 = 0, p5 = 0, recall20 = 0;
};

struct QueryReport {
    const JudgedQuery* query = nullptr;
    std::vector<std::string> engine_ranking;  // top 20 ids
    Scores engine, baseline;
};

struct Report {
    std::vector<QueryReport> queries;
    Scores engine_mean, baseline_mean;
};

// Runs every query against the index at `db`, through imrsearch and through Xapian's default
// QueryParser with BM25 (no domain features).
Report measure(const std::filesystem::path& db, const std::vector<JudgedQuery>& queries);

// For each judged query with three or more grade-2 decisions: `similar` of each of them, and
// how many of the others it ranks in its top ten (of at most ten). The mean over those
// queries, and how many queries counted.
struct SimilarRecall {
    double recall10 = 0;
    size_t queries = 0;
};
SimilarRecall similar_recall(const std::filesystem::path& db, const std::vector<JudgedQuery>& queries);

}  // namespace imr::bench
