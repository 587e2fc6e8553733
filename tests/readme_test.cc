// The README is a test: every query example it gives (the fields table, the query examples
// table, the demo's queries) is run here and must find what the README says, and every
// command's --json keys must be those the README lists. An example added to the README without
// a check here fails.
#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <variant>

#include <nlohmann/json.hpp>

#include "imr/analyzers.h"
#include "imr/searcher.h"
#include "sample_corpus.h"

using namespace imr;
using Record = DecisionRecord;

namespace {

std::string readme() { return test::read_file(std::filesystem::path(IMR_TESTS_DIR) / ".." / "README.md"); }

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::vector<std::string> backticked(const std::string& text) {
    std::vector<std::string> out;
    static const std::regex span("`([^`]+)`");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), span); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1]);
    return out;
}

// The cells of a table row "| a | b | c |".
std::vector<std::string> cells(const std::string& row) {
    std::vector<std::string> out;
    size_t start = row.find('|') + 1;
    for (size_t bar = row.find('|', start); bar != std::string::npos; start = bar + 1, bar = row.find('|', start))
        out.push_back(row.substr(start, bar - start));
    return out;
}

// The rows of the table that follows the line `heading`.
std::vector<std::vector<std::string>> table_after(const std::vector<std::string>& lines, const std::string& heading) {
    std::vector<std::vector<std::string>> rows;
    size_t i = 0;
    while (i < lines.size() && lines[i] != heading) ++i;
    while (i < lines.size() && !lines[i].starts_with("|")) ++i;
    for (i += 2; i < lines.size() && lines[i].starts_with("|"); ++i) rows.push_back(cells(lines[i]));
    return rows;
}

// Every query the README gives as an example.
std::set<std::string> readme_queries() {
    const std::vector<std::string> lines = lines_of(readme());
    std::set<std::string> out;
    for (const auto& row : table_after(lines, "The fields:"))
        for (const auto& q : backticked(row.at(2))) out.insert(q);
    for (const auto& row : table_after(lines, "### Query examples"))
        for (const auto& q : backticked(row.at(0))) out.insert(q);
    for (const auto& line : lines)
        for (const auto& span : backticked(line))
            if (span.starts_with("./demo.sh ")) out.insert(span.substr(10));
    return out;
}

const std::vector<Record>& all_records() {
    static const std::vector<Record> all = [] {
        Searcher s(test::sample_index());
        SearchOptions every;
        every.limit = kMaxLimit;
        every.literal = true;
        std::vector<Record> out;
        for (const auto& h : s.search("outcome:upheld OR outcome:overturned", every).hits) out.push_back(h.record);
        return out;
    }();
    return all;
}

bool has(const std::vector<std::string>& values, const std::string& v) {
    return std::find(values.begin(), values.end(), v) != values.end();
}

bool says(const std::string& text, const std::string& phrase) {
    return test::has_run(test::indexed_words(text), test::indexed_words(phrase));
}

std::string text_of(const Record& r) { return r.title + "\n" + r.rationale + "\n" + r.claims_guideline + "\n" + r.reviewer_guideline; }

std::string summary_of(const Record& r) {
    for (const auto& other : all_records())
        if (other.letter_key == r.letter_key && !other.case_summary.empty()) return other.case_summary;
    return "";
}

bool names_concept(const Record& r, const std::string& name) {
    for (const auto& c : concepts_in(text_of(r)))
        if (c.name == name) return true;
    return false;
}

using Predicate = std::function<bool(const Record&)>;

// Exactly the decisions `p` holds for.
struct Exactly {
    Predicate p;
};
// Only decisions `p` holds for, at least one, those `first` holds for ranked first.
struct RankedFirst {
    Predicate only;
    Predicate first;
};

using Check = std::variant<Exactly, RankedFirst>;

