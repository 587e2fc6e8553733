// Terms and connectors are exact: for word pairs drawn from the letters, "a /s b", "a /p b",
// "a /n b" and "a pre/n b" find exactly the decisions whose stored text satisfies the connector,
// by a brute-force pass over that text with the indexer's tokenisation (Xapian's TermGenerator,
// English stems, stopwords without places; ICU sentences; the item and the rationale as the two
// paragraphs).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "imr/analyzers.h"
#include "imr/ascii.h"
#include "imr/searcher.h"
#include "imr/stopwords.h"
#include "sample_corpus.h"

using namespace imr;
using Ids = std::set<std::string>;

namespace {

struct Word {
    int paragraph, sentence, index;
    std::string typed, stem;
};

// A decision's words where the index places them.
std::vector<Word> places(const Decision& d) {
    static const Xapian::Stem stem("english");
    std::vector<Word> out;
    const std::vector<std::string> paragraphs{d.title, d.rationale};
    for (size_t p = 0; p < paragraphs.size(); ++p) {
        const std::vector<std::string> sentences = sentences_of(paragraphs[p]);
        for (size_t s = 0; s < sentences.size(); ++s) {
            Xapian::TermGenerator g;
            g.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
            g.set_stopper(&stopwords());
            g.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
            Xapian::Document doc;
            g.set_document(doc);
            g.index_text(sentences[s]);
            std::map<Xapian::termpos, std::string> at;
            for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
                for (auto q = t.positionlist_begin(); q != t.positionlist_end(); ++q) at[*q] = *t;
            int i = 0;
            for (const auto& [pos, word] : at) out.push_back({static_cast<int>(p), static_cast<int>(s), i++, word, stem(word)});
        }
    }
    return out;
}

struct Corpus {
    std::vector<std::pair<std::string, std::vector<Word>>> decisions;  // id, places
};

const Corpus& corpus() {
    static const Corpus c = [] {
        Corpus out;
        static const std::vector<Letter> letters = test::parsed_corpus();
        for (const auto& l : letters)
            for (const auto& d : l.decisions) out.decisions.emplace_back(l.decision_id(d), places(d));
        return out;
    }();
    return c;
}

// Whether decision words `w` hold a and b so placed.
bool holds(const std::vector<Word>& w, const std::string& a, const std::string& b,
           const std::function<bool(const Word&, const Word&)>& placed) {
    for (const auto& x : w)
        if (x.stem == a)
            for (const auto& y : w)
                if (y.stem == b && (x.paragraph != y.paragraph || x.sentence != y.sentence || x.index != y.index) && placed(x, y))
                    return true;
    return false;
}

Ids expected(const std::string& a, const std::string& b, const std::function<bool(const Word&, const Word&)>& placed) {
    Ids out;
    for (const auto& [id, words] : corpus().decisions)
        if (holds(words, a, b, placed)) out.insert(id);
    return out;
}

SearchResults everything(Searcher& s, const std::string& q, bool literal = false) {
    SearchOptions all;
    all.limit = kMaxLimit;
    all.facets = false;
    all.literal = literal;
    return s.search(q, all);
}

Ids ids_of(const SearchResults& r) {
    Ids out;
    for (const auto& h : r.hits) out.insert(h.record.id);
    return out;
}

Ids found(Searcher& s, const std::string& q) {
    const SearchResults r = everything(s, q);
    CHECK(r.connectors);
    return ids_of(r);
}

Ids without(Ids from, const Ids& these) {
    for (const auto& id : these) from.erase(id);
    return from;
}

bool plain_word(const std::string& w) {
    return w.size() > 2 && std::all_of(w.begin(), w.end(), [](unsigned char c) { return std::isalpha(c); }) &&
           w != "and" && w != "or";
}

}  // namespace

