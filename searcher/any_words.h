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
// Only for one database opened in this process: the weights are worked out from that
// database's statistics, which for a sharded or remote database are the shards' together.
#pragma once

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

class AnyWords : public Xapian::PostingSource {
public:
    explicit AnyWords(std::vector<ListedTerm> terms = {});
    AnyWords* clone() const override { return new AnyWords(terms_); }
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
    struct Cursor {
        Xapian::PostingIterator at, end;
        Xapian::docid docid = 0;  // kPast once its postings are read
        double term_weight = 0;   // BM25's idf part, times the factor
        double bound = 0;         // the most it weighs in any decision
        bool matches = true;
    };

    void move_to(Cursor& c, Xapian::docid did) const;
    void advance(Xapian::docid from, double min_weight);

    std::vector<ListedTerm> terms_;
    std::vector<Cursor> cursors_;  // by the decision each stands at, once advanced
    double length_factor_ = 0;     // 1 / the average decision length
    Xapian::docid current_ = 0;
    bool started_ = false;
    Xapian::doccount termfreq_min_ = 0, termfreq_est_ = 0, termfreq_max_ = 0;
};

// `words` (an OR of term leaves, as the parser makes a list of words, or one leaf) with the
// weightless `reach` terms and the `boosts`, as one AnyWords: the decisions `words` or `reach`
// match, weighed as `words` AND_MAYBE the boosts' scaled terms. A leaf of `words` scaled is
// one of `scaled` (a concept spelt in several words), at its factor. Empty when `words` holds
// anything else (phrases, synonyms, wildcards), which Xapian matches itself.
Xapian::Query any_words(const Xapian::Query& words, const std::vector<std::string>& reach,
                        const std::vector<ListedTerm>& scaled, const std::vector<ListedTerm>& boosts);

}  // namespace imr::detail
