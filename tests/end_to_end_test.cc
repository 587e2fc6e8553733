// The whole pipeline on an index of data/letters: indexing, re-indexing, search, facets, and
// the command line's errors and exit codes.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include <xapian.h>
#include <sstream>

#include "imr/analyzers.h"
#include "imr/cli.h"
#include "imr/error.h"
#include "imr/indexer.h"
#include "imr/facet_codes.h"
#include "imr/schema.h"
#include "imr/searcher.h"
#include "imr/stopwords.h"
#include "sample_corpus.h"
#include "test_support.h"

using namespace imr;
using test::cli;
using test::facet_map;
using test::has_run;
using test::indexed_words;
using test::parsed_corpus;
using test::sample_index;
using test::squeezed;

namespace {

}  // namespace

TEST_CASE("the sample query ranks upheld acupuncture decisions of the seeds first", "[e2e][search]") {
    Searcher searcher(sample_index());
    SearchResults r = searcher.search("acupuncture upheld no functional improvement");
    auto understood = [&](const std::string& field, const std::string& value, bool boost) {
        for (const auto& f : r.filters)
            if (f.field == field && f.value == value && f.from_words && f.boost == boost) return true;
        return false;
    };
    CHECK(understood("outcome", "upheld", false));
    CHECK(understood("treatment", "acupuncture", true));
    CHECK(r.text == "acupuncture outcome:upheld no functional improvement");
    REQUIRE(r.hits.size() >= 3);
    for (const auto& h : r.hits) {
        CHECK(h.record.outcome == "upheld");
        CHECK(h.record.id != "004_d5de75f73db54f04#1");
    }
    // The seeds' upheld acupuncture decisions: the best hit is one of them, all four are on
    // the first two pages, and the first page is about acupuncture.
    const std::set<std::string> seeds = {"000_58e21317fa2091e5#1", "001_e066e2eff228d9d9#1",
                                         "002_ff7e911861468fa8#2", "003_a5f95da6f992a566#1"};
    CHECK(seeds.count(r.hits[0].record.id) == 1);
    SearchOptions twenty;
    twenty.limit = 20;
    SearchResults wide = searcher.search("acupuncture upheld no functional improvement", twenty);
    size_t seen = 0, acupuncture_on_first_page = 0;
    for (const auto& h : wide.hits) {
        seen += seeds.count(h.record.id);
        if (h.rank <= 10 && h.record.treatment == "acupuncture") ++acupuncture_on_first_page;
    }
    CHECK(seen == seeds.size());
    CHECK(acupuncture_on_first_page >= 8);
    // Excerpts are whole sentences of the rationale with the query's words marked.
    for (const auto& h : r.hits) {
        std::string plain;
        bool marked = false;
        for (const auto& f : h.excerpt) {
            plain += f.text;
            marked = marked || f.hit;
        }
        INFO(h.record.id << ": " << plain);
        CHECK(marked);
        size_t at = h.record.rationale.find(plain);
        REQUIRE(at != std::string::npos);
        CHECK((at == 0 || h.record.rationale.compare(at - 2, 2, ". ") == 0));
        CHECK(std::string(".?!\")").find(plain.back()) != std::string::npos);
    }
}

TEST_CASE("facet counts equal counts made from the parsed letters", "[e2e][facets]") {
    std::map<std::string, size_t> outcomes, treatments, years, overturned_treatments;
    size_t decisions = 0;
    for (const auto& l : parsed_corpus()) {
        for (const auto& d : l.decisions) {
            ++decisions;
            DecisionFacets f = recognise(l, d);
            ++outcomes[to_string(d.outcome)];
            ++treatments[f.treatment];
            if (!l.decision_date.empty()) ++years[l.decision_date.substr(0, 4)];
            if (d.outcome == Outcome::overturned) ++overturned_treatments[f.treatment];
        }
    }
    Searcher searcher(sample_index());
    IndexStats stats = searcher.stats();
    CHECK(stats.decisions == decisions);
    CHECK(stats.letters == test::letter_files().size());
    CHECK(facet_map(stats.facets, "outcome") == outcomes);
    CHECK(facet_map(stats.facets, "treatment") == treatments);
    CHECK(facet_map(stats.facets, "year") == years);
    // The share overturned of each value, from the same letters.
    std::map<std::string, size_t> overturned_by_treatment;
    for (const auto& f : stats.facets)
        if (f.field == "treatment")
            for (const auto& v : f.values) overturned_by_treatment[v.value] = v.overturned;
    for (const auto& [treatment, n] : treatments) {
        INFO(treatment);
        auto expected = overturned_treatments.find(treatment);
        CHECK(overturned_by_treatment[treatment] ==
              (expected == overturned_treatments.end() ? 0 : expected->second));
    }

    // Over a match set, not the page: one hit shown, every overturned decision counted.
    SearchOptions one;
    one.limit = 1;
    SearchResults r = searcher.search("overturned", one);
    CHECK(r.hits.size() == 1);
    CHECK(r.total == outcomes["overturned"]);
    CHECK(facet_map(r.facets, "treatment") == overturned_treatments);
}

