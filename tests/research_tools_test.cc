// The tools a researcher uses beside the query: sorting by date, one hit per letter, every
// value of a facet, citations, export of the whole result set, similar decisions, alerts.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "imr/alerts.h"
#include "imr/citation.h"
#include "imr/cli.h"
#include "imr/error.h"
#include "imr/indexer.h"
#include "imr/searcher.h"
#include "sample_corpus.h"

using namespace imr;
using Ids = std::set<std::string>;

namespace {

Searcher& searcher() {
    static Searcher s(test::sample_index());
    return s;
}

std::vector<Hit> all_hits(const std::string& q, Sort sort = Sort::relevance) {
    SearchOptions o;
    o.limit = kMaxLimit;
    o.sort = sort;
    return searcher().search(q, o).hits;
}

// RFC 4180: fields split at commas outside quotes, "" a quote within them; rows end in CRLF.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
            ++i;
        } else {
            field += c;
        }
    }
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

}  // namespace

TEST_CASE("hits sort by decision date, newest or oldest, across pages", "[research][sort]") {
    for (Sort sort : {Sort::newest, Sort::oldest}) {
        const std::vector<Hit> hits = all_hits("knee OR lumbar", sort);
        REQUIRE(hits.size() > 30);
        for (size_t i = 1; i < hits.size(); ++i) {
            const std::string &a = hits[i - 1].record.decision_date, &b = hits[i].record.decision_date;
            INFO(a << " then " << b);
            if (sort == Sort::newest) CHECK((a >= b || b.empty()));
            else CHECK((a <= b || a.empty()));
        }
        // Paging keeps the order: page two begins where page one ends.
        SearchOptions second;
        second.sort = sort;
        second.offset = 10;
        CHECK(searcher().search("knee OR lumbar", second).hits.front().record.id == hits[10].record.id);
    }
    // The same decisions whatever the order.
    Ids by_weight, by_date;
    for (const auto& h : all_hits("knee OR lumbar")) by_weight.insert(h.record.id);
    for (const auto& h : all_hits("knee OR lumbar", Sort::newest)) by_date.insert(h.record.id);
    CHECK(by_weight == by_date);
}

TEST_CASE("one hit per letter lists the letter's other matching decisions", "[research][letters]") {
    const std::vector<Hit> decisions = all_hits("physical therapy OR acupuncture");
    std::map<std::string, Ids> by_letter;
    for (const auto& h : decisions) by_letter[h.record.letter_key].insert(h.record.id);
    SearchOptions letters;
    letters.by_letter = true;
    letters.limit = kMaxLimit;
    const SearchResults r = searcher().search("physical therapy OR acupuncture", letters);
    CHECK(r.letters == by_letter.size());
    CHECK(r.total == decisions.size());
    REQUIRE(r.hits.size() == by_letter.size());
    std::set<std::string> seen;
    for (const auto& h : r.hits) {
        INFO(h.record.id);
        CHECK(seen.insert(h.record.letter_key).second);
        Ids listed{h.record.id};
        for (const auto& d : h.letter_decisions) listed.insert(d.id);
        CHECK(listed == by_letter[h.record.letter_key]);
    }
    // The letter's best decision stands for it: the first hit is the best decision overall.
    CHECK(r.hits.front().record.id == decisions.front().record.id);
}

TEST_CASE("a facet's every value, for a query and for the whole index", "[research][facets]") {
    const std::string db = test::sample_index().string();
    const test::CliRun r = test::cli({"search", "--db", db, "--facet", "specialty", "knee"});
    CHECK(r.status == 0);
    const SearchResults knee = searcher().search("knee");
    for (const auto& f : knee.facets)
        if (f.field == "specialty") {
            REQUIRE(f.values.size() > 8);
            for (const auto& v : f.values) CHECK_THAT(r.out, Catch::Contains(v.value));
        }
    const nlohmann::json j = nlohmann::json::parse(test::cli({"stats", "--db", db, "--json", "--facet", "region"}).out);
    CHECK(j["facets"].size() == 1);
    CHECK(j["facets"]["region"].size() >= 10);
    const test::CliRun bad = test::cli({"search", "--db", db, "--facet", "colour", "knee"});
    CHECK(bad.status == kExitUsage);
    CHECK_THAT(bad.err, Catch::Contains("no such facet") && Catch::Contains("region"));
}

