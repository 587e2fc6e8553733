// A query means what it says, or says why not: each kind of query checked against the letters'
// own text, read by brute force with the index's tokenisation (sample_corpus.h).
#include <catch2/catch.hpp>

#include <functional>
#include <set>

#include <nlohmann/json.hpp>

#include "imr/cli.h"
#include "imr/error.h"
#include "imr/searcher.h"
#include "sample_corpus.h"

using namespace imr;
using test::has_run;
using test::indexed_words;
using Ids = std::set<std::string>;

namespace {

Searcher& searcher() {
    static Searcher s(test::sample_index());
    return s;
}

SearchResults search(const std::string& q, bool literal = false) {
    SearchOptions all;
    all.limit = kMaxLimit;
    all.literal = literal;
    return searcher().search(q, all);
}

Ids ids(const std::string& q, bool literal = false) {
    Ids out;
    for (const auto& h : search(q, literal).hits) out.insert(h.record.id);
    return out;
}

struct Parsed {
    const Letter* letter;
    const Decision* decision;
    DecisionFacets facets;
};

const std::vector<Parsed>& decisions() {
    static const std::vector<Letter> letters = test::parsed_corpus();
    static const std::vector<Parsed> all = [] {
        std::vector<Parsed> out;
        for (const auto& l : letters)
            for (const auto& d : l.decisions) out.push_back({&l, &d, recognise(l, d)});
        return out;
    }();
    return all;
}

Ids where(const std::function<bool(const Parsed&)>& keep) {
    Ids out;
    for (const auto& p : decisions())
        if (keep(p)) out.insert(p.letter->decision_id(*p.decision));
    return out;
}

// The text a bare word searches: item, rationale and both citations.
std::string decision_text(const Parsed& p) {
    return p.decision->title + "\n" + p.decision->rationale + "\n" + p.decision->claims_guideline + "\n" +
           p.decision->reviewer_guideline;
}

// The fields a phrase of no field searches, a blank line apart: a phrase spans none.
std::string fields_apart(const Parsed& p) {
    return p.decision->title + "\n\n" + p.decision->rationale + "\n\n" + p.decision->claims_guideline + "\n\n" +
           p.decision->reviewer_guideline;
}

// Lower-case words of `text`, unstemmed, stopwords kept.
std::vector<std::string> plain_words(const std::string& text) {
    std::vector<std::string> out;
    std::string w;
    for (unsigned char c : text + " ") {
        if (std::isalnum(c)) {
            w.push_back(static_cast<char>(std::tolower(c)));
        } else if (!w.empty()) {
            out.push_back(w);
            w.clear();
        }
    }
    return out;
}

bool any_word_begins(const std::string& text, const std::string& prefix, bool stemmed) {
    for (const auto& w : stemmed ? indexed_words(text) : plain_words(text))
        if (w.starts_with(prefix)) return true;
    return false;
}

void check_bad_query(const std::string& q, const std::string& says) {
    INFO(q);
    try {
        search(q);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::bad_query);
        CHECK_THAT(e.what(), Catch::Contains(says));
    }
}

}  // namespace

TEST_CASE("a wildcard finds every decision with a word so beginning, and a bad one is an error", "[query][wildcard]") {
    for (const std::string prefix : {"acupunct", "chiro", "radicul", "therapy", "lidocain"}) {
        INFO(prefix);
        const Ids found = ids(prefix + "*");
        const Ids typed = where([&](const Parsed& p) { return any_word_begins(decision_text(p), prefix, false); });
        const Ids by_stem = where([&](const Parsed& p) {
            const std::string stem = Xapian::Stem("english")(prefix);
            return any_word_begins(decision_text(p), prefix, true) || any_word_begins(decision_text(p), stem, true);
        });
        REQUIRE(!typed.empty());
        CHECK(std::includes(found.begin(), found.end(), typed.begin(), typed.end()));
        CHECK(std::includes(by_stem.begin(), by_stem.end(), found.begin(), found.end()));
    }
    // Within a field, and inside an expression.
    const Ids items = ids("item:chiro*");
    CHECK(items == where([](const Parsed& p) { return any_word_begins(p.decision->title, "chiro", false); }));
    CHECK(ids("chiro* AND outcome:overturned") ==
          where([](const Parsed& p) { return any_word_begins(decision_text(p), "chiro", true) && p.decision->outcome == Outcome::overturned; }));
    CHECK(ids("lumbar NOT radicul*") ==
          where([](const Parsed& p) { return any_word_begins(decision_text(p), "lumbar", true) && !any_word_begins(decision_text(p), "radicul", true); }));
    // The README's own example.
    CHECK(ids("acupunct*").size() >= 20);
    check_bad_query("ac*", "at least 3 letters");
    check_bad_query("acu*ture", "only a * at the end");
    check_bad_query("visits:1*", "not a wildcard");
    // An expansion over the bound is an error, not a slow search: every id begins CM1.
    check_bad_query("id:CM1*", "more than 256");
    // A filter value's wildcard.
    CHECK(ids("specialty:ortho*") == where([](const Parsed& p) {
              for (const auto& s : p.facets.specialties)
                  if (s.starts_with("Orthop")) return true;
              return false;
          }));
}

