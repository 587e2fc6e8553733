// Internal: one page of ranked hits. A query whose words name facet values ranks decisions
// having them higher (AND_MAYBE with a scaled boost); Xapian cannot prune such a match (the
// boost's bound leaves the words' side nothing to skip), so the page is found as two disjoint
// matches, decisions with a boosted value and decisions without, merged by weight: the same
// decisions, weights and order as the one query, at 1M decisions 40 ms rather than 65.
// Over one local database a list of words is matched faster still as one AnyWords
// (any_words.h), which skips beside the boosts too; its page is weighed again as the one query.
// With phrases, AnyWords matches their terms anywhere, and its weights are bounds: its best
// are weighed again, more of them each time, until none left unweighed could enter the page.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <xapian.h>

#include "any_words.h"
#include "imr/searcher.h"

namespace imr::detail {

struct RankedQuery {
    Xapian::Query query;      // what matches and how it is weighted
    Xapian::Query unboosted;  // the same without its boosts: the same matches
    Xapian::Query boosted;    // the terms `query` boosts, as one boolean OR; empty when none
    Xapian::Query boost;      // what `query` adds to `unboosted` where `boosted` matches
    Xapian::Query fast;       // `query` as one AnyWords (any_words.h), when it is a list of words
    bool fast_bounds = false; // `fast` matches a phrase's terms anywhere: its weights are bounds
    std::shared_ptr<const AnyWords> fast_words;  // the AnyWords of `fast`, which is fast_around(it)
    Around fast_around;
};

// `q` ranked as it is: no boost, no faster match.
inline RankedQuery plain_ranked(const Xapian::Query& q) { return {q, q, {}, {}, {}, false, nullptr, nullptr}; }

// The matches of one facet sample level (schema.h), found by a page's match: `matches` matches
// them (matched in two halves, those of the first, and `other_half`, a copy for the other
// handle's thread, those of the second), and costs little to match again.
struct FacetSample {
    unsigned level = 0;
    Xapian::Query matches, other_half;
};

struct RankedPage {
    std::vector<Hit> hits;
    Xapian::doccount lower = 0, estimated = 0, upper = 0;  // how many match
    std::optional<FacetSample> sample;  // where the page's match found them (sample_level of `upper`)
};

// The smallest facet sample level (schema.h) expected to hold at most `bound` of `matches`
// decisions.
unsigned sample_level(size_t matches, size_t bound);

// The term of the decisions in facet sample `level` (1 and above).
std::string sample_term(unsigned level);

// `q` within facet sample `level` (every decision at 0).
Xapian::Query in_sample(const Xapian::Query& q, unsigned level);

// How a page is ordered: by weight or date, one hit per letter or per decision.
struct Order {
    Sort sort = Sort::relevance;
    bool by_letter = false;
};

// BM25's parameters as imrsearch ranks: the textbook k1 and b (ranked_page.cc); k3 = 1 leaves a
// query term said once (wqf 1) as it weighs, which AnyWords relies on.
struct Bm25 {
    static constexpr double k1 = 1.2, k2 = 0, k3 = 1, b = 0.75, min_normlen = 0.5;
};

// BM25 as imrsearch ranks.
Xapian::BM25Weight ranking();

// Decisions first+1 .. first+count of `q` alone, in `order` (by weight then newest first by
// default); none weighing under `min_weight` (0: no floor).
Xapian::MSet ranked(const Xapian::Database& db, const Xapian::Query& q, size_t first, size_t count,
                   double min_weight = 0, const Order& order = {});

// `q` within the first (0) or second (1) half of each database's docids.
Xapian::Query in_half(const Xapian::Query& q, int half);

// A copy of `q` sharing nothing with it: Xapian's queries count references without atomics,
// so a query is never shared between threads.
Xapian::Query unshared(const Xapian::Query& q);

// Hits offset+1 .. offset+limit by weight, then newest first, with excerpts of `excerpt_bytes`.
// With `other_handle` (a second handle on the same local index at the same revision, used by
// no other thread), the two halves of the docids are matched at once, one on a thread of its
// own: the same page. With a `facet_bound`, a list of words matched whole as `q.fast_words`
// also finds the matches of the facet sample that bound asks for (`RankedPage::sample`).
RankedPage ranked_page(const Xapian::Database& db, const Xapian::Database* other_handle, const RankedQuery& q,
                       size_t offset, size_t limit, size_t excerpt_bytes, const Order& order = {},
                       size_t facet_bound = 0);

}  // namespace imr::detail
