#include <algorithm>
#include <xapian.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "imr/error.h"
#include "imr/record.h"
#include "imr/schema.h"
#include "imr/relevance.h"
#include "imr/relevance_metrics.h"
#include "imr/searcher.h"

namespace imr::bench {

namespace {

constexpr size_t kDepth = 20;

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
    qp.set_stemmer(Xapian::Stem(schema::kStemLanguage));
    qp.set_stemming_strategy(schema::kQueryStemming);
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

Scores score(const std::vector<std::string>& ranked, const Judgments& judged) {
    return {ndcg_at(ranked, judged, 10), precision_at(ranked, judged, 5), recall_at(ranked, judged, 20)};
}

void add(Scores& sum, const Scores& s) {
    sum.ndcg10 += s.ndcg10;
    sum.p5 += s.p5;
    sum.recall20 += s.recall20;
}

void divide(Scores& s, double n) {
    s.ndcg10 /= n;
    s.p5 /= n;
    s.recall20 /= n;
}

}  // namespace

std::vector<JudgedQuery> load_judged_queries(const std::filesystem::path& jsonl) {
    std::ifstream in(jsonl);
    if (!in) throw Error(ErrorKind::bad_usage, jsonl.string() + ": cannot read judged queries");
    std::vector<JudgedQuery> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        try {
            auto j = nlohmann::json::parse(line);
            JudgedQuery q{j.at("qid"), j.at("query"), {}};
            for (auto& [id, grade] : j.at("judgments").items()) q.judged[id] = grade.get<int>();
            out.push_back(std::move(q));
        } catch (const nlohmann::json::exception& e) {
            throw Error(ErrorKind::bad_usage, jsonl.string() + ": line " + std::to_string(out.size() + 1) +
                                                  " is not a judged query: " + e.what());
        }
    }
    return out;
}

Report measure(const std::filesystem::path& db, const std::vector<JudgedQuery>& queries) {
    Searcher searcher(db);
    Xapian::Database plain(db.string());
    Report report;
    for (const auto& q : queries) {
        QueryReport r;
        r.query = &q;
        r.engine_ranking = engine_ranking(searcher, q.text);
        r.engine = score(r.engine_ranking, q.judged);
        r.baseline = score(baseline_ranking(plain, q.text), q.judged);
        add(report.engine_mean, r.engine);
        add(report.baseline_mean, r.baseline);
        report.queries.push_back(std::move(r));
    }
    if (!queries.empty()) {
        divide(report.engine_mean, static_cast<double>(queries.size()));
        divide(report.baseline_mean, static_cast<double>(queries.size()));
    }
    return report;
}

SimilarRecall similar_recall(const std::filesystem::path& db, const std::vector<JudgedQuery>& queries) {
    Searcher searcher(db);
    SearchOptions ten;
    ten.limit = 10;
    ten.facets = false;
    SimilarRecall out;
    double sum = 0;
    for (const auto& q : queries) {
        std::vector<std::string> best;
        for (const auto& [id, grade] : q.judged)
            if (grade == 2) best.push_back(id);
        if (best.size() < 3) continue;
        double per_query = 0;
        for (const auto& source : best) {
            size_t found = 0;
            for (const auto& h : searcher.similar(source, ten).hits)
                found += std::find(best.begin(), best.end(), h.record.id) != best.end();
            per_query += static_cast<double>(found) / static_cast<double>(std::min<size_t>(10, best.size() - 1));
        }
        sum += per_query / static_cast<double>(best.size());
        ++out.queries;
    }
    out.recall10 = out.queries ? sum / static_cast<double>(out.queries) : 0;
    return out;
}

}  // namespace imr::bench
