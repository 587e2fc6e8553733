// Date ranges are searched as year and month terms, with the date value checked only in a
// partial month (searcher/date_range.h): they must find exactly the decisions Xapian's value
// range finds, and leave the ranking as it was.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include <xapian.h>

#include "../searcher/query_builder.h"
#include "imr/indexer.h"
#include "imr/schema.h"
#include "imr/searcher.h"
#include "test_support.h"

using namespace imr;

namespace {

std::string compact(const std::string& iso) {
    std::string out;
    for (char c : iso)
        if (c != '-') out += c;
    return out;
}

// What Xapian's value range finds for "date:begin..end": ids, best first.
std::vector<std::string> by_value_range(const Xapian::Database& db, const Xapian::Query& words, const std::string& begin,
                                        const std::string& end) {
    const Xapian::valueno slot = schema::slot::decision_date;
    Xapian::Query range = begin.empty() ? Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, compact(end))
                          : end.empty() ? Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, compact(begin))
                                        : Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, compact(begin), compact(end));
    const Xapian::MSet m = detail::ranked(db, Xapian::Query(Xapian::Query::OP_FILTER, words, range), 0, db.get_doccount());
    std::vector<std::string> ids;
    for (auto it = m.begin(); it != m.end(); ++it) ids.push_back(DecisionRecord::from_data(it.get_document().get_data()).id);
    return ids;
}

std::vector<std::string> ids_of(const SearchResults& r) {
    std::vector<std::string> ids;
    for (const auto& h : r.hits) ids.push_back(h.record.id);
    return ids;
}

}  // namespace

TEST_CASE("date ranges find what the value range finds, ranked as before", "[search][dates]") {
    test::TempDir dir;
    {
        Indexer indexer(dir / "index");
        REQUIRE(indexer.index({test::letters_dir()}).failures.empty());
    }
    Xapian::Database db((dir / "index").string());
    Searcher searcher(dir / "index");
    SearchOptions all;
    all.limit = db.get_doccount();
    const std::vector<std::pair<std::string, std::string>> ranges = {
        {"2016-12-01", "2017-01-31"}, {"2016-12-15", "2017-01-10"}, {"2017-01-01", "2017-01-31"},
        {"2017-01-09", "2017-01-09"}, {"2016-01-01", "2017-12-31"}, {"2015-03-04", "2017-02-11"},
        {"", "2016-06-30"},           {"", "2017-01-15"},           {"2017-02-01", ""}};
    size_t nonempty = 0;
    for (const auto& [begin, end] : ranges) {
        const std::string typed = "date:" + begin + ".." + end;
        INFO(typed);
        const std::vector<std::string> expected = by_value_range(db, Xapian::Query::MatchAll, begin, end);
        const SearchResults r = searcher.search(typed, all);
        CHECK(r.total == expected.size());
        const std::vector<std::string> found = ids_of(r);
        CHECK(std::set<std::string>(found.begin(), found.end()) == std::set<std::string>(expected.begin(), expected.end()));
        if (!expected.empty()) ++nonempty;
        // With words, the same decisions in the same order: the range adds no weight.
        const std::string words = "knee pain";
        SearchOptions literal = all;
        literal.literal = true;  // words only, no facet boosts: the reference is the words' query
        const SearchResults ranked = searcher.search(words + " " + typed, literal);
        const Xapian::Query words_query = detail::build_query(db, detail::understand(words, true), words).ranked.query;
        CHECK(ids_of(ranked) == by_value_range(db, words_query, begin, end));
    }
    CHECK(nonempty >= 7);
}
