// The index's stemmer, remembering: letters reuse a small vocabulary, and Snowball stemming
// was the indexing workers' largest cost (perf: a quarter of their samples) and a third of
// an excerpt's.
#pragma once

#include <cstddef>

#include <xapian.h>

namespace imr::schema {

// A stemmer giving the stems of Xapian::Stem(kStemLanguage), remembering up to `max_words`
// words (then starting again rather than growing without bound). Each thread keeps its own:
// Xapian's handles count references without atomics.
Xapian::Stem caching_stemmer(size_t max_words);

}  // namespace imr::schema
