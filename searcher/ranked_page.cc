#include "ranked_page.h"

#include <algorithm>
#include <cfloat>
#include <future>
#include <set>

#include "any_words.h"
#include "docid_set.h"
#include "docid_span.h"
#include "query_registry.h"
#include "excerpt.h"
#include "imr/schema.h"

namespace imr::detail {

namespace sc = imr::schema;

// BM25 with the textbook k1 = 1.2, b = 0.75 rather than Xapian's b = 0.5: on the judged
// queries every k1 in 0.8..1.6 and b in 0.3..0.75 scored within 0.79..0.81 mean nDCG@10, so
// the usual values serve and nothing is fitted to twenty queries.
Xapian::BM25Weight ranking() { return Xapian::BM25Weight(Bm25::k1, Bm25::k2, Bm25::k3, Bm25::b, Bm25::min_normlen); }

// By weight, equal weights newest first (the tie-break value holds the date, then the id); or
// by date, newest or oldest first, then weight. With `by_letter`, a letter's best decision only.
Xapian::MSet ranked(const Xapian::Database& db, const Xapian::Query& q, size_t first, size_t count,
                   double min_weight, const Order& order) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(ranking());
    if (min_weight > 0) enquire.set_cutoff(0, min_weight);
    if (order.sort == Sort::relevance) enquire.set_sort_by_relevance_then_value(sc::slot::tie_break, true);
    else enquire.set_sort_by_value_then_relevance(sc::slot::tie_break, order.sort == Sort::newest);
    if (order.by_letter) enquire.set_collapse_key(sc::slot::letter);
    return enquire.get_mset(static_cast<Xapian::doccount>(first), static_cast<Xapian::doccount>(count));
}

namespace {

struct Candidate {
    const Xapian::MSet* mset;
    Xapian::MSetIterator it;
    double weight;
    std::string tie_break;
    std::string letter;  // with by_letter: the collapse key
};

void add_candidates(const Xapian::MSet& mset, std::vector<Candidate>& out) {
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        // The sort key is the tie-break value, which the matcher has already read.
        out.push_back({&mset, it, it.get_weight(), it.get_sort_key(), it.get_collapse_key()});
    }
}

// The order of the page: the matcher's own, across the parts matched apart.
bool before(const Candidate& a, const Candidate& b, Sort sort) {
    switch (sort) {
        case Sort::newest: return a.tie_break != b.tie_break ? a.tie_break > b.tie_break : a.weight > b.weight;
        case Sort::oldest: return a.tie_break != b.tie_break ? a.tie_break < b.tie_break : a.weight > b.weight;
        case Sort::relevance: break;
    }
    return a.weight != b.weight ? a.weight > b.weight : a.tie_break > b.tie_break;
}

Hit make_hit(const Candidate& c, size_t rank, double percent_per_weight, size_t excerpt_bytes) {
    Hit hit;
    hit.rank = rank;
    hit.weight = c.weight;
    hit.percent = std::clamp(static_cast<int>(c.weight * percent_per_weight + 100 * DBL_EPSILON), c.weight > 0 ? 1 : 0, 100);
    hit.record = DecisionRecord::from_data(c.it.get_document().get_data());
    hit.excerpt = excerpt(*c.mset, hit.record.rationale, excerpt_bytes);
    return hit;
}

// Pruned by the weights it works out itself, AnyWords could set two decisions of one weight
// apart by the last bits of a sum: the page's decisions and at least this many past them are
// weighed again by Xapian, which orders them as the one query does. All of them, nothing
// pruned: pruned, Xapian 1.4.22 can leave out the best of an AND_MAYBE (ranked_page_test.cc).
constexpr size_t kWeighedAgain = 10;

// Whether the page is matched as `q.fast`: by weight, where there is one. One hit per letter,
// not where its weights are bounds: a letter's best bound may fail its phrase where another
// of its decisions holds it.
bool matched_fast(const RankedQuery& q, const Order& order) {
    return !q.fast.empty() && order.sort == Sort::relevance && !(q.fast_bounds && order.by_letter);
}

