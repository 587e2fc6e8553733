// Internal: the pieces letter_parser.cc puts together. Each reads a range of
// cleaned lines and returns plain data.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "imr/letter.h"
#include "imr/text.h"

namespace imr::detail {

using LineIt = std::vector<Line>::const_iterator;

// "11/09/2016" or "11/9/16" to "2016-11-09"; "" when `text` is no date.
std::string iso_date(std::string_view text);

// The header block (labels and values in separate runs, paired by order) into `letter`.
void read_header(LineIt first, LineIt last, Letter& letter);

// Reviewer licensure states and specialties, from the structured lines or the narrative.
void read_credentials(LineIt first, LineIt last, Letter& letter);

// Patient age and sex as stated in the clinical case summary.
void read_patient(const std::string& summary, Letter& letter);

// Every disputed item between `first` and `last` (the items section), in order.
// Throws imr::Error (bad_input) naming `source` when an item lacks its outcome or rationale.
std::vector<Decision> read_decisions(LineIt first, LineIt last, const std::string& source);

bool starts_with_ci(std::string_view s, std::string_view prefix);
std::string_view trim(std::string_view s);
std::vector<std::string> split_list(std::string_view s, char sep);

}  // namespace imr::detail