TEST_CASE("field prefixes, phrases, boolean operators and date ranges", "[e2e][search]") {
    Searcher searcher(sample_index());
    SearchOptions all;
    all.limit = 1000;
    auto ids = [&](const std::string& q) {
        std::set<std::string> out;
        for (const auto& h : searcher.search(q, all).hits) out.insert(h.record.id);
        return out;
    };
    CHECK(ids("page:98") == ids("page:99"));
    CHECK(ids("page:98").count("001_e066e2eff228d9d9#2") == 1);
    CHECK(ids("case:CM16-0213037") == std::set<std::string>{"CM16-0213037#1", "CM16-0213037#2"});
    CHECK(ids("case:cm16-0213037") == ids("case:CM16-0213037"));
    CHECK(ids("specialty:\"Physical Medicine & Rehabilitation\"") ==
          ids("specialty:\"physical medicine and rehabilitation\""));
    CHECK(!ids("specialty:\"physical medicine and rehabilitation\"").empty());
    for (const auto& h : searcher.search("treatment:opioid", all).hits) CHECK(h.record.drug_class == "opioid");
    for (const auto& h : searcher.search("region:lumbar treatment:imaging", all).hits) {
        CHECK(h.record.treatment == "imaging");
    }
    for (const auto& h : searcher.search("date:2017-01-01..2017-01-31", all).hits) {
        CHECK(h.record.decision_date >= "2017-01-01");
        CHECK(h.record.decision_date <= "2017-01-31");
    }
    CHECK(!ids("date:2017-01-01..2017-01-31").empty());
    CHECK(ids("item:norflex").count("004_d5de75f73db54f04#2") == 1);
    // Identifiers typed whole.
    CHECK(ids("L4-5").count("CM16-0219557#1") == 1);  // "Facet joint injections L4-5, L5-S1"
    CHECK(ids("9792.24.1") == std::set<std::string>{"001_e066e2eff228d9d9#1"});
    CHECK(ids("CM16-0213037") == ids("case:CM16-0213037"));
    for (const auto& h : searcher.search("visits:7..12", all).hits) {
        CHECK(h.record.visits >= 7);
        CHECK(h.record.visits <= 12);
    }
    CHECK(ids("visits:7..12").count("000_58e21317fa2091e5#1") == 1);  // 3 times a week for 4 weeks
    CHECK(ids("units:60").count("004_d5de75f73db54f04#2") == 0);      // "NORFLEX" states no units
    CHECK(!ids("side:bilateral").empty());
    CHECK(ids("basis:outside-mtus").size() + ids("basis:mtus").size() + ids("basis:none-cited").size() ==
          searcher.stats().decisions);
    CHECK(ids("\"functional improvement\"").size() < ids("functional improvement").size());
    std::set<std::string> acupuncture = ids("acupuncture");
    std::set<std::string> not_upheld = ids("acupuncture NOT outcome:upheld");
    CHECK(not_upheld.count("004_d5de75f73db54f04#1") == 1);
    CHECK(not_upheld.size() < acupuncture.size());
    // --literal: "upheld" stays a word.
    SearchOptions literal;
    literal.literal = true;
    CHECK(searcher.search("acupuncture upheld", literal).filters.empty());
}