// `candidates` (matched as `q.fast`) matched again as `q.query` into `again`: the first `wanted`.
std::vector<Candidate> weighed_again(const Xapian::Database& db, const RankedQuery& q, const std::vector<Candidate>& candidates,
                                     size_t wanted, const Order& order, Xapian::MSet& again) {
    std::vector<Xapian::docid> docids;
    for (const auto& c : candidates) docids.push_back(*c.it);
    const size_t all = docids.size();
    const Xapian::Query these((new DocidSet(std::move(docids)))->release());
    again = ranked(db, Xapian::Query(Xapian::Query::OP_FILTER, q.query, these), 0, all, 0, order);
    std::vector<Candidate> out;
    add_candidates(again, out);
    if (out.size() > wanted) out.resize(wanted);
    return out;
}

// How many matches as `q.fast` are asked for: the best `count`, none weighing under `floor`.
struct Asked {
    size_t count = 0;
    double floor = 0;
};

// The best `wanted` decisions of `q` (of one half, or all when `half` < 0), one MSet per side;
// matched as `q.fast`, as `fast` says. Sorted by date, the boosts cannot change the order: one side.
std::vector<Xapian::MSet> best(const Xapian::Database& db, const RankedQuery& q, size_t wanted, const Asked& fast, int half,
                               const Order& order) {
    auto within = [&](const Xapian::Query& x) { return half < 0 ? x : in_half(x, half); };
    if (matched_fast(q, order)) return {ranked(db, within(q.fast), 0, fast.count, fast.floor, order)};
    if (q.boosted.empty() || order.sort != Sort::relevance) return {ranked(db, within(q.query), 0, wanted, 0, order)};
    // Each side's best hold the page; their weights are the one query's (the sum of the same
    // parts). Decisions with a boosted value first: a decision without one must outweigh the
    // last of those to enter the page, which lets Xapian skip most.
    Xapian::MSet with = ranked(db, within(Xapian::Query(Xapian::Query::OP_AND, q.unboosted, q.boost)), 0, wanted, 0, order);
    const double floor = with.size() >= wanted && wanted > 0 ? with[wanted - 1].get_weight() : 0;
    Xapian::MSet without =
        ranked(db, within(Xapian::Query(Xapian::Query::OP_AND_NOT, q.unboosted, q.boosted)), 0, wanted, floor, order);
    return {with, without};
}

// best() of the whole index, or of its two halves at once: with `other_handle` (a second
// handle on the same local index at the same revision, used by no other thread), the other
// half on a thread of its own. With `walks` (one, or one per half), the words walk the facet
// sample as they match.
std::vector<Xapian::MSet> best_of(const Xapian::Database& db, const Xapian::Database* other_handle, const RankedQuery& q,
                                  size_t wanted, const Asked& fast, const Order& order,
                                  const std::vector<std::shared_ptr<SampleWalk>>& walks = {}) {
    RankedQuery first = q;
    if (!walks.empty()) first.fast = q.fast_around(Xapian::Query(q.fast_words->walking(walks.front())->release()));
    if (!other_handle) return best(db, first, wanted, fast, -1, order);
    const Xapian::Query other_fast =
        walks.size() > 1 ? Xapian::Query::unserialise(q.fast.serialise(), walking_registry(walks[1])) : unshared(q.fast);
    const RankedQuery copy{unshared(q.query), unshared(q.unboosted), unshared(q.boosted), unshared(q.boost), other_fast,
                           q.fast_bounds, nullptr, nullptr};
    auto other_half = std::async(std::launch::async, [&, copy] { return best(*other_handle, copy, wanted, fast, 1, order); });
    std::vector<Xapian::MSet> msets = best(db, first, wanted, fast, 0, order);
    for (auto& m : other_half.get()) msets.push_back(std::move(m));
    return msets;
}

// The candidates of `msets` in the page's order.
std::vector<Candidate> in_order(const std::vector<Xapian::MSet>& msets, const Order& order) {
    std::vector<Candidate> candidates;
    for (const auto& m : msets) add_candidates(m, candidates);
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](const Candidate& a, const Candidate& b) { return before(a, b, order.sort); });
    if (order.by_letter) {
        // A letter's decisions can stand in both halves or both sides: its first one counts.
        std::set<std::string> seen;
        std::erase_if(candidates, [&](const Candidate& c) { return !seen.insert(c.letter).second; });
    }
    return candidates;
}