TEST_CASE("understood words mean their field's term where they stand, inside expressions too", "[query][expressions]") {
    const Ids overturned = where([](const Parsed& p) { return p.decision->outcome == Outcome::overturned; });
    const Ids acupuncture = ids("acupuncture", true);
    auto minus = [](Ids a, const Ids& b) {
        for (const auto& x : b) a.erase(x);
        return a;
    };
    auto both = [](const Ids& a, const Ids& b) {
        Ids out;
        for (const auto& x : a)
            if (b.count(x)) out.insert(x);
        return out;
    };
    REQUIRE(!both(acupuncture, overturned).empty());
    CHECK(ids("acupuncture NOT overturned") == minus(acupuncture, overturned));
    CHECK(ids("acupuncture -overturned") == minus(acupuncture, overturned));
    CHECK(ids("acupuncture overturned") == both(acupuncture, overturned));
    const Ids mri = ids("MRI", true);
    CHECK(ids("MRI AND overturned") == both(ids("MRI"), overturned));
    CHECK(!ids("MRI AND overturned").empty());
    const Ids chiropractic = ids("chiropractic", true);
    Ids either = both(acupuncture, overturned);
    for (const auto& x : minus(chiropractic, overturned)) either.insert(x);
    CHECK(ids("(acupuncture overturned) OR (chiropractic upheld)") == either);
    // A case number typed alone is that case, in an expression too.
    CHECK(ids("CM16-0213037") == ids("case:CM16-0213037"));
    CHECK(ids("CM16-0213037 OR CM16-0229336").size() == ids("CM16-0213037").size() + ids("CM16-0229336").size());
    // A query of exclusions alone excludes (Xapian's parser drops a lone '-').
    CHECK(ids("-overturned") == minus(where([](const Parsed&) { return true; }), overturned));
    CHECK(ids("-acupuncture -chiropractic").size() ==
          decisions().size() - acupuncture.size() - chiropractic.size() + both(acupuncture, chiropractic).size());
    // Plain word lists keep filtering globally.
    const SearchResults r = search("acupuncture upheld no functional improvement");
    for (const auto& h : r.hits) CHECK(h.record.outcome == "upheld");
}

TEST_CASE("phrases inside a field find the decisions whose field says them", "[query][phrases]") {
    struct Case {
        std::string field, phrase;
        std::function<std::string(const Parsed&)> text;
    };
    const std::vector<Case> cases = {
        {"item", "lumbar spine", [](const Parsed& p) { return p.decision->title; }},
        {"item", "physical therapy", [](const Parsed& p) { return p.decision->title; }},
        {"citation", "chronic pain medical treatment", [](const Parsed& p) { return p.decision->claims_guideline + "\n\n" + p.decision->reviewer_guideline; }},
        {"citation", "low back complaints", [](const Parsed& p) { return p.decision->claims_guideline + "\n\n" + p.decision->reviewer_guideline; }},
        {"summary", "low back pain", [](const Parsed& p) { return p.letter->case_summary; }},
        {"summary", "date of injury", [](const Parsed& p) { return p.letter->case_summary; }},
        {"summary", "physical therapy", [](const Parsed& p) { return p.letter->case_summary; }},
        {"summary", "magnetic resonance imaging", [](const Parsed& p) { return p.letter->case_summary; }},
        {"summary", "status post", [](const Parsed& p) { return p.letter->case_summary; }},
        {"rationale", "functional improvement", [](const Parsed& p) { return decision_text(p); }},
        // A phrase of no field: the item, the rationale or either citation says it.
        {"", "low back complaints", [](const Parsed& p) { return fields_apart(p); }},
        {"", "postsurgical treatment", [](const Parsed& p) { return fields_apart(p); }},
        {"", "functional improvement", [](const Parsed& p) { return fields_apart(p); }},
    };
    for (const auto& c : cases) {
        INFO(c.field << ":\"" << c.phrase << "\"");
        const std::vector<std::string> run = indexed_words(c.phrase);
        // Citations are two fields run together; a phrase never spans them.
        const Ids expected = where([&](const Parsed& p) {
            const std::string text = c.text(p);
            size_t start = 0;
            for (size_t gap = text.find("\n\n"); ; gap = text.find("\n\n", start)) {
                if (has_run(indexed_words(text.substr(start, gap == std::string::npos ? gap : gap - start)), run)) return true;
                if (gap == std::string::npos) return false;
                start = gap + 2;
            }
        });
        REQUIRE(!expected.empty());
        CHECK(ids((c.field.empty() ? "" : c.field + ":") + "\"" + c.phrase + "\"") == expected);
    }
}

