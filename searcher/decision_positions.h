// Internal: where some terms occur in many decisions, read term by term. Xapian opens each
// position list with a new cursor that rereads its two blocks (a pread of a whole block each,
// schema.h's kBlockSize) unless the position table's own cursor holds them already; a
// TermIterator's positionlist_count moves that cursor, and glass keeps position lists term by
// term, docid by docid, so one term read for many decisions in docid order finds its blocks
// there. At 100,000 decisions the rereads were two thirds of `MRI /p "red flags" & upheld` (perf).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

namespace imr::detail {

using Positions = std::vector<Xapian::termpos>;  // ascending
using TermPositions = std::map<std::string, Positions, std::less<>>;

// The positions of `terms` in each of `docids` (ascending), index for index; a term a decision
// lacks is absent from its map. `in_process`: every shard opened here, none remote (a remote
// termlist cannot count positions, so there each list is opened on its own).
std::vector<TermPositions> decision_positions(const Xapian::Database& db, const std::vector<Xapian::docid>& docids,
                                              const std::set<std::string>& terms, bool in_process);

}  // namespace imr::detail