TEST_CASE("a citation names the case, date, item, outcome and PDF page, the same everywhere", "[research][citation]") {
    test::TempDir dir;
    Indexer(dir / "index").index({test::data_dir() / "pdf"});
    Searcher pdfs(dir / "index");
    const std::vector<DecisionRecord> letter = pdfs.lookup("CM16-0230548");
    REQUIRE(!letter.empty());
    const DecisionRecord& d = letter.front();
    const std::string c = citation(d);
    CHECK_THAT(c, Catch::StartsWith("CM16-0230548 (IMR Final Determination, "));
    CHECK_THAT(c, Catch::Contains("item 1, \"" + d.title + "\": " + d.outcome));
    CHECK_THAT(c, Catch::Contains("PDF p"));
    CHECK_THAT(citation(searcher().lookup("001_e066e2eff228d9d9#1").at(0)),
               Catch::Equals("001_e066e2eff228d9d9 (IMR Final Determination), item 1, \"Acupuncture 2xwk x 4 wks lumbar spine\": upheld"));
    // Text, JSON and export say it alike.
    const std::string db = (dir / "index").string();
    CHECK_THAT(test::cli({"show", "--db", db, d.id}).out, Catch::Contains(c));
    CHECK(nlohmann::json::parse(test::cli({"show", "--db", db, "--json", d.id}).out)["decisions"][0]["citation"] == c);
    CHECK_THAT(test::cli({"export", "--db", db, "case:CM16-0230548"}).out, Catch::Contains(c.substr(0, 40)));
}

TEST_CASE("export streams exactly the query's matches, as CSV or JSON lines", "[research][export]") {
    const std::string db = test::sample_index().string();
    for (const std::string q : {"acupuncture", "outcome:upheld OR outcome:overturned", "knee /s pain", "item:\"lumbar spine\""}) {
        INFO(q);
        Ids expected;
        for (const auto& h : all_hits(q)) expected.insert(h.record.id);
        REQUIRE(!expected.empty());
        const test::CliRun csv = test::cli({"export", "--db", db, q});
        CHECK(csv.status == 0);
        const auto rows = parse_csv(csv.out);
        REQUIRE(rows.size() == expected.size() + 1);
        CHECK(rows[0][0] == "id");
        CHECK(rows[0].back() == "citation");
        Ids exported;
        std::string previous = "99999999";
        for (size_t i = 1; i < rows.size(); ++i) {
            CHECK(rows[i].size() == rows[0].size());
            exported.insert(rows[i][0]);
            const std::string& date = rows[i][12];  // newest first, undated last
            if (!date.empty()) CHECK(date <= previous);
            previous = date.empty() ? "" : date;
        }
        CHECK(exported == expected);
        const test::CliRun jsonl = test::cli({"export", "--db", db, "--format", "jsonl", "--sort", "relevance", q});
        std::istringstream lines(jsonl.out);
        std::vector<std::string> ranked;
        for (std::string line; std::getline(lines, line);) ranked.push_back(nlohmann::json::parse(line)["id"]);
        CHECK(Ids(ranked.begin(), ranked.end()) == expected);
        const std::vector<Hit> hits = all_hits(q);
        CHECK(ranked.front() == hits.front().record.id);
    }
    // A title holding commas and quotes survives the round trip.
    const auto rows = parse_csv(test::cli({"export", "--db", db, "id:CM16-0230651#3"}).out);
    REQUIRE(rows.size() == 2);
    CHECK(rows[1][3] == searcher().lookup("CM16-0230651#3").at(0).title);
    CHECK(test::cli({"export", "--db", db, "--format", "xml", "knee"}).status == kExitUsage);
}