TEST_CASE("a phrase excluded, alone or beside words, and a phrase left open mean what they say", "[query][phrases]") {
    const Ids with = ids("\"functional improvement\"");
    REQUIRE(!with.empty());
    const Ids all = where([](const Parsed&) { return true; });
    Ids without;
    std::set_difference(all.begin(), all.end(), with.begin(), with.end(), std::inserter(without, without.end()));
    CHECK(ids("-\"functional improvement\"") == without);
    CHECK(ids("-\"functional improvement") == without);
    CHECK(ids("knee \"functional improvement") == ids("knee \"functional improvement\""));
    Ids acupuncture_without;
    const Ids acupuncture = ids("acupuncture");
    std::set_difference(acupuncture.begin(), acupuncture.end(), with.begin(), with.end(),
                        std::inserter(acupuncture_without, acupuncture_without.end()));
    CHECK(ids("acupuncture -\"functional improvement\"") == acupuncture_without);
}

TEST_CASE("a field or value the index does not know is an error, understood, or said", "[query][values]") {
    check_bad_query("foo:bar knee", "unknown field 'foo'");
    check_bad_query("foo:bar knee", "outcome, treatment");
    check_bad_query("outcome:", "has no value");
    check_bad_query("knee region: lumbar", "has no value");
    check_bad_query("concept:nonsense", "no concept 'nonsense'");
    // Understood by the recognisers that label decisions.
    struct Understood {
        std::string typed, field, value;
    };
    for (const auto& u : std::vector<Understood>{{"region:neck", "region", "cervical"},
                                                 {"treatment:PT", "treatment", "physical-therapy"},
                                                 {"specialty:physiatrist", "specialty", "Physical Medicine and Rehabilitation"},
                                                 {"side:both", "side", "bilateral"}}) {
        INFO(u.typed);
        const SearchResults r = search(u.typed);
        REQUIRE(r.filters.size() >= 1);
        CHECK(r.filters[0].value == u.value);
        CHECK(r.filters[0].typed == u.typed.substr(u.typed.find(':') + 1));
        CHECK(r.total > 0);
        CHECK(ids(u.typed) == ids(u.field + ":\"" + u.value + "\""));
    }
    // Said, with the nearest values the index holds.
    const SearchResults denied = search("outcome:denied");
    CHECK(denied.total == 0);
    REQUIRE(denied.notices.size() == 1);
    CHECK_THAT(denied.notices[0], Catch::Contains("no decision has outcome:denied") && Catch::Contains("upheld") &&
                                      Catch::Contains("overturned"));
    const SearchResults region = search("acupuncture region:elbw");
    REQUIRE(region.notices.size() == 1);
    CHECK_THAT(region.notices[0], Catch::Contains("elbow"));
    // A filter's whole value is what the query lists.
    const SearchResults chapter = search("chapter:\"low back complaints\"");
    REQUIRE(chapter.filters.size() == 1);
    CHECK(chapter.filters[0].value == "low back complaints");
    CHECK(chapter.total > 0);
}