TEST_CASE("a phrase with stopwords finds the decisions that say it, and only those", "[e2e][search]") {
    Searcher searcher(sample_index());
    SearchOptions literal;
    literal.literal = true;
    literal.limit = 1000;
    auto found = [&](const std::string& q) {
        std::set<std::string> out;
        for (const auto& h : searcher.search(q, literal).hits) out.insert(h.record.id);
        return out;
    };
    const std::vector<Letter> letters = parsed_corpus();
    // Decisions whose item or rationale has `phrase` as typed, and those having its words in
    // order with nothing but stopwords between (what the index can tell apart).
    auto decisions_saying = [&](const std::string& phrase, std::set<std::string>& says, std::set<std::string>& near) {
        for (const auto& l : letters)
            for (const auto& d : l.decisions)
                for (const std::string* text : {&d.title, &d.rationale}) {
                    if (squeezed(*text).find(phrase) != std::string::npos) says.insert(l.decision_id(d));
                    if (has_run(indexed_words(*text), indexed_words(phrase))) near.insert(l.decision_id(d));
                }
    };
    for (const std::string phrase : {"lack of documentation regarding", "range of motion", "failure of conservative",
                                     "there is no documentation of"}) {
        INFO(phrase);
        std::set<std::string> says, near;
        decisions_saying(phrase, says, near);
        REQUIRE(!says.empty());
        const std::set<std::string> hits = found("\"" + phrase + "\"");
        CHECK(std::includes(hits.begin(), hits.end(), says.begin(), says.end()));
        CHECK(std::includes(near.begin(), near.end(), hits.begin(), hits.end()));
    }
    // Stopwords alone are no query, quoted or not: the index leaves them out.
    CHECK_THROWS_WITH(found("of the"), Catch::Contains("only common words"));
    CHECK_THROWS_WITH(found("\"of the\""), Catch::Contains("only common words"));
    // Words a hyphen joins make a phrase too.
    for (const std::string joined : {"range-of-motion", "flare-up", "at-home", "peer-to-peer"}) {
        INFO(joined);
        std::set<std::string> says, near;
        decisions_saying(joined, says, near);
        REQUIRE(!says.empty());
        const std::set<std::string> hits = found(joined);
        CHECK(std::includes(hits.begin(), hits.end(), says.begin(), says.end()));
    }
}

TEST_CASE("a malformed query is an error naming the query", "[e2e][errors]") {
    Searcher searcher(sample_index());
    CHECK_THROWS_WITH(searcher.search("date:2017..2016-13-45 AND (acupuncture"),
                      Catch::Contains("date:2017..2016-13-45 AND (acupuncture"));
    test::CliRun r = cli({"search", "--db", sample_index().string(), "acupuncture", "AND", "("});
    CHECK(r.status == kExitUsage);
    CHECK(r.err.find("acupuncture AND (") != std::string::npos);
}

TEST_CASE("indexing twice adds nothing, and a changed letter leaves no stale decision", "[e2e][indexer]") {
    test::TempDir dir;
    std::filesystem::create_directories(dir / "letters");
    std::filesystem::copy(test::letters_dir() / "seeds", dir / "letters");
    const std::string letter = (dir / "letters" / "003_a5f95da6f992a566.txt").string();
    {
        Indexer indexer(dir / "index");
        IndexSummary first = indexer.index({dir / "letters"});
        CHECK(first.letters_indexed == 5);
        CHECK(first.decisions_indexed == 10);
        IndexSummary second = indexer.index({dir / "letters"});
        CHECK(second.letters_indexed == 0);
        CHECK(second.letters_unchanged == 5);
    }
    CHECK(Searcher(dir / "index").stats().decisions == 10);

    // Drop the massage item (the third) from the letter and index again.
    std::string text = test::read_file(letter);
    size_t cut = text.find("Deep tissue massage, one visit");
    REQUIRE(cut != std::string::npos);
    test::write_file(letter, text.substr(0, cut));
    {
        Indexer indexer(dir / "index");
        IndexSummary s = indexer.index({dir / "letters"});
        CHECK(s.letters_indexed == 1);
        CHECK(s.decisions_indexed == 2);
    }
    Searcher searcher(dir / "index");
    CHECK(searcher.stats().decisions == 9);
    CHECK(searcher.lookup("003_a5f95da6f992a566#3").empty());
    CHECK(searcher.lookup("003_a5f95da6f992a566").size() == 2);
}

