// AnyWords (searcher/any_words.h) must weigh every decision as Xapian's own OR of the same
// terms weighs it under imrsearch's BM25, boosts included, and its skipping must leave the
// best decisions where they were.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include <xapian.h>

#include "../searcher/any_words.h"
#include "../searcher/ranked_page.h"
#include "imr/indexer.h"
#include "test_support.h"

using namespace imr;

namespace {

// Every decision `q` matches, by docid, with its weight: nothing pruned.
std::map<Xapian::docid, double> all_weights(const Xapian::Database& db, const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(detail::ranking());
    const Xapian::MSet m = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
    std::map<Xapian::docid, double> out;
    for (auto it = m.begin(); it != m.end(); ++it) out[*it] = it.get_weight();
    return out;
}

// The best `count` weights of `q`, as the matcher prunes for them.
std::vector<double> best_weights(const Xapian::Database& db, const Xapian::Query& q, size_t count) {
    const Xapian::MSet m = detail::ranked(db, q, 0, count);
    std::vector<double> out;
    for (auto it = m.begin(); it != m.end(); ++it) out.push_back(it.get_weight());
    return out;
}

Xapian::Query term_or(const std::vector<std::string>& terms) {
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

void check_same(const std::map<Xapian::docid, double>& expected, const std::map<Xapian::docid, double>& got) {
    REQUIRE(got.size() == expected.size());
    for (const auto& [docid, weight] : expected) {
        INFO("docid " << docid);
        REQUIRE(got.count(docid) == 1);
        CHECK(std::abs(got.at(docid) - weight) < 1e-9);
    }
}

}  // namespace

TEST_CASE("AnyWords weighs as Xapian's OR of its terms, boosts as AND_MAYBE a scaled OR", "[search][ranking]") {
    test::TempDir dir;
    {
        Indexer indexer(dir / "index");
        REQUIRE(indexer.index({test::letters_dir()}).failures.empty());
    }
    Xapian::Database db((dir / "index").string());
    // A question's words, common and rare, one said twice, and one no decision holds.
    const std::vector<std::string> words{"Zlumbar", "Zmri",  "Zinfect", "Zdeni", "Zradiculopathi",
                                         "Zpain",   "Zmri",  "Zzzqxv",  "Zspine"};
    std::vector<std::string> held;
    for (auto t = db.allterms_begin("XB:"); t != db.allterms_end("XB:") && held.size() < 3; ++t) held.push_back(*t);
    REQUIRE(held.size() == 3);  // facet terms to boost

    std::vector<detail::ListedTerm> listed;
    for (const auto& w : words) listed.push_back({w, 1, true});
    const Xapian::Query plain((new detail::AnyWords(listed))->release());
    const auto expected = all_weights(db, term_or(words));
    REQUIRE(expected.size() > 50);
    check_same(expected, all_weights(db, plain));

    std::vector<detail::ListedTerm> boosted = listed;
    for (const auto& h : held) boosted.push_back({h, 5, false});
    const Xapian::Query with_boosts((new detail::AnyWords(boosted))->release());
    const Xapian::Query xapian_boosted(Xapian::Query::OP_AND_MAYBE, term_or(words),
                                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, term_or(held), 5));
    const auto expected_boosted = all_weights(db, xapian_boosted);
    check_same(expected_boosted, all_weights(db, with_boosts));
    // The boosts move decisions: otherwise the check above says nothing of them.
    size_t moved = 0;
    for (const auto& [docid, weight] : expected_boosted) moved += weight > expected.at(docid) + 1e-6;
    CHECK(moved > 0);

    // Skipped as the matcher asks, the best stay the best: the top weights of the whole list.
    // (Not Xapian's own pruned AND_MAYBE: on these letters its top 10 leaves out the best.)
    std::vector<double> everything;
    for (const auto& [docid, weight] : expected_boosted) everything.push_back(weight);
    std::sort(everything.begin(), everything.end(), std::greater<>());
    for (size_t count : {1, 10, 25}) {
        INFO("top " << count);
        const auto pruned = best_weights(db, with_boosts, count);
        REQUIRE(pruned.size() == count);
        for (size_t i = 0; i < count; ++i) CHECK(std::abs(pruned[i] - everything[i]) < 1e-9);
    }

    // A copy for another thread (unshared serialises it) weighs the same.
    check_same(expected_boosted, all_weights(db, detail::unshared(with_boosts)));
}

