#include "decision_positions.h"

namespace imr::detail {

namespace {

Positions read(Xapian::PositionIterator p, const Xapian::PositionIterator& end) {
    Positions out;
    for (; p != end; ++p) out.push_back(*p);
    return out;
}

// Term by term over the decisions' termlists, each list's count first so that the position
// table's cursor is on the list's block when the list is opened.
std::vector<TermPositions> read_term_by_term(const Xapian::Database& db, const std::vector<Xapian::docid>& docids,
                                             const std::set<std::string>& terms) {
    std::vector<TermPositions> out(docids.size());
    std::vector<Xapian::TermIterator> lists;
    lists.reserve(docids.size());
    for (Xapian::docid d : docids) lists.push_back(db.termlist_begin(d));
    const Xapian::TermIterator end;
    for (const std::string& term : terms) {
        for (size_t i = 0; i < docids.size(); ++i) {
            Xapian::TermIterator& list = lists[i];
            list.skip_to(term);
            if (list == end || *list != term || list.positionlist_count() == 0) continue;
            out[i].emplace(term, read(list.positionlist_begin(), list.positionlist_end()));
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
                Positions list = read(db.positionlist_begin(docids[i], term), db.positionlist_end(docids[i], term));
                if (!list.empty()) out[i].emplace(term, std::move(list));
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
