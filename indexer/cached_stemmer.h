// Internal: an English stemmer that remembers. Letters reuse a small vocabulary, and
// Snowball stemming was the worker threads' largest cost (perf: a quarter of their samples).
#pragma once

#include <xapian.h>

namespace imr::detail {

// This thread's caching stemmer: the same stems as Xapian::Stem(schema::kStemLanguage).
// Not to be shared across threads (Xapian's handles count references without atomics).
const Xapian::Stem& thread_stemmer();

}  // namespace imr::detail