TEST_CASE("connectors find exactly the decisions whose text satisfies them", "[connectors]") {
    Searcher searcher(test::sample_index());
    std::mt19937 random(20161209);
    const auto& decisions = corpus().decisions;
    size_t pairs = 0, nonempty = 0;
    while (pairs < 40) {
        const auto& words = decisions[random() % decisions.size()].second;
        if (words.size() < 10) continue;
        const Word& x = words[random() % words.size()];
        // A second word near the first half the time, anywhere the other half.
        const size_t at = static_cast<size_t>(&x - words.data());
        const size_t y_at = random() % 2 ? std::min(words.size() - 1, at + 1 + random() % 6) : random() % words.size();
        const Word& y = words[y_at];
        if (!plain_word(x.typed) || !plain_word(y.typed) || x.stem == y.stem) continue;
        ++pairs;
        INFO(x.typed << " / " << y.typed);
        const std::string a = x.typed, b = y.typed, sa = x.stem, sb = y.stem;
        auto same_sentence = [](const Word& p, const Word& q) { return p.paragraph == q.paragraph && p.sentence == q.sentence; };
        const Ids s = expected(sa, sb, same_sentence);
        CHECK(found(searcher, a + " /s " + b) == s);
        CHECK(found(searcher, a + " w/s " + b) == s);
        CHECK(found(searcher, a + " /p " + b) == expected(sa, sb, [](const Word& p, const Word& q) { return p.paragraph == q.paragraph; }));
        for (int n : {1, 3, 8}) {
            INFO("n " << n);
            CHECK(found(searcher, a + " /" + std::to_string(n) + " " + b) == expected(sa, sb, [&](const Word& p, const Word& q) {
                      return same_sentence(p, q) && std::abs(p.index - q.index) <= n;
                  }));
            const Ids before = expected(sa, sb, [&](const Word& p, const Word& q) {
                return same_sentence(p, q) && q.index > p.index && q.index - p.index <= n;
            });
            CHECK(found(searcher, a + " pre/" + std::to_string(n) + " " + b) == before);
            CHECK(found(searcher, a + " +" + std::to_string(n) + " " + b) == before);
        }
        nonempty += !s.empty();
    }
    CHECK(nonempty >= 15);
}

TEST_CASE("a phrase or another connector as a side is checked in the text", "[connectors]") {
    Searcher searcher(test::sample_index());
    const auto& decisions = corpus().decisions;
    auto phrase_at = [](const std::vector<Word>& w, size_t i, const std::string& s1, const std::string& s2) {
        return i + 1 < w.size() && w[i].stem == s1 && w[i + 1].stem == s2 && w[i + 1].sentence == w[i].sentence &&
               w[i + 1].paragraph == w[i].paragraph;
    };
    // acupuncture /s "functional improvement"
    Ids expected;
    for (const auto& [id, w] : decisions)
        for (size_t i = 0; i < w.size(); ++i)
            if (phrase_at(w, i, "function", "improv"))
                for (const auto& x : w)
                    if (x.stem == "acupunctur" && x.paragraph == w[i].paragraph && x.sentence == w[i].sentence) expected.insert(id);
    REQUIRE(!expected.empty());
    CHECK(found(searcher, "acupuncture /s \"functional improvement\"") == expected);
    // The excerpt shows the phrase: a sentence where its words are, marked (as stems match).
    SearchOptions page;
    page.facets = false;
    size_t shown = 0;
    for (const auto& h : searcher.search("acupuncture /s \"functional improvement\"", page).hits) {
        if (ascii_lower(h.record.rationale).find("functional improvement") == std::string::npos) continue;
        ++shown;
        INFO(h.record.id);
        CHECK(std::any_of(h.excerpt.begin(), h.excerpt.end(),
                          [](const Fragment& f) { return f.hit && ascii_lower(f.text).starts_with("function"); }));
    }
    CHECK(shown > 0);
    // A side of phrases as alternatives, each paired with the other side on its own:
    // acupuncture /s "functional improvement" OR "physical therapy"
    Ids either = expected;
    for (const auto& [id, w] : decisions)
        for (size_t i = 0; i < w.size(); ++i)
            if (phrase_at(w, i, "physic", "therapi"))
                for (const auto& x : w)
                    if (x.stem == "acupunctur" && x.paragraph == w[i].paragraph && x.sentence == w[i].sentence) either.insert(id);
    REQUIRE(either.size() > expected.size());
    CHECK(found(searcher, "acupuncture /s \"functional improvement\" OR \"physical therapy\"") == either);
    // A side that is a word of the other: never the same place twice.
    Ids again;
    for (const auto& [id, w] : decisions)
        for (size_t i = 0; i < w.size(); ++i)
            if (phrase_at(w, i, "physic", "therapi"))
                for (const auto& x : w)
                    if (x.stem == "therapi" && x.paragraph == w[i].paragraph && x.sentence == w[i].sentence &&
                        x.index != w[i].index && x.index != w[i + 1].index)
                        again.insert(id);
    REQUIRE(!again.empty());
    CHECK(found(searcher, "therapy /s \"physical therapy\"") == again);
    // /p: one paragraph, the item or the rationale.
    Ids paragraph;
    for (const auto& [id, w] : decisions)
        for (size_t i = 0; i < w.size(); ++i)
            if (phrase_at(w, i, "function", "improv"))
                for (const auto& x : w)
                    if (x.stem == "acupunctur" && x.paragraph == w[i].paragraph) paragraph.insert(id);
    REQUIRE(paragraph.size() > expected.size());
    CHECK(found(searcher, "acupuncture /p \"functional improvement\"") == paragraph);
    // Nested: therapy /s (functional /3 improvement)
    Ids nested;
    for (const auto& [id, w] : decisions)
        for (const auto& f : w)
            for (const auto& i : w)
                for (const auto& t : w)
                    if (f.stem == "function" && i.stem == "improv" && t.stem == "therapi" && f.paragraph == i.paragraph &&
                        f.sentence == i.sentence && std::abs(f.index - i.index) <= 3 && f.index != i.index &&
                        t.paragraph == f.paragraph && t.sentence == f.sentence && t.index != f.index && t.index != i.index)
                        nested.insert(id);
    REQUIRE(!nested.empty());
    CHECK(found(searcher, "therapy /s (functional /3 improvement)") == nested);
    // Within an AND or an AND NOT, a connector checked in the text is checked only where the
    // rest of the query can hold, and finds there what it finds alone; its count is exact.
    const Ids overturned = ids_of(everything(searcher, "outcome:overturned"));
    const Ids upheld = without(expected, overturned);
    REQUIRE(!upheld.empty());
    REQUIRE(upheld.size() < expected.size());
    CHECK(found(searcher, "acupuncture /s \"functional improvement\" & upheld") == upheld);
    CHECK(found(searcher, "acupuncture /s \"functional improvement\" % overturned") == upheld);
    CHECK(found(searcher, "therapy /s (functional /3 improvement) & upheld") == without(nested, overturned));
    const Ids massage = ids_of(everything(searcher, "massage", true));
    REQUIRE(without(massage, expected).size() < massage.size());
    CHECK(found(searcher, "massage % (acupuncture /s \"functional improvement\")") == without(massage, expected));
    Ids both;
    for (const auto& id : expected)
        if (nested.count(id)) both.insert(id);
    REQUIRE(!both.empty());
    const SearchResults r = everything(searcher, "(acupuncture /s \"functional improvement\") & (therapy /s (functional /3 improvement))");
    CHECK(ids_of(r) == both);
    SearchOptions counted;
    counted.facet_bound = upheld.size();
    const SearchResults c = searcher.search("acupuncture /s \"functional improvement\" & upheld", counted);
    CHECK(c.total == upheld.size());
    CHECK(c.total_exact);
}