TEST_CASE("the command line: summary, failures named, exit codes", "[e2e][cli]") {
    test::TempDir dir;
    std::filesystem::create_directories(dir / "in");
    std::filesystem::copy_file(test::seed("004_d5de75f73db54f04"), dir / "in" / "004_d5de75f73db54f04.txt");
    test::write_file(dir / "in" / "memo.txt", "Nothing to see here.\n");
    test::write_file(dir / "in" / "empty.txt", "");
    const std::string db = (dir / "index").string();

    test::CliRun r = cli({"index", "--db", db, (dir / "in").string()});
    CHECK(r.status == kExitSomeFailed);
    CHECK(r.out.find("letters indexed:     1 (2 decisions)") != std::string::npos);
    CHECK(r.out.find("letters failed:      2") != std::string::npos);
    CHECK(r.err.find("memo.txt: no disputed item found") != std::string::npos);
    CHECK(r.err.find("empty.txt: empty file") != std::string::npos);

    test::CliRun search = cli({"search", "--db", db, "--json", "norflex"});
    CHECK(search.status == kExitOk);
    CHECK(search.out.find("\"id\": \"004_d5de75f73db54f04#2\"") != std::string::npos);
    CHECK(search.out.find("<mark>") != std::string::npos);

    CHECK(cli({"show", "--db", db, "004_d5de75f73db54f04#2"}).out.find("NORFLEX — upheld") != std::string::npos);
    CHECK(cli({"show", "--db", db, "nope#1"}).status == kExitSomeFailed);
    CHECK(cli({"search", "--db", (dir / "missing").string(), "x"}).status == kExitCannotRun);
    CHECK(cli({"search", "--db", db}).status == kExitUsage);
    CHECK(cli({"frobnicate"}).status == kExitUsage);
    CHECK(cli({"stats", "--db", db}).out.find("2 decisions from 1 letters") != std::string::npos);
}

TEST_CASE("an index of another schema version is refused", "[e2e][errors]") {
    test::TempDir dir;
    {
        Xapian::WritableDatabase db((dir / "index").string(), Xapian::DB_CREATE);
        db.set_metadata("imrsearch.schema_version", "999");
        db.add_document(Xapian::Document());
        db.commit();
    }
    CHECK_THROWS_WITH(Searcher(dir / "index"), Catch::Contains("schema version 999"));
    CHECK_THROWS_WITH(Indexer(dir / "index"), Catch::Contains("schema version 999"));
}

TEST_CASE("a second writer fails at once", "[e2e][indexer]") {
    test::TempDir dir;
    Indexer first(dir / "index");
    CHECK_THROWS_WITH(Indexer(dir / "index"), Catch::Contains("locked by another writer"));
}

TEST_CASE("prune removes letters whose files are gone, remove takes ids and cases", "[e2e][indexer]") {
    test::TempDir dir;
    std::filesystem::create_directories(dir / "letters");
    std::filesystem::copy(test::letters_dir() / "seeds", dir / "letters");
    Indexer indexer(dir / "index");
    indexer.index({dir / "letters"});
    std::filesystem::remove(dir / "letters" / "003_a5f95da6f992a566.txt");
    CHECK(indexer.prune({dir.path()}) == 1);
    CHECK(Searcher(dir / "index").stats().decisions == 7);
    CHECK(indexer.remove("004_d5de75f73db54f04#1") == 1);
    CHECK(indexer.remove("001_e066e2eff228d9d9") == 2);
    CHECK(indexer.remove("nothing-like-it") == 0);
    Searcher searcher(dir / "index");
    CHECK(searcher.stats().decisions == 4);
    CHECK(searcher.lookup("004_d5de75f73db54f04").size() == 1);
}

TEST_CASE("similar decisions share the treatment category and leave out the decision itself", "[e2e][similar]") {
    Searcher searcher(sample_index());
    SearchResults r = searcher.similar("004_d5de75f73db54f04#2");  // NORFLEX, a muscle relaxant
    REQUIRE(r.hits.size() >= 5);
    for (const auto& h : r.hits) {
        CHECK(h.record.id != "004_d5de75f73db54f04#2");
        CHECK(h.record.treatment == "medication");
    }
    size_t relaxants = 0;
    for (size_t i = 0; i < 5; ++i) relaxants += r.hits[i].record.drug_class == "muscle-relaxant";
    CHECK(relaxants >= 3);
    CHECK(searcher.similar("004_d5de75f73db54f04#2", {}, true).total > r.total);
    CHECK_THROWS_AS(searcher.similar("no-such#1"), imr::Error);
}

TEST_CASE("a misspelt query gets a suggestion that finds decisions", "[e2e][spelling]") {
    Searcher searcher(sample_index());
    SearchResults r = searcher.search("acupunture");
    CHECK(r.total == 0);
    CHECK(r.suggestion == "acupuncture");
    CHECK(r.suggestion_total == searcher.search("acupuncture").total);
    CHECK(searcher.search("acupuncture").suggestion.empty());
}