// Whether some decision that `bounded` (matches as `q.fast` of `asked` decisions each) left
// out could enter `page`: its bound, at most the last that part holds, reaching the page's last.
bool could_enter(const std::vector<Xapian::MSet>& bounded, size_t asked, const std::vector<Candidate>& page, size_t wanted) {
    if (wanted == 0) return false;
    for (const auto& m : bounded) {
        if (m.size() < asked) continue;  // none left out
        // Above the rounding of AnyWords' sums.
        if (page.size() < wanted || page[wanted - 1].weight <= m[asked - 1].get_weight() + 1e-9) return true;
    }
    return false;
}

// The page of `q`, whose matches as `q.fast` weigh bounds, from `page` (the best of `bounded`
// weighed again): if a decision left out could enter it, every decision whose bound reaches
// its last weight, weighed again. A page short of `wanted` is Xapian's own: there most bounds
// were decisions holding a phrase's words apart (at 100k decisions, the best 320 bounds of
// "not FDA approved" ketoprofen held under ten matches; asking four times as many bounds
// each time, "one month trial" TENS weighed 2,570, and by its last weight 936).
std::vector<Candidate> within_bounds(const Xapian::Database& db, const Xapian::Database* other_handle, const RankedQuery& q,
                                     size_t wanted, const Order& order, const std::vector<Xapian::MSet>& bounded,
                                     std::vector<Candidate> page, Xapian::MSet& again) {
    if (!could_enter(bounded, wanted + kWeighedAgain, page, wanted)) return page;
    if (page.size() < wanted) {
        RankedQuery slow = q;
        slow.fast = Xapian::Query();
        return weighed_again(db, q, in_order(best_of(db, other_handle, slow, wanted, {}, order), order), wanted, order, again);
    }
    const Asked reaching{db.get_doccount(), page[wanted - 1].weight - 1e-9};
    return weighed_again(db, q, in_order(best_of(db, other_handle, q, wanted, reaching, order), order), wanted, order, again);
}

// How many match: what the matched parts are sure of, within the bounds the matcher works out
// for the one query without running it. Sums of parts' upper bounds (halves) and a side
// matched under a weight floor would overstate, and so would matches as `q.fast` whose
// weights are bounds; the page's counts do not depend on how it was matched, so facet samples
// are chosen alike everywhere.
RankedPage counted(const Xapian::MSet& whole, const RankedQuery& q, const std::vector<Xapian::MSet>& msets, const Order& order) {
    const bool fast = matched_fast(q, order);
    Xapian::doccount lower = 0, estimated = 0, upper = 0;
    // Collapsed parts count letters: the decisions' counts are the whole query's.
    if (!order.by_letter && !(fast && q.fast_bounds)) {
        for (const auto& m : msets) {
            lower += m.get_matches_lower_bound();
            estimated += m.get_matches_estimated();
            upper += m.get_matches_upper_bound();
        }
    }
    RankedPage page;
    page.lower = std::max(lower, whole.get_matches_lower_bound());
    const bool one_part_counts = (q.boosted.empty() || order.sort != Sort::relevance) && !fast && !order.by_letter;
    page.upper = std::max(page.lower, one_part_counts ? std::min(upper, whole.get_matches_upper_bound())
                                                      : whole.get_matches_upper_bound());
    page.estimated = std::clamp(one_part_counts ? estimated : whole.get_matches_estimated(), page.lower, page.upper);
    return page;
}

// What the matcher works out of `q` without running it: its bounds.
Xapian::MSet unmatched(const Xapian::Database& db, const RankedQuery& q) {
    Xapian::Enquire count(db);
    count.set_query(q.query);
    return count.get_mset(0, 0);
}

