// Internal: the registry Query::unserialise needs for the searcher's own posting sources
// (a query copied for another thread crosses as its serialised form: ranked_page.h).
#pragma once

#include <xapian.h>

namespace imr::detail {

const Xapian::Registry& query_registry();

}  // namespace imr::detail
