// Internal: the excerpt of a hit, chosen by Xapian and split into fragments so
// that rendering (terminal, JSON) stays apart from choosing.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "imr/searcher.h"

namespace imr::detail {

std::vector<Fragment> excerpt(const Xapian::MSet& mset, const std::string& text, size_t bytes);

}  // namespace imr::detail