TEST_CASE("beyond the facet bound, facets are counted over a fair hash sample and scaled", "[e2e][facets]") {
    Searcher searcher(sample_index());
    SearchOptions all;
    all.facet_bound = 100000;
    SearchResults exact = searcher.search("treatment", all);
    REQUIRE(exact.facets_exact);
    REQUIRE(exact.total > 150);

    SearchOptions bounded;
    bounded.facet_bound = exact.total / 3;
    SearchResults sampled = searcher.search("treatment", bounded);
    CHECK_FALSE(sampled.facets_exact);
    CHECK((!sampled.total_exact || sampled.total == exact.total));  // exact only where sure
    // The page of hits does not depend on how facets are counted.
    REQUIRE(sampled.hits.size() == exact.hits.size());
    for (size_t i = 0; i < exact.hits.size(); ++i) CHECK(sampled.hits[i].record.id == exact.hits[i].record.id);

    // Counts are whole multiples of the sample's scale, a power of two: a sample of a fixed
    // share of the decisions, not the first ones examined.
    std::map<std::string, size_t> upheld_share;
    size_t smallest = SIZE_MAX;
    for (const auto& f : sampled.facets)
        for (const auto& v : f.values) smallest = std::min(smallest, v.count);
    REQUIRE(smallest >= 2);
    size_t scale = 1;
    while (smallest % (scale * 2) == 0) scale *= 2;
    for (const auto& f : sampled.facets)
        for (const auto& v : f.values) CHECK(v.count % scale == 0);

    // And a fair one: the total and the share upheld come close to the exact ones (the
    // sample is a hash of the ids, so these figures are the same on every run).
    CHECK(static_cast<double>(sampled.total) == Approx(static_cast<double>(exact.total)).epsilon(0.35));
    auto share = [](const SearchResults& r) {
        auto outcomes = facet_map(r.facets, "outcome");
        return static_cast<double>(outcomes["upheld"]) / static_cast<double>(outcomes["upheld"] + outcomes["overturned"]);
    };
    CHECK(share(sampled) == Approx(share(exact)).margin(0.15));
}

TEST_CASE("each sample level's slot holds the facet codes of exactly that level's decisions", "[e2e][facets]") {
    namespace sc = imr::schema;
    Xapian::Database db(sample_index().string());
    const auto book = sc::book_of_name(db.get_metadata(sc::kFacetBookKey));
    REQUIRE(book);
    size_t sampled = 0;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        const Xapian::Document doc = db.get_document(*p);
        const std::string packed = doc.get_value(sc::slot::facets);
        REQUIRE_FALSE(packed.empty());
        // The codes stand for the display values, in order.
        const std::string coded = doc.get_value(sc::slot::facet_codes(0));
        std::vector<std::uint32_t> codes;
        REQUIRE(sc::decode_facet_codes(coded, codes) == book);
        std::vector<sc::PackedValue> values;
        sc::packed_values(packed, values);
        REQUIRE(codes.size() == values.size());
        for (size_t i = 0; i < codes.size(); ++i) {
            CHECK(db.get_metadata(sc::facet_code_key(*book, codes[i])) == sc::facet_code_entry(values[i].field, values[i].value));
        }
        std::set<std::string> terms(doc.termlist_begin(), doc.termlist_end());
        for (unsigned level = 1; level <= sc::kSampleLevels; ++level) {
            const bool in_level = terms.count(sc::term("sample", std::to_string(level))) > 0;
            CHECK(doc.get_value(sc::slot::facet_codes(level)) == (in_level ? coded : std::string()));
            sampled += in_level;
        }
    }
    CHECK(sampled > db.get_doccount() / 2);
}

TEST_CASE("beyond the facet bound, a total the matcher is sure of stays exact", "[e2e][facets]") {
    Searcher searcher(sample_index());
    SearchOptions all;
    all.facet_bound = 100000;
    const SearchResults exact = searcher.search("treatment:imaging", all);
    REQUIRE(exact.total_exact);
    REQUIRE(exact.total > 40);
    SearchOptions bounded;
    bounded.facet_bound = exact.total / 3;
    const SearchResults sampled = searcher.search("treatment:imaging", bounded);
    CHECK_FALSE(sampled.facets_exact);
    CHECK(sampled.total_exact);
    CHECK(sampled.total == exact.total);
}