TEST_CASE("AnyWords matches a phrase's terms anywhere, its weights bounds of Xapian's", "[search][ranking]") {
    test::TempDir dir;
    {
        Indexer indexer(dir / "index");
        REQUIRE(indexer.index({test::letters_dir()}).failures.empty());
    }
    Xapian::Database db((dir / "index").string());
    const std::vector<std::string> said{"Zfunction", "Zimprov"};
    const Xapian::Query phrase(Xapian::Query::OP_PHRASE, said.begin(), said.end(), 2);
    const Xapian::Query xapian(Xapian::Query::OP_OR, phrase, Xapian::Query("Zacupunctur"));
    const Xapian::Query fast((new detail::AnyWords({{"Zacupunctur", 1, true}}, {{said}}))->release());
    const auto expected = all_weights(db, xapian), bounds = all_weights(db, fast);
    const auto side_by_side = all_weights(db, phrase);
    REQUIRE(side_by_side.size() > 20);
    size_t apart = 0;
    for (const auto& [docid, weight] : bounds) {
        INFO("docid " << docid);
        if (!expected.count(docid)) {
            ++apart;  // both words, not side by side, no acupuncture
            continue;
        }
        // The phrase said there weighs as Xapian weighs it; elsewhere only a bound.
        if (side_by_side.count(docid)) CHECK(std::abs(weight - expected.at(docid)) < 1e-9);
        else CHECK(weight >= expected.at(docid) - 1e-9);
    }
    for (const auto& [docid, weight] : expected) CHECK(bounds.count(docid) == 1);
    CHECK(apart > 0);  // else the phrase might as well be checked

    // A copy for another thread (unshared serialises it) matches the same.
    CHECK(all_weights(db, detail::unshared(fast)) == bounds);
}

// Joined words (telling_words.h makes "first-line" the AND of its words) match as an AND
// anywhere: exactly Xapian's AND of the terms within the OR, weights and all, its copy too.
TEST_CASE("AnyWords weighs an AND of terms in its list as Xapian's AND", "[search][ranking]") {
    test::TempDir dir;
    {
        Indexer indexer(dir / "index");
        REQUIRE(indexer.index({test::letters_dir()}).failures.empty());
    }
    Xapian::Database db((dir / "index").string());
    const std::vector<std::string> joined{"Zfunction", "Zimprov"}, also{"Zfirst", "Zline"};
    const std::vector<Xapian::Query> parts{Xapian::Query(Xapian::Query::OP_AND, joined.begin(), joined.end()),
                                           Xapian::Query(Xapian::Query::OP_AND, also.begin(), also.end()),
                                           Xapian::Query("Zacupunctur")};
    const Xapian::Query xapian(Xapian::Query::OP_OR, parts.begin(), parts.end());
    const Xapian::Query fast(
        (new detail::AnyWords({{"Zacupunctur", 1, true}}, {{joined, detail::ListedPhrase::Kind::all}, {also, detail::ListedPhrase::Kind::all}}))->release());
    const auto expected = all_weights(db, xapian);
    REQUIRE(expected.size() > all_weights(db, Xapian::Query("Zacupunctur")).size());
    check_same(expected, all_weights(db, fast));
    check_same(expected, all_weights(db, detail::unshared(fast)));
    // As the parser makes it of typed words, a list with an AND is matched fast, and exactly.
    const detail::FastQuery listed = detail::any_words(xapian, {}, {}, {});
    REQUIRE(!listed.query.empty());
    CHECK_FALSE(listed.bounds);
    check_same(expected, all_weights(db, listed.query));
}

// A word and the concept it names (the parser's OP_SYNONYM: "radiograph" and x-ray) weigh as
// one term holding both's occurrences: exactly Xapian's weight for every decision, in a list
// with words and boosts, one of whose terms no decision holds too.
TEST_CASE("AnyWords weighs a synonym of two terms as Xapian's OP_SYNONYM", "[search][ranking]") {
    test::TempDir dir;
    {
        Indexer indexer(dir / "index");
        REQUIRE(indexer.index({test::letters_dir()}).failures.empty());
    }
    Xapian::Database db((dir / "index").string());
    std::string boost;
    for (auto t = db.allterms_begin("XB:"); t != db.allterms_end("XB:") && boost.empty(); ++t) boost = *t;
    for (const std::vector<std::string>& synonym : {std::vector<std::string>{"Zradiograph", "XW:x-ray"},
                                                    {"Zpostop", "XW:post-operative"}, {"Zmri", "Zzzqxv"}}) {
        INFO(synonym[0] << " SYNONYM " << synonym[1]);
        REQUIRE(db.get_termfreq(synonym[0]) > 0);
        const std::vector<Xapian::Query> parts{Xapian::Query(Xapian::Query::OP_SYNONYM, synonym.begin(), synonym.end()),
                                               Xapian::Query("Zknee"), Xapian::Query("Zpain")};
        const Xapian::Query words(Xapian::Query::OP_OR, parts.begin(), parts.end());
        const Xapian::Query xapian(Xapian::Query::OP_AND_MAYBE, words,
                                   Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(boost), 5));
        const detail::FastQuery fast = detail::any_words(words, {}, {}, {{boost, 5, false}});
        REQUIRE(!fast.query.empty());
        CHECK_FALSE(fast.bounds);
        const auto expected = all_weights(db, xapian);
        REQUIRE(expected.size() > all_weights(db, Xapian::Query(Xapian::Query::OP_OR, parts.begin() + 1, parts.end())).size());
        check_same(expected, all_weights(db, fast.query));
        check_same(expected, all_weights(db, detail::unshared(fast.query)));
        // Pruned for the top ten, the best stay the best.
        std::vector<double> everything;
        for (const auto& [docid, weight] : expected) everything.push_back(weight);
        std::sort(everything.begin(), everything.end(), std::greater<>());
        const auto pruned = best_weights(db, fast.query, 10);
        REQUIRE(pruned.size() == 10);
        for (size_t i = 0; i < 10; ++i) CHECK(std::abs(pruned[i] - everything[i]) < 1e-9);
    }
}