TEST_CASE("ranges mean the whole unit of a single value, and a bad range is an error", "[query][ranges]") {
    const Ids twelve = where([](const Parsed& p) { return p.facets.quantity.visits == 12; });
    REQUIRE(!twelve.empty());
    CHECK(ids("visits:12") == twelve);
    CHECK(ids("visits:12..12") == twelve);
    CHECK(ids("visits:..6") == where([](const Parsed& p) { return p.facets.quantity.visits > 0 && p.facets.quantity.visits <= 6; }));
    auto dated = [](const std::string& from, const std::string& to) {
        return where([&](const Parsed& p) {
            const std::string& d = p.letter->decision_date;
            return !d.empty() && d >= from && d <= to;
        });
    };
    CHECK(ids("date:2017") == dated("2017-01-01", "2017-12-31"));
    CHECK(ids("date:2017-01") == dated("2017-01-01", "2017-01-31"));
    CHECK(ids("date:2016-12..2017-01") == dated("2016-12-01", "2017-01-31"));
    const Ids day = dated("2017-01-13", "2017-01-13");
    REQUIRE(!day.empty());
    CHECK(ids("date:01/13/2017") == day);
    CHECK(ids("date:1/13/2017") == day);
    CHECK(ids("date:2017-01-13") == day);
    const SearchResults r = search("date:2017-01");
    REQUIRE(r.ranges.size() == 1);
    CHECK(r.ranges[0].from == "2017-01-01");
    CHECK(r.ranges[0].to == "2017-01-31");
    const SearchResults later = search("date:2019");
    CHECK(later.total == 0);
    REQUIRE(later.notices.size() == 1);
    CHECK_THAT(later.notices[0], Catch::Contains("2016-12-09 to 2017-02-28"));
    check_bad_query("visits:12..5", "ends before it begins");
    check_bad_query("date:2017-02..2016", "ends before it begins");
    check_bad_query("date:2017-02-30", "no date on the calendar");
    check_bad_query("date:2017-13", "no date on the calendar");
    check_bad_query("date:yesterday", "is not a date");
    check_bad_query("visits:seven", "whole numbers");
    check_bad_query("age:..", "at least one side");
}

TEST_CASE("abbreviations in capitals and multi-word concepts mean the concept", "[query][concepts]") {
    // "Ten physical therapy visits" is no TENS unit.
    const Ids tens = ids("TENS");
    REQUIRE(!tens.empty());
    for (const auto& id : tens) {
        INFO(id);
        bool names_it = false;
        for (const auto& p : decisions())
            if (p.letter->decision_id(*p.decision) == id)
                for (const auto& c : concepts_in(decision_text(p))) names_it = names_it || c.name == "tens";
        CHECK(names_it);
    }
    CHECK(tens.count("CM17-0016761#1") == 0);
    // Decisions naming the concept rank above those sharing one of its words.
    auto has_concept = [](const Hit& h, const std::string& name) {
        for (const auto& c : concepts_in(h.record.title + "\n" + h.record.rationale + "\n" + h.record.claims_guideline +
                                         "\n" + h.record.reviewer_guideline))
            if (c.name == name) return true;
        return false;
    };
    for (const auto& [typed, name] : std::vector<std::pair<std::string, std::string>>{
             {"epidural steroid injection", "epidural-steroid-injection"},
             {"urine drug screen", "urine-drug-screen"},
             {"functional capacity evaluation", "functional-capacity-evaluation"}}) {
        INFO(typed);
        const SearchResults r = search(typed);
        REQUIRE(!r.hits.empty());
        bool seen_without = false;
        for (const auto& h : r.hits) {
            const bool with = has_concept(h, name);
            CHECK((with || !seen_without));
            seen_without = seen_without || !with;
        }
        CHECK(has_concept(r.hits.front(), name));
        CHECK(r.text == "concept:" + name);
    }
}

TEST_CASE("an empty query, common words alone and long queries are answered on purpose", "[query][bounds]") {
    check_bad_query("", "empty query");
    check_bad_query("   ", "empty query");
    check_bad_query("of the", "only common words");
    check_bad_query("\"to the\"", "only common words");
    check_bad_query(std::string(9000, 'a'), "over the limit");
    // A misspelling is respelt, never into a word the index leaves out.
    const SearchResults r = search("acupunture");
    CHECK(r.suggestion == "acupuncture");
    CHECK(r.suggestion_total > 0);
    for (const std::string q : {"thr knee", "teh acupuncture", "knee fo"}) {
        const SearchResults s = search(q);
        for (const auto& w : plain_words(s.suggestion)) CHECK_FALSE(stopwords()(w));
    }
    // A pasted paragraph is searched by its most telling words, and finds its own decision first.
    const Parsed& p = decisions()[40];
    std::string pasted = p.decision->rationale.substr(0, 1200);
    const SearchResults like = search(pasted);
    REQUIRE(!like.notices.empty());
    CHECK_THAT(like.notices.back(), Catch::Contains("Searched by its 12 most telling words"));
    REQUIRE(!like.hits.empty());
    CHECK(like.hits.front().record.rationale == p.decision->rationale);
    // As typed, by Xapian's elite set of them.
    const SearchResults literal = search(pasted, true);
    CHECK_THAT(literal.parsed, Catch::Contains("ELITE_SET"));
    REQUIRE(!literal.hits.empty());
    CHECK(literal.hits.front().record.rationale == p.decision->rationale);
    // Paging bounds.
    SearchOptions too_many;
    too_many.limit = kMaxLimit + 1;
    CHECK_THROWS_AS(searcher().search("knee", too_many), Error);
    SearchOptions too_deep;
    too_deep.offset = kMaxWindow;
    CHECK_THROWS_AS(searcher().search("knee", too_deep), Error);
}

