// Internal: what a typed query means, before Xapian's parser reads it. Each piece of the
// query (query_syntax.h) is checked (an unknown field, a field without a value, a wildcard too
// short are errors naming them) and rewritten in place, so that an understood word means its
// field's term exactly where it stands, inside a boolean expression too:
//   - the bare words "upheld" and "overturned" become outcome:upheld / outcome:overturned, a
//     bare case number case:CM16-0213037;
//   - word* and field:word* become wildcards over the indexed stems (a construct, below);
//   - a concept abbreviation in capitals (TENS, PT, ESI) and a multi-word spelling of a concept
//     ("epidural steroid injection") become that concept's term, never a stem of a common word;
//   - summary:"a phrase" becomes the letters whose stored summary says it (the summary has no
//     positions).
// Facet values the free words name (treatments, drug classes, regions, guideline sources,
// reviewer roles) are listed as boosts, and identifiers typed whole (L4-5) as boosts of their
// whole-token term.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "imr/searcher.h"

namespace imr::detail {

// A part of the query built by the searcher rather than by Xapian's parser; it stands in the
// parser's text as `xq:N`, N its place in Understood::constructs.
struct Construct {
    enum class Kind { wildcard, domain_concept, phrase_in_summary };
    Kind kind = Kind::wildcard;
    std::string field;   // wildcard: the text field ("" for the default search)
    std::string value;   // wildcard: the prefix typed; concept: its name; phrase: its text
    double scale = 1;    // concept: how many words its spelling took in the query
};

struct Understood {
    std::string parser_text;      // for Xapian's QueryParser
    std::string shown;            // the same as a user reads it ("Understood as")
    std::vector<Filter> filters;  // understood from words: outcome and case filters, boosts
    std::vector<Construct> constructs;
    std::vector<std::string> words;  // the plain words, for spelling suggestions
    bool every_word = false;         // literal, or an operator typed: no common word left out
    bool phrase_typed = false;       // a phrase or a field typed: joined words stay side by side
};

// The pseudo-field the parser reads constructs under.
inline constexpr const char* kConstructField = "xq";

// Throws imr::Error (bad_query) naming `query` and the piece that is wrong. With `literal`,
// words are only words: nothing is understood from them, but fields, wildcards and phrases
// mean what they say.
Understood understand(std::string_view query, bool literal = false);

// The longest query understood, in bytes.
inline constexpr size_t kMaxQueryBytes = 8192;

// The shortest wildcard prefix, in characters.
inline constexpr size_t kMinWildcardPrefix = 3;

}  // namespace imr::detail
