// Words too common to tell decisions apart: one list for the indexer and the query parser.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace imr {

// Never indexed, neither term nor position: the words either side of one stand next to each
// other, so "failure of conservative care" is indexed as "failure conservative care". A third
// of the writer's work is positions, and stopwords were a third of those.
const Xapian::Stopper& stopwords();

// `query` without the stopwords that would stand in a phrase: inside double quotes, or joined
// to a word by '-' or '/' ("follow-up", "peer-to-peer" become "follow", "peer-peer"). Xapian's
// QueryParser keeps stopwords in phrases, and a phrase with a word the index lacks matches
// nothing; everywhere else the parser's stopper drops them. A field's value ("field:" and what
// follows, quoted or to the next space) is left as typed, and so is a phrase of stopwords alone
// (it finds nothing, as the same words unquoted do, where an empty phrase would find all).
std::string without_phrase_stopwords(std::string_view query);

}  // namespace imr