const std::map<std::string, Check>& checks() {
    auto word = [](const std::string& field_text, const std::string& w) { return says(field_text, w); };
    auto any = [](const Record&) { return true; };
    static const std::map<std::string, Check> c = {
        // The fields table.
        {"item:norflex", Exactly{[=](const Record& r) { return word(r.title, "norflex"); }}},
        {"rationale:\"functional improvement\"", Exactly{[](const Record& r) {
             return says(r.title, "functional improvement") || says(r.rationale, "functional improvement");
         }}},
        {"outcome:overturned", Exactly{[](const Record& r) { return r.outcome == "overturned"; }}},
        {"treatment:opioid", Exactly{[](const Record& r) { return r.drug_class == "opioid"; }}},
        {"class:nsaid", Exactly{[](const Record& r) { return r.drug_class == "nsaid"; }}},
        {"specialty:\"physical medicine & rehabilitation\"",
         Exactly{[](const Record& r) { return has(r.specialties, "Physical Medicine and Rehabilitation"); }}},
        {"guideline:odg", Exactly{[](const Record& r) { return has(r.guideline_sources, "odg"); }}},
        {"page:98", Exactly{[](const Record& r) { return has(r.guideline_pages, "98"); }}},
        {"region:lumbar", Exactly{[](const Record& r) { return has(r.regions, "lumbar"); }}},
        {"case:CM16-0213037", Exactly{[](const Record& r) { return r.case_number == "CM16-0213037"; }}},
        {"year:2017", Exactly{[](const Record& r) { return r.decision_date.starts_with("2017"); }}},
        {"side:bilateral", Exactly{[](const Record& r) { return has(r.sides, "bilateral"); }}},
        {"chapter:\"low back complaints\"", Exactly{[](const Record& r) { return has(r.guideline_chapters, "Low Back Complaints"); }}},
        {"edition:2016", Exactly{[](const Record& r) { return has(r.guideline_editions, "2016"); }}},
        {"basis:outside-mtus", Exactly{[](const Record& r) { return r.guideline_basis == "outside-mtus"; }}},
        {"claims:none", Exactly{[](const Record& r) { return has(r.claims_sources, "none"); }}},
        {"concept:tens", Exactly{[](const Record& r) { return names_concept(r, "tens"); }}},
        {"concept:epidural-steroid-injection", Exactly{[](const Record& r) { return names_concept(r, "epidural-steroid-injection"); }}},
        {"date:2016-12-01..2017-01-31",
         Exactly{[](const Record& r) { return r.decision_date >= "2016-12-01" && r.decision_date <= "2017-01-31"; }}},
        {"date:2017-01", Exactly{[](const Record& r) { return r.decision_date.starts_with("2017-01"); }}},
        {"date:..2016", Exactly{[](const Record& r) { return !r.decision_date.empty() && r.decision_date <= "2016-12-31"; }}},
        {"age:40..60", Exactly{[](const Record& r) { return r.patient_age && *r.patient_age >= 40 && *r.patient_age <= 60; }}},
        {"visits:12", Exactly{[](const Record& r) { return r.visits == 12; }}},
        {"visits:7..12", Exactly{[](const Record& r) { return r.visits >= 7 && r.visits <= 12; }}},
        {"units:..30", Exactly{[](const Record& r) { return r.units > 0 && r.units <= 30; }}},
        // The query examples table.
        {"acupuncture upheld no functional improvement",
         RankedFirst{[](const Record& r) { return r.outcome == "upheld"; }, [](const Record& r) { return r.treatment == "acupuncture"; }}},
        {"overturned MRI lumbar", RankedFirst{[](const Record& r) { return r.outcome == "overturned"; },
                                              [](const Record& r) { return names_concept(r, "magnetic-resonance-imaging") && has(r.regions, "lumbar"); }}},
        {"knee NOT overturned", Exactly{[](const Record& r) { return says(text_of(r), "knee") && r.outcome != "overturned"; }}},
        {"(acupuncture overturned) OR (chiropractic upheld)", Exactly{[](const Record& r) {
             return (says(text_of(r), "acupuncture") && r.outcome == "overturned") ||
                    (says(text_of(r), "chiropractic") && r.outcome == "upheld");
         }}},
        {"acupunct*", Exactly{[](const Record& r) {
             for (const auto& w : test::indexed_words(text_of(r)))
                 if (w.starts_with("acupunct")) return true;
             return false;
         }}},
        {"TENS", Exactly{[](const Record& r) { return names_concept(r, "tens"); }}},
        {"epidural steroid injection",
         RankedFirst{any, [](const Record& r) { return names_concept(r, "epidural-steroid-injection"); }}},
        {"item:\"lumbar spine\"", Exactly{[](const Record& r) { return says(r.title, "lumbar spine"); }}},
        {"summary:\"low back pain\"", Exactly{[](const Record& r) { return says(summary_of(r), "low back pain"); }}},
        {"region:neck", Exactly{[](const Record& r) { return has(r.regions, "cervical"); }}},
        {"treatment:PT", Exactly{[](const Record& r) { return r.treatment == "physical-therapy"; }}},
        {"date:2017-01 chiropractic", Exactly{[](const Record& r) {
             return r.decision_date.starts_with("2017-01") && says(text_of(r), "chiropractic");
         }}},
        {"\"lack of documentation\"", Exactly{[](const Record& r) { return says(r.title, "lack documentation") || says(r.rationale, "lack documentation"); }}},
        {"follow-up", Exactly{[](const Record& r) { return says(text_of(r), "follow"); }}},
        {"L4-5", RankedFirst{any, [](const Record& r) { return has(identifiers_in(text_of(r)), "l4-5"); }}},
        {"CM16-0213037", Exactly{[](const Record& r) { return r.case_number == "CM16-0213037"; }}},
        {"acupuncture /s \"functional improvement\"", Exactly{[](const Record& r) {
             for (const auto& sentence : sentences_of(r.rationale))
                 if (says(sentence, "acupuncture") && says(sentence, "functional improvement")) return true;
             for (const auto& sentence : sentences_of(r.title))
                 if (says(sentence, "acupuncture") && says(sentence, "functional improvement")) return true;
             return false;
         }}},
        {"functional /3 improvement", Exactly{[](const Record& r) {
             for (const std::string* text : {&r.title, &r.rationale})
                 for (const auto& sentence : sentences_of(*text)) {
                     const auto w = test::indexed_words(sentence);
                     for (size_t i = 0; i < w.size(); ++i)
                         for (size_t j = 0; j < w.size(); ++j)
                             if (w[i] == "function" && w[j] == "improv" && i != j && (i > j ? i - j : j - i) <= 3) return true;
                 }
             return false;
         }}},
        {"ti(acupuncture) & da(aft 1/31/2017)",
         Exactly{[](const Record& r) { return says(r.title, "acupuncture") && r.decision_date > "2017-01-31"; }}},
        {"massage % overturned", Exactly{[](const Record& r) { return says(text_of(r), "massage") && r.outcome != "overturned"; }}},
    };
    return c;
}

}  // namespace

