// Internal: the parts of a query the searcher builds itself (query_understanding.h's
// Construct), read by the parser under the pseudo-field "xq:N" where they stand:
//   - wildcards over the stems the index holds (the index has no unstemmed words, so Xapian's
//     own wildcard, over unstemmed terms, finds nothing), bounded: an expansion over
//     kMaxWildcardTerms is an error when the search runs;
//   - a concept's term, weighted as the words its spelling took;
//   - a phrase in a field without positions (the case summary): the letters whose stored text
//     says it, checked with the indexer's own tokenisation.
#pragma once

#include <vector>

#include <xapian.h>

#include "parse_log.h"
#include "query_understanding.h"

namespace imr::detail {

// Letters whose summaries say a phrase whose decisions are searched over shards or a remote
// backend, at most: each is a term in an OR. One local database has no such bound.
inline constexpr Xapian::doccount kMaxPhraseLetters = 100000;
// Beyond one letter in this many decisions, a phrase's letters' decisions are found in one
// pass over every decision's letter key rather than a posting list a letter.
inline constexpr Xapian::doccount kLettersScanned = 50;

class ConstructProcessor : public Xapian::FieldProcessor {
public:
    ConstructProcessor(const Xapian::Database& db, std::vector<Construct> constructs, ParseLog& log,
                       bool one_local_database)
        : db_(db), constructs_(std::move(constructs)), log_(log), one_local_database_(one_local_database) {}
    Xapian::Query operator()(const std::string& value) override;

private:
    Xapian::Query wildcard(const Construct& c);
    Xapian::Query phrase(const Construct& c);
    Xapian::Query decisions_of(std::vector<std::string> keys) const;
    std::vector<std::string> letter_keys(const Xapian::MSet& holders) const;

    Xapian::Database db_;
    std::vector<Construct> constructs_;
    ParseLog& log_;
    bool one_local_database_;  // the decisions a phrase was checked in as a DocidSet
};

}  // namespace imr::detail
