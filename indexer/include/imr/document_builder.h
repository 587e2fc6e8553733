// A parsed decision to what the index stores. No I/O.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "imr/analyzers.h"
#include "imr/letter.h"
#include "imr/record.h"

namespace imr {

// What display needs of one decision.
DecisionRecord make_record(const Letter& letter, const Decision& decision, const std::string& file);

// The Xapian documents of a letter, one per decision in order: id, parent and bookkeeping
// terms, free text per schema field, facet terms and values, and the record as data.
std::vector<Xapian::Document> build_documents(const Letter& letter, const std::string& file,
                                              const std::string& content_hash);

}  // namespace imr
