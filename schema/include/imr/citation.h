// A decision's citation, made for pasting into a petition (8 CCR 10575(e) asks for the IMR case
// number): the same string in text, JSON and export.
//
//   CM16-0213037 (IMR Final Determination, Jan. 13, 2017), item 2, "MRI of the left shoulder": upheld, PDF p. 2
//
// Without a decision date the parenthesis holds no date; a letter without a case number is
// named by its file stem; the PDF page (or pages, "PDF pp. 2-3": the item's heading to the end
// of its rationale) only for letters read from a PDF.
#pragma once

#include <string>

#include "imr/record.h"

namespace imr {

std::string citation(const DecisionRecord& r);

}  // namespace imr
