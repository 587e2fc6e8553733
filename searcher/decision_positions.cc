#include "decision_positions.h"

#include <algorithm>
#include <optional>

namespace imr::detail {

namespace {

// Where `term` is in decision `did`, kept in `into` unless nowhere.
void read_into(TermPositions& into, const Xapian::Database& db, Xapian::docid did, const std::string& term) {
    Positions list(db.positionlist_begin(did, term), db.positionlist_end(did, term));
    if (!list.empty()) into.emplace(term, std::move(list));
}

// Decisions near in docid order, whose lists of one term mostly share a block: one termlist of
// them is read (and inflated: some 13 us at 100k decisions) to put the table's cursor there,
// not each one's; a list off the cursor's block costs a read of that block (2-3 us). With only
// the lists of decisions holding a term read, groups of 64 checked the mix's connector
// queries in 0.86 of the time of groups of 256 (32: 0.87, 128: 0.93; bench/engines search
// --queries: the mix's connectors, paired, 100k decisions).
constexpr size_t kGroup = 64;

// The docids of `docids` (ascending) that hold `term`, by a walk of its posting list: a
// decision lacking a term would cost a block read all the same, its list looked for.
std::vector<bool> holding(const Xapian::Database& db, const std::vector<Xapian::docid>& docids, const std::string& term) {
    std::vector<bool> out(docids.size());
    Xapian::PostingIterator p = db.postlist_begin(term);
    const Xapian::PostingIterator end = db.postlist_end(term);
    for (size_t i = 0; i < docids.size() && p != end; ++i) {
        p.skip_to(docids[i]);
        out[i] = p != end && *p == docids[i];
    }
    return out;
}

// Term by term over groups of decisions: a list of the term counted first through the
// termlist of the group's first decision holding it, so that the table's cursor is on the
// block where the group's lists of that term are; only the lists of decisions holding it read.
std::vector<TermPositions> read_term_by_term(const Xapian::Database& db, const std::vector<Xapian::docid>& docids,
                                             const std::set<std::string>& terms) {
    std::vector<TermPositions> out(docids.size());
    std::vector<std::vector<bool>> held;
    for (const std::string& term : terms) held.push_back(holding(db, docids, term));
    for (size_t first = 0; first < docids.size(); first += kGroup) {
        const size_t last = std::min(first + kGroup, docids.size());
        std::vector<std::optional<Xapian::TermIterator>> lists(last - first);  // opened as a term needs them
        auto holds = held.begin();
        for (auto term = terms.begin(); term != terms.end(); ++term, ++holds) {
            bool placed = false;
            for (size_t i = first; i < last; ++i) {
                if (!(*holds)[i]) continue;
                if (!placed) {
                    auto& list = lists[i - first];
                    if (!list) list = db.termlist_begin(docids[i]);
                    list->skip_to(*term);
                    list->positionlist_count();
                    placed = true;
                }
                read_into(out[i], db, docids[i], *term);
            }
        }
    }
    return out;
}

std::vector<TermPositions> read_one_by_one(const Xapian::Database& db, const std::vector<Xapian::docid>& docids,
                                           const std::set<std::string>& terms) {
    std::vector<TermPositions> out(docids.size());
    for (size_t i = 0; i < docids.size(); ++i) {
        for (const std::string& term : terms) {
            try {
                read_into(out[i], db, docids[i], term);
            } catch (const Xapian::RangeError&) {
                // The decision does not have the term.
            }
        }
    }
    return out;
}

}  // namespace

std::vector<TermPositions> decision_positions(const Xapian::Database& db, const std::vector<Xapian::docid>& docids,
                                              const std::set<std::string>& terms, bool in_process) {
    return in_process ? read_term_by_term(db, docids, terms) : read_one_by_one(db, docids, terms);
}

}  // namespace imr::detail