TEST_CASE("every query example in the README finds what the README says", "[readme]") {
    const std::set<std::string> examples = readme_queries();
    REQUIRE(examples.size() >= 30);
    Searcher searcher(test::sample_index());
    SearchOptions all;
    all.limit = kMaxLimit;
    for (const auto& q : examples) {
        INFO("README example: " << q);
        const auto check = checks().find(q);
        REQUIRE(check != checks().end());  // an example without a check here
        const SearchResults r = searcher.search(q, all);
        CHECK(r.total > 0);
        CHECK(r.notices.empty());
        if (const auto* exactly = std::get_if<Exactly>(&check->second)) {
            std::set<std::string> expected, found;
            for (const auto& rec : all_records())
                if (exactly->p(rec)) expected.insert(rec.id);
            for (const auto& h : r.hits) found.insert(h.record.id);
            CHECK(found == expected);
        } else {
            const auto& ranked = std::get<RankedFirst>(check->second);
            size_t first = 0;
            for (const auto& rec : all_records()) first += ranked.first(rec) && ranked.only(rec);
            REQUIRE(first > 0);
            for (const auto& h : r.hits) {
                CHECK(ranked.only(h.record));
                // The best hits, up to five, are the ones the README names first.
                if (h.rank <= std::min<size_t>(first, 5)) CHECK(ranked.first(h.record));
            }
        }
    }
    // And the README's claim for the demo's own query: the seeds' upheld acupuncture first.
    const SearchResults demo = searcher.search("acupuncture upheld no functional improvement");
    REQUIRE(!demo.hits.empty());
    CHECK(demo.hits[0].record.id.find("_") != std::string::npos);
}

TEST_CASE("each command's --json has the keys the README lists", "[readme][json]") {
    const std::vector<std::string> lines = lines_of(readme());
    std::map<std::string, std::set<std::string>> expected;
    bool in_table = false;
    for (const auto& line : lines) {
        if (line == "| command | top-level keys |") {
            in_table = true;
            continue;
        }
        if (in_table && !line.starts_with("|")) break;
        if (!in_table || line.starts_with("| ---")) continue;
        const std::vector<std::string> c = cells(line);
        std::set<std::string> keys;
        for (const auto& k : backticked(c.at(1))) keys.insert(k);
        for (const auto& command : backticked(c.at(0))) expected[command] = keys;
    }
    REQUIRE(expected.size() == 8);
    test::TempDir dir;
    const std::string db = (dir / "index").string(), seed = test::seed("004_d5de75f73db54f04").string();
    auto keys_of = [](const std::string& out) {
        std::set<std::string> keys;
        const nlohmann::json j = nlohmann::json::parse(out);
        for (const auto& [k, v] : j.items()) keys.insert(k);
        return keys;
    };
    const std::map<std::string, std::vector<std::string>> runs = {
        {"index", {"index", "--db", db, "--json", seed}},
        {"search", {"search", "--db", db, "--json", "norflex"}},
        {"similar", {"similar", "--db", db, "--json", "004_d5de75f73db54f04#2"}},
        {"show", {"show", "--db", db, "--json", "004_d5de75f73db54f04"}},
        {"stats", {"stats", "--db", db, "--json"}},
        {"parse", {"parse", seed}},
        {"remove", {"remove", "--db", db, "--json", "004_d5de75f73db54f04#1"}},
        {"alert run", {"alert", "--db", db, "--json", "run"}},
    };
    for (const std::string command : {"index", "search", "similar", "show", "stats", "parse", "remove", "alert run"}) {
        INFO(command);
        const test::CliRun r = test::cli(runs.at(command));
        CHECK(r.status == 0);
        CHECK(keys_of(r.out) == expected.at(command));
    }
    // The decisions of show are hits' objects plus the whole text.
    const nlohmann::json shown = nlohmann::json::parse(test::cli({"show", "--db", db, "--json", "004_d5de75f73db54f04#2"}).out);
    REQUIRE(shown["decisions"].size() == 1);
    for (const char* key : {"id", "title", "outcome", "rationale", "claims_guideline", "reviewer_guideline", "summary"})
        CHECK(shown["decisions"][0].contains(key));
    // An error is JSON too, with its kind.
    const nlohmann::json error = nlohmann::json::parse(test::cli({"search", "--db", db, "--json", "foo:bar"}).out);
    CHECK(error["error"]["kind"] == "bad_query");
    CHECK(nlohmann::json::parse(test::cli({"show", "--db", db, "--json", "nope#1"}).out)["error"]["kind"] == "not_found");
}
