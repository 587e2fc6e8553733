// Internal: the registry Query::unserialise needs for the searcher's own posting sources
// (a query copied for another thread crosses as its serialised form: ranked_page.h).
#pragma once

#include <memory>

#include <xapian.h>

namespace imr::detail {

struct SampleWalk;

const Xapian::Registry& query_registry();

// The same, but a list of words (AnyWords) unserialised with it walks `walk` (any_words.h).
Xapian::Registry walking_registry(std::shared_ptr<SampleWalk> walk);

}  // namespace imr::detail