TEST_CASE("similar decisions come from the decision's whole text, or from a pasted one", "[research][similar]") {
    // A Norco request finds opioids.
    SearchOptions five;
    five.limit = 5;
    size_t opioids = 0;
    for (const auto& h : searcher().similar("CM17-0015790#2", five).hits) opioids += h.record.drug_class == "opioid";
    CHECK(opioids >= 3);
    // Items whose category is rare still find decisions.
    CHECK(!searcher().similar("CM17-0009282#1", five, true).hits.empty());
    CHECK(!searcher().similar("CM17-0016761#2", five, true).hits.empty());
    // A pasted rationale finds its own decision first.
    const DecisionRecord tens = searcher().lookup("CM17-0006634#5").at(0);
    const SearchResults like = searcher().similar_text(tens.rationale, five);
    REQUIRE(!like.hits.empty());
    CHECK(like.hits.front().record.id == tens.id);
    CHECK_THROWS_AS(searcher().similar_text("zzzz qqqq"), Error);
    CHECK(test::cli({"similar", "--db", test::sample_index().string(), "nope#1"}).status == kExitSomeFailed);
}

TEST_CASE("an alert reports the decisions indexed since it last ran, once", "[research][alerts]") {
    test::TempDir dir;
    std::filesystem::create_directories(dir / "letters");
    std::vector<std::filesystem::path> files = test::letter_files(test::letters_dir() / "dwc-2016-2017");
    for (size_t i = 0; i < files.size() / 2; ++i) std::filesystem::copy(files[i], dir / "letters");
    const std::string db = (dir / "index").string();
    Indexer(db).index({dir / "letters"});
    {
        Alerts alerts(db);
        alerts.add("acupuncture", "acupuncture");
        CHECK_THROWS_AS(alerts.add("acupuncture", "knee"), Error);
        CHECK_THROWS_AS(alerts.add("bad name!", "knee"), Error);
        CHECK_THROWS_AS(alerts.add("broken", "foo:bar"), Error);
        const auto first = alerts.run();
        REQUIRE(first.size() == 1);
        CHECK(first[0].total == 0);  // what was indexed before the alert is no news
    }
    for (size_t i = files.size() / 2; i < files.size(); ++i) std::filesystem::copy(files[i], dir / "letters");
    Indexer(db).index({dir / "letters"});
    // The news: exactly the acupuncture decisions of the letters indexed since.
    std::set<std::string> added_letters;
    for (size_t i = files.size() / 2; i < files.size(); ++i) added_letters.insert(files[i].stem().string());
    Ids expected;
    SearchOptions all;
    all.limit = kMaxLimit;
    for (const auto& h : Searcher(db).search("acupuncture", all).hits)
        if (added_letters.count(h.record.letter_key)) expected.insert(h.record.id);
    REQUIRE(!expected.empty());
    const test::CliRun run = test::cli({"alert", "--db", db, "--json", "run"});
    CHECK(run.status == 0);
    const nlohmann::json j = nlohmann::json::parse(run.out);
    Ids reported;
    for (const auto& d : j["alerts"][0]["decisions"]) reported.insert(d["id"].get<std::string>());
    CHECK(reported == expected);
    CHECK(j["alerts"][0]["new"] == expected.size());
    // Once only, and indexing the unchanged letters again brings nothing new.
    Indexer(db).index({dir / "letters"});
    CHECK(nlohmann::json::parse(test::cli({"alert", "--db", db, "--json", "run"}).out)["alerts"][0]["new"] == 0);
    CHECK_THAT(test::cli({"alert", "--db", db, "list"}).out, Catch::Contains("acupuncture: acupuncture"));
    CHECK(test::cli({"alert", "--db", db, "remove", "nope"}).status == kExitSomeFailed);
    CHECK(test::cli({"alert", "--db", db, "remove", "acupuncture"}).status == 0);
    CHECK(Alerts(db).list().empty());
    CHECK(test::cli({"alert", "--db", (dir / "none").string(), "list"}).status == kExitCannotRun);
}
