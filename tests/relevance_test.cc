// The domain features must earn their keep: on the judged queries imrsearch ranks clearly
// better than plain Xapian over the same index.
#include <catch2/catch.hpp>

#include "imr/indexer.h"
#include "imr/relevance.h"
#include "imr/relevance_metrics.h"
#include "test_support.h"

using namespace imr;

TEST_CASE("the metrics follow the queries README", "[relevance]") {
    bench::Judgments judged = {{"a", 2}, {"b", 1}, {"c", 1}};
    CHECK(bench::ndcg_at({"a", "b", "c"}, judged, 10) == Approx(1.0));
    CHECK(bench::ndcg_at({"x", "a"}, judged, 10) < bench::ndcg_at({"a", "x"}, judged, 10));
    CHECK(bench::ndcg_at({"x", "y"}, judged, 10) == 0.0);
    CHECK(bench::precision_at({"a", "x", "b", "y", "z"}, judged, 5) == Approx(0.4));
    CHECK(bench::recall_at({"a", "x", "c"}, judged, 20) == Approx(2.0 / 3.0));
}

TEST_CASE("imrsearch ranks the judged queries clearly better than plain Xapian", "[relevance]") {
    test::TempDir dir;
    Indexer(dir / "index").index({test::letters_dir()});
    auto queries = bench::load_judged_queries(test::data_dir() / "queries" / "dev.jsonl");
    REQUIRE(queries.size() >= 20);
    bench::Report report = bench::measure(dir / "index", queries);
    WARN("mean nDCG@10 " << report.engine_mean.ndcg10 << " (plain Xapian " << report.baseline_mean.ndcg10
                         << "), P@5 " << report.engine_mean.p5 << ", recall@20 " << report.engine_mean.recall20);
    // Floors below today's figures (0.802 vs 0.673), so that tuning can move, not regress.
    CHECK(report.engine_mean.ndcg10 >= 0.78);
    CHECK(report.engine_mean.ndcg10 >= report.baseline_mean.ndcg10 + 0.08);
    CHECK(report.engine_mean.recall20 >= report.baseline_mean.recall20);
}
