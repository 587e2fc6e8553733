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

// Makes `doc`, a decision of the letter whose case summary is `case_summary`, the letter's
// summary holder: the holder term, and the summary's terms with positions (summary phrases)
// in place of the copy the letter's other decisions carry, with the same wdf. The record's
// summary is the caller's to store.
void hold_summary(Xapian::Document& doc, const std::string& case_summary);

}  // namespace imr