TEST_CASE("connectors combine with AND, AND NOT, OR, segments and dates", "[connectors]") {
    Searcher searcher(test::sample_index());
    SearchOptions all;
    all.limit = kMaxLimit;
    auto ids = [&](const std::string& q, bool literal = false) {
        SearchOptions o = all;
        o.literal = literal;
        Ids out;
        for (const auto& h : searcher.search(q, o).hits) out.insert(h.record.id);
        return out;
    };
    auto records = [&](const std::string& q) { return searcher.search(q, all).hits; };
    // & and % and BUT NOT, and a space is OR.
    const Ids massage = ids("massage", true), overturned = ids("outcome:overturned");
    Ids massage_upheld;
    for (const auto& id : massage)
        if (!overturned.count(id)) massage_upheld.insert(id);
    CHECK(ids("massage % overturned") == massage_upheld);
    CHECK(ids("massage BUT NOT overturned") == massage_upheld);
    CHECK(ids("massage AND NOT overturned") == massage_upheld);
    Ids either = ids("massage", true);
    for (const auto& id : ids("acupuncture", true)) either.insert(id);
    CHECK(ids("massage acupuncture & outcome:upheld OR outcome:overturned") == either);
    // ti() searches the item; da() the decision date, aft and bef exclusive.
    for (const auto& h : records("ti(acupuncture) & da(aft 1/31/2017)")) {
        CHECK_THAT(test::squeezed(h.record.title), Catch::Contains("acupuncture"));
        CHECK(h.record.decision_date > "2017-01-31");
    }
    for (const auto& h : records("knee & date bef 2017-01-15")) CHECK(h.record.decision_date < "2017-01-15");
    CHECK(ids("ti(acupuncture) & da(is 2017-01)") == ids("item:acupuncture date:2017-01"));
    // The root expander.
    CHECK(ids("chiropract! /s manipulation") == ids("chiropract* /s manipulation"));
    CHECK(!ids("chiropract! /s manipulation").empty());
    // Malformed ones say why.
    for (const auto& [q, why] : std::vector<std::pair<std::string, std::string>>{
             {"knee /300 pain", "1 to 255"}, {"knee /s", "needs something after it"}, {"(knee /s pain", "not closed"},
             {"knee /s outcome:upheld", "field's value cannot be a side"}, {"the /s knee", "common word"},
             {"da(aft tomorrow) & knee", "not a date"}}) {
        INFO(q);
        CHECK_THROWS_WITH(searcher.search(q), Catch::Contains(why) && Catch::Contains(q));
    }
    // How it was read.
    CHECK(searcher.search("acupuncture therapy /s functional").text == "(acupuncture OR therapy) /s functional");
}
