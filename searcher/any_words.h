// Internal: a list of words matched as Xapian's OR of their terms matches, each term weighed as
// Xapian's BM25 (ranking()) weighs it, but skipping every decision whose terms together could
// not weigh what the matcher needs for the page (WAND: Broder et al., "Efficient query
// evaluation using a two-level retrieval process", 2003).
//
// Xapian 1.4 prunes an OR only where one side's bound alone falls short of the page's last
// weight, which a question of ten words and three facet boosts seldom allows: each decision
// holding a boosted value was weighed (at 100k decisions, 12 ms for a question where the
// words alone take 3). WAND orders the terms by the decision each stands at and skips to the
// first decision whose terms' bounds reach the needed weight.
//
// A phrase of the list is matched as the AND of its terms, weighed as though it were said
// there: an upper bound of the decision's weight, which ranked_page.cc weighs again with
// Xapian's own phrase check. Xapian checks a phrase beneath an OR in every decision holding
// its terms (at 100k decisions `"functional improvement" acupuncture` took 14 ms, the phrase
// alone 2.4: alone, only where the weight could enter the page); and a position list read
// through the API opens a cursor of its own, which rereads its blocks (10 us a check, not
// the matcher's 0.3).
//
// Only for one database opened in this process: the weights are worked out from that
// database's statistics, which for a sharded or remote database are the shards' together.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

namespace imr::detail {

// A term of the list: its weight counts `factor` times (0: it matches, weightless); a term
// that does not `match` only adds weight to decisions the others match (a boost).
struct ListedTerm {
    std::string term;
    double factor = 1;
    bool matches = true;
};

// A part of the list made of several terms:
//   - phrase: its terms side by side, in this order, weighing as its terms together weigh, as
//     Xapian's OP_PHRASE does; AnyWords matches its terms anywhere (a bound);
//   - all: an AND of its terms (telling_words.h makes one of joined words), exactly;
//   - synonym: any of its two terms, weighing as one term that holds both's occurrences and
//     as many decisions as Xapian 1.4 estimates for an OR of them, as its OP_SYNONYM does (a
//     word and the concept it names: "radiograph" and x-ray).
struct ListedPhrase {
    enum class Kind { phrase, all, synonym };
    std::vector<std::string> terms;
    Kind kind = Kind::phrase;
};

// The decisions of one facet sample (`level`'s, schema.h; every decision at 0) that an AnyWords
// matched, found while it matches the page: the facet pass's
// matches without a second pass through the same postings, which a weightless pass reads
// whole however small its sample (a sample of 500 rather than 2,000 saved a question 4%).
struct SampleWalk {
    unsigned level = 0;
    std::vector<Xapian::docid> matched;  // ascending
    Xapian::docid decided = 0;           // whether each sample decision up to here matches is known
};

class AnyWords : public Xapian::PostingSource {
public:
    explicit AnyWords(std::vector<ListedTerm> terms = {}, std::vector<ListedPhrase> phrases = {},
                      std::shared_ptr<SampleWalk> walk = nullptr);
    AnyWords* clone() const override { return new AnyWords(terms_, phrases_, walk_); }
    // A copy that fills `walk` as it matches; none if it holds a phrase (matched as its terms
    // anywhere, a phrase's decisions are not all its matches).
    AnyWords* walking(std::shared_ptr<SampleWalk> walk) const;
    bool exact() const;  // no phrase: its weights are Xapian's, not bounds
    std::string name() const override { return "imr.AnyWords"; }
    std::string serialise() const override;
    AnyWords* unserialise(const std::string& s) const override;
    void init(const Xapian::Database& db) override;
    Xapian::doccount get_termfreq_min() const override { return termfreq_min_; }
    Xapian::doccount get_termfreq_est() const override { return termfreq_est_; }
    Xapian::doccount get_termfreq_max() const override { return termfreq_max_; }
    void next(double min_weight) override;
    void skip_to(Xapian::docid did, double min_weight) override;
    bool at_end() const override { return started_ && current_ == 0; }
    Xapian::docid get_docid() const override { return current_; }
    double get_weight() const override;

private:
    // Where one term's postings stand, and what the term weighs.
    struct Posting {
        Xapian::PostingIterator at, end;
        double term_weight = 0;  // BM25's idf part, times the factor
    };
    // A term of the list, or a group of terms: its postings, a phrase's in the order of its
    // terms. A synonym stands where any of its postings does, and weighs as one term.
    struct Unit {
        std::vector<Posting> postings;
        bool synonym = false;
        double synonym_weight = 0;  // BM25's idf part of the synonym
    };
    // Where a unit stands (the next decision holding all of a phrase's terms), kept apart
    // from its postings so that ordering the units reads little.
    struct Standing {
        Xapian::docid docid = 0;  // kPast once its postings are read
        std::uint32_t unit = 0;
        double bound = 0;         // the most it weighs in any decision
        bool matches = true;
    };

    void move_to(Standing& s, Xapian::docid did);
    double weight_of(const Unit& u, double length) const;
    void put_in_order();
    void advance(Xapian::docid from, double min_weight);
    void walk_to(Xapian::docid did);
    Xapian::docid next_sample();
    bool move_matching_to(Xapian::docid did);
    bool matches_at(Xapian::docid did) const;
    Xapian::docid first_match() const;

    std::vector<ListedTerm> terms_;
    std::vector<ListedPhrase> phrases_;
    std::vector<Unit> units_;
    std::vector<Standing> order_;  // of the units not yet past, by the decision each stands at
    double length_factor_ = 0;   // 1 / the average decision length
    Xapian::docid current_ = 0;
    bool started_ = false;
    Xapian::doccount termfreq_min_ = 0, termfreq_est_ = 0, termfreq_max_ = 0;
    std::shared_ptr<SampleWalk> walk_;
    Xapian::PostingIterator sample_, sample_end_;  // the walk's sample, with a sample term
};

// What stands around a list of words: its filters and exclusions, given the list's query.
using Around = std::function<Xapian::Query(const Xapian::Query&)>;

struct FastQuery {
    Xapian::Query query;  // empty: none
    bool bounds = false;  // its phrases matched as their terms anywhere: weights are bounds
    std::shared_ptr<const AnyWords> words;  // the AnyWords of `query`
    Around around;                          // `query` is around(words)
};

// `words` (an OR of term leaves and phrases, as the parser makes a list of words, or one of
// them) with the weightless `reach` terms and the `boosts`, as one AnyWords: the decisions
// `words` or `reach` match, weighed as `words` AND_MAYBE the boosts' scaled terms, a phrase
// matched as its terms anywhere. A leaf of `words` scaled is one of `scaled` (a concept spelt
// in several words), at its factor. None when `words` holds anything else (synonyms,
// wildcards), or phrases and no word, which Xapian matches itself.
FastQuery any_words(const Xapian::Query& words, const std::vector<std::string>& reach,
                    const std::vector<ListedTerm>& scaled, const std::vector<ListedTerm>& boosts);

}  // namespace imr::detail