// The decisions whose default text holds `word`'s stem, read from the parsed letters.
Ids holding(const std::string& word) {
    const std::string stem = indexed_words(word).at(0);
    return where([&](const Parsed& p) {
        const auto words = indexed_words(decision_text(p));
        return std::find(words.begin(), words.end(), stem) != words.end();
    });
}

TEST_CASE("words most decisions hold are left out of a list of words, and said", "[query][common]") {
    const Ids common = holding("decisions"), weaning = holding("weaning");
    REQUIRE(common.size() * 2 > decisions().size());  // the premise: the sample's letters mostly say it
    REQUIRE(!weaning.empty());
    const SearchResults r = search("weaning decisions");
    CHECK(r.common_words == std::vector<std::string>{"decisions"});
    CHECK(ids("weaning decisions") == weaning);
    CHECK(r.total == weaning.size());
    // Typed operators and --literal search every word.
    Ids either = common;
    either.insert(weaning.begin(), weaning.end());
    for (const auto& [q, literal] : std::vector<std::pair<std::string, bool>>{{"weaning OR decisions", false}, {"weaning decisions", true}}) {
        INFO(q << (literal ? " (literal)" : ""));
        CHECK(search(q, literal).common_words.empty());
        CHECK(ids(q, literal) == either);
    }
    // Common words alone stay: something is searched.
    CHECK(ids("decisions") == common);
    CHECK(search("decisions guidelines").common_words.empty());
    // A value the words name still reaches its decisions, which the common word did before.
    const Ids by_chiropractors = ids("specialty:Chiropractor");
    REQUIRE(!by_chiropractors.empty());
    const Ids reviewed = ids("decisions reviewed by a chiropractor");
    CHECK(std::includes(reviewed.begin(), reviewed.end(), by_chiropractors.begin(), by_chiropractors.end()));
    // Said in the JSON the CLI and the service print.
    const test::CliRun json = test::cli({"search", "--db", test::sample_index().string(), "--json", "weaning decisions"});
    REQUIRE(json.status == 0);
    CHECK(nlohmann::json::parse(json.out)["query"]["common_words"] == nlohmann::json::array({"decisions"}));
    const test::CliRun text = test::cli({"search", "--db", test::sample_index().string(), "weaning decisions"});
    CHECK_THAT(text.out, Catch::Contains("Searched without words most decisions hold: decisions"));
}

TEST_CASE("in a long list of words, words joined by punctuation are searched apart, and said", "[query][common]") {
    Ids both;
    const Ids conservative = holding("conservative"), care = holding("care");
    std::set_intersection(conservative.begin(), conservative.end(), care.begin(), care.end(), std::inserter(both, both.end()));
    // Nine words no decision holds make the list a long one, like a pasted sentence.
    const std::string filler = " zqxa zqxb zqxc zqxd zqxe zqxf zqxg zqxh zqxi";
    const Ids side_by_side = ids("\"conservative care\"" + filler);
    REQUIRE(side_by_side.size() < both.size());  // the premise: some decisions say the words apart
    const SearchResults r = search("conservative/care" + filler);
    CHECK(ids("conservative/care" + filler) == both);
    CHECK(r.total == both.size());
    REQUIRE(r.notices.size() == 1);
    CHECK_THAT(r.notices[0], Catch::Contains("Searched apart, anywhere in a decision, as a long list of words is: 'conservative care'"));
    // Typed quotes, --literal, an operator or a short list keep the words side by side.
    for (const auto& [q, literal] : std::vector<std::pair<std::string, bool>>{{"\"conservative care\"" + filler, false},
                                                                               {"conservative/care" + filler, true},
                                                                               {"conservative/care OR" + filler, false},
                                                                               {"conservative/care zqxa", false}}) {
        INFO(q << (literal ? " (literal)" : ""));
        const SearchResults kept = search(q, literal);
        CHECK(kept.notices.empty());
        CHECK(kept.total < both.size());
    }
}

