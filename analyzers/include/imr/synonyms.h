// The synonym dictionary the query parser expands with: every spelling of a domain concept
// (one word or several) leads to the concept's term, which the indexer adds to every decision
// naming the concept in any spelling.
#pragma once

#include <string>

#include <xapian.h>

namespace imr {

// Replaces `db`'s synonym dictionary with the current concept spellings, each leading to
// `concept_prefix` + the concept's name.
void install_synonyms(Xapian::WritableDatabase& db, const std::string& concept_prefix);

}  // namespace imr
