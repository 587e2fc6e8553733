#pragma once

#include <xapian.h>

namespace imr::detail {

// Replaces the database's synonym dictionary with the current concept spellings.
void install_synonyms(Xapian::WritableDatabase& db);

}  // namespace imr::detail
