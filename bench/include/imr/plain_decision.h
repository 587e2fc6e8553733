// What a plain search engine indexes of a decision: its item, both guideline citations, its
// rationale and its letter's case summary, as one text. The baselines (plain Xapian, Lucene)
// index this, imrsearch the letters themselves.
#pragma once

#include <string>

#include "imr/letter.h"

namespace imr::bench {

std::string plain_text(const Letter& letter, const Decision& d);

}  // namespace imr::bench
