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
// them is read (and inflated) to put the table's cursor there, not each one's. At 100k decisions
// groups of 256 checked the connector queries at 103 q/s, of 64 at 96, of 16 and 1024 at 81-91
// (bench/engines search --queries: the mix's connectors).
constexpr size_t kGroup = 256;

// Term by term over groups of decisions: a list of the term counted first through the
// termlist of the group's first decision holding it, so that the table's cursor is on the
// block where the group's lists of that term are.
std::vector<TermPositions> read_term_by_term(const Xapian::Database& db, const std::vector<Xapian::docid>& docids,
                                             const std::set<std::string>& terms) {
    std::vector<TermPositions> out(docids.size());
    const Xapian::TermIterator end;
    for (size_t first = 0; first < docids.size(); first += kGroup) {
        const size_t last = std::min(first + kGroup, docids.size());
        std::vector<std::optional<Xapian::TermIterator>> lists(last - first);  // opened as a term needs them
        for (const std::string& term : terms) {
            for (size_t i = first; i < last; ++i) {
                auto& list = lists[i - first];
                if (!list) list = db.termlist_begin(docids[i]);
                list->skip_to(term);
                if (*list != end && **list == term) {
                    list->positionlist_count();
                    break;
                }
            }
            for (size_t i = first; i < last; ++i) read_into(out[i], db, docids[i], term);
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
