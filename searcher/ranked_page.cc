#include "ranked_page.h"

#include <algorithm>
#include <cfloat>

#include "excerpt.h"
#include "imr/schema.h"

namespace imr::detail {

namespace sc = imr::schema;

// BM25 with the textbook k1 = 1.2, b = 0.75 rather than Xapian's b = 0.5: on the judged
// queries every k1 in 0.8..1.6 and b in 0.3..0.75 scored within 0.79..0.81 mean nDCG@10, so
// the usual values serve and nothing is fitted to twenty queries.
Xapian::BM25Weight ranking() { return Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5); }

// Equal weights newest first (the tie-break value holds the date, then the id).
Xapian::MSet ranked(const Xapian::Database& db, const Xapian::Query& q, size_t first, size_t count,
                   double min_weight) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(ranking());
    if (min_weight > 0) enquire.set_cutoff(0, min_weight);
    enquire.set_sort_by_relevance_then_value(sc::slot::tie_break, true);
    return enquire.get_mset(static_cast<Xapian::doccount>(first), static_cast<Xapian::doccount>(count));
}

namespace {

struct Candidate {
    const Xapian::MSet* mset;
    Xapian::MSetIterator it;
    double weight;
    std::string tie_break;
};

void add_candidates(const Xapian::MSet& mset, std::vector<Candidate>& out) {
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        out.push_back({&mset, it, it.get_weight(), it.get_document().get_value(sc::slot::tie_break)});
    }
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

}  // namespace

RankedPage ranked_page(const Xapian::Database& db, const RankedQuery& q, size_t offset, size_t limit,
                       size_t excerpt_bytes) {
    RankedPage page;
    std::vector<Candidate> candidates;
    std::vector<Xapian::MSet> msets;
    if (q.boosted.empty()) {
        msets.push_back(ranked(db, q.query, offset, limit));
        const Xapian::MSet& m = msets.back();
        page.lower = m.get_matches_lower_bound();
        page.estimated = m.get_matches_estimated();
        page.upper = m.get_matches_upper_bound();
    } else {
        // Each side's best offset+limit hold the page; their weights are the one query's (the
        // sum of the same parts). Decisions with a boosted value first: a decision without one
        // must outweigh the last of those to enter the page, which lets Xapian skip most.
        const size_t wanted = offset + limit;
        msets.push_back(ranked(db, Xapian::Query(Xapian::Query::OP_AND, q.unboosted, q.boost), 0, wanted));
        const Xapian::MSet& with = msets.back();
        const double floor = with.size() >= wanted && wanted > 0 ? with[wanted - 1].get_weight() : 0;
        msets.push_back(ranked(db, Xapian::Query(Xapian::Query::OP_AND_NOT, q.unboosted, q.boosted), 0, wanted, floor));
        // How many match, as the matcher estimates the one query without running it.
        Xapian::Enquire count(db);
        count.set_query(q.query);
        const Xapian::MSet bounds = count.get_mset(0, 0);
        page.lower = bounds.get_matches_lower_bound();
        page.estimated = bounds.get_matches_estimated();
        page.upper = bounds.get_matches_upper_bound();
    }
    for (const auto& m : msets) add_candidates(m, candidates);
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return a.weight != b.weight ? a.weight > b.weight : a.tie_break > b.tie_break;
    });
    const size_t skip = q.boosted.empty() ? 0 : offset;
    if (candidates.size() <= skip) return page;
    // Percentages as Xapian scales them in the match holding the best hit, so that they
    // follow the weights across both matches.
    const Candidate& best = candidates.front();
    const double percent_per_weight = best.weight > 0 ? best.it.get_percent() / best.weight : 0;
    for (size_t i = skip; i < candidates.size() && i < skip + limit; ++i) {
        page.hits.push_back(make_hit(candidates[i], offset + (i - skip) + 1, percent_per_weight, excerpt_bytes));
    }
    return page;
}

}  // namespace imr::detail