// The walks of the facet sample for `facet_bound` (none without one) the page's match takes
// where that is `q` as one AnyWords, one per half with `other_handle`, at the level the page's
// counts will ask for (`whole`'s upper bound).
std::vector<std::shared_ptr<SampleWalk>> sample_walks(const RankedQuery& q, const Xapian::MSet& whole, size_t facet_bound,
                                                      const Xapian::Database* other_handle, const Order& order) {
    if (facet_bound == 0 || !q.fast_words || q.fast_bounds || !matched_fast(q, order) || order.by_letter) return {};
    const unsigned level = sample_level(whole.get_matches_upper_bound(), facet_bound);
    std::vector<std::shared_ptr<SampleWalk>> walks;
    for (int half = 0; half < (other_handle ? 2 : 1); ++half) walks.push_back(std::make_shared<SampleWalk>(SampleWalk{level, {}, 0}));
    return walks;
}

// The sample's matches in `half` (-1: all) that `walk` found, within what stands around the
// words; and past where the walk ended (the matcher stops calling the words when a filter
// around them ends), the one query's in the sample.
Xapian::Query walked(const Xapian::Database& db, const RankedQuery& q, const SampleWalk& walk, int half) {
    Xapian::Query matches = q.fast_around(Xapian::Query((new DocidSet(walk.matched))->release()));
    if (walk.decided < db.get_lastdocid()) {
        const Xapian::Query rest(Xapian::Query::OP_FILTER, in_sample(q.query, walk.level),
                                 Xapian::Query(DocidSpan::after(walk.decided)->release()));
        matches = Xapian::Query(Xapian::Query::OP_OR, matches, rest);
    }
    return half < 0 ? matches : in_half(matches, half);
}

// The facet sample the walks found: the second half's as a copy for the other handle's thread.
FacetSample walked(const Xapian::Database& db, const RankedQuery& q, const std::vector<std::shared_ptr<SampleWalk>>& walks) {
    if (walks.size() == 1) return {walks[0]->level, walked(db, q, *walks[0], -1), {}};
    return {walks[0]->level, walked(db, q, *walks[0], 0), unshared(walked(db, q, *walks[1], 1))};
}

}  // namespace

unsigned sample_level(size_t matches, size_t bound) {
    unsigned level = 0;
    while (level < sc::kSampleLevels && (matches >> level) > bound) ++level;
    return level;
}

std::string sample_term(unsigned level) { return sc::term("sample", std::to_string(level)); }

Xapian::Query in_sample(const Xapian::Query& q, unsigned level) {
    return level == 0 ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(sample_term(level)));
}

Xapian::Query in_half(const Xapian::Query& q, int half) {
    return Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(DocidSpan::half(half)->release()));
}

Xapian::Query unshared(const Xapian::Query& q) {
    return q.empty() ? q : Xapian::Query::unserialise(q.serialise(), query_registry());
}

RankedPage ranked_page(const Xapian::Database& db, const Xapian::Database* other_handle, const RankedQuery& q,
                       size_t offset, size_t limit, size_t excerpt_bytes, const Order& order, size_t facet_bound) {
    const size_t wanted = offset + limit;
    const Xapian::MSet whole = unmatched(db, q);
    const auto walks = sample_walks(q, whole, facet_bound, other_handle, order);
    const std::vector<Xapian::MSet> msets = best_of(db, other_handle, q, wanted, {wanted + kWeighedAgain}, order, walks);
    std::vector<Candidate> candidates = in_order(msets, order);
    Xapian::MSet again;
    if (matched_fast(q, order)) {
        candidates = weighed_again(db, q, candidates, wanted, order, again);
        if (q.fast_bounds) candidates = within_bounds(db, other_handle, q, wanted, order, msets, candidates, again);
    }
    RankedPage page = counted(whole, q, msets, order);
    if (!walks.empty() && walks[0]->level == sample_level(page.upper, facet_bound)) page.sample = walked(db, q, walks);
    if (candidates.size() <= offset) return page;
    // Percentages as Xapian scales them in the match holding the best hit, so that they
    // follow the weights across the matches.
    const Candidate& best_hit = candidates.front();
    const double percent_per_weight = best_hit.weight > 0 ? best_hit.it.get_percent() / best_hit.weight : 0;
    for (size_t i = offset; i < candidates.size() && i < wanted; ++i) {
        page.hits.push_back(make_hit(candidates[i], i + 1, percent_per_weight, excerpt_bytes));
    }
    return page;
}

}  // namespace imr::detail