TEST_CASE("a long list of words is searched by the words fewest decisions hold, and the others are named", "[query][telling]") {
    const std::vector<std::string> typed = {"weaning",  "tingling",  "numbness",   "aberrant", "insomnia",
                                            "swelling", "stiffness", "spasm",      "edema",    "constipation",
                                            "diabetes", "sciatica",  "tenderness", "nausea",   "radiating"};
    std::vector<std::pair<size_t, std::string>> by_rarity;
    std::string q;
    Ids any;
    for (const auto& w : typed) {
        const Ids h = holding(w);
        REQUIRE(!h.empty());
        REQUIRE(h.size() * 2 <= decisions().size());  // none is a word most decisions hold
        by_rarity.emplace_back(h.size(), w);
        any.insert(h.begin(), h.end());
        q += (q.empty() ? "" : " ") + w;
    }
    std::sort(by_rarity.begin(), by_rarity.end());
    REQUIRE(by_rarity[11].first < by_rarity[12].first);  // the premise: the twelve rarest stand apart
    Ids telling;
    for (size_t i = 0; i < 12; ++i) {
        const Ids h = holding(by_rarity[i].second);
        telling.insert(h.begin(), h.end());
    }
    REQUIRE(telling.size() < any.size());  // the premise: the others find decisions of their own
    const SearchResults r = search(q);
    REQUIRE(r.filters.empty());  // the premise: no value named, whose decisions the words would reach
    CHECK(ids(q) == telling);
    CHECK(r.total == telling.size());
    REQUIRE(r.notices.size() == 1);
    CHECK_THAT(r.notices[0], Catch::Contains("Searched by its 12 most telling words"));
    for (size_t i = 0; i < by_rarity.size(); ++i) {
        INFO(by_rarity[i].second);
        CHECK((r.notices[0].find("'" + by_rarity[i].second + "'") != std::string::npos) == (i >= 12));
    }
    // --literal and a typed operator search every word.
    CHECK(ids(q, true) == any);
    CHECK(search(q, true).notices.empty());
    CHECK(ids(q + " OR nausea") == any);
}

TEST_CASE("any bytes in a query are an error or an answer, never a crash", "[query][utf8]") {
    check_bad_query("knee \xff\xfe", "not UTF-8");
    check_bad_query("\xc0\xaf", "not UTF-8");  // an overlong '/'
    const std::string db = test::sample_index().string();
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"search", "--db", db, "--json", "knee \xff"},
             {"show", "--db", db, "--json", "CM16\xff"},
             {"similar", "--db", db, "--json", "CM16\xff#1"},
             {"search", "--db", db, "--json", "--limit", "-5", "knee"},
             {"search", "--db", db, "--json", "--offset", "-1", "knee"}}) {
        INFO(args[0] << " " << args.back());
        const test::CliRun r = test::cli(args);
        CHECK(r.status != 0);
        CHECK(r.status != kExitCannotRun);
        const nlohmann::json j = nlohmann::json::parse(r.out);
        CHECK(j.contains("error"));
        CHECK(j["error"].contains("kind"));
        CHECK(j["error"].contains("message"));
    }
}

// Inputs the query fuzzer (scripts/fuzz.sh SECONDS queries) found, and ones made by hand to
// look like them: the first byte holds the options as fuzz/query_fuzzer.cc reads them.
TEST_CASE("inputs the query fuzzer found are answered or refused cleanly", "[query][fuzz]") {
    size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(test::data_dir() / ".." / "fuzz" / "query-regressions")) {
        const std::string bytes = test::read_file(e.path());
        if (bytes.empty()) continue;
        INFO(e.path().filename().string());
        SearchOptions options;
        options.literal = (bytes[0] & 1) != 0;
        options.offset = (static_cast<unsigned char>(bytes[0]) >> 1) & 7;
        try {
            (void)searcher().search(bytes.substr(1), options);
        } catch (const Error& err) {
            CHECK(std::string(err.what()).size() > 0);
        }
        ++n;
    }
    CHECK(n >= 10);
}
