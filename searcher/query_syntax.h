// Internal: a query split into the pieces Xapian's QueryParser reads (words, "phrases",
// field:values, operators, parentheses), so that understanding can look at each and rewrite
// it in place. No meaning is given here, only shape.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace imr::detail {

struct QueryToken {
    enum class Kind {
        word,    // a bare word: knee, L4-5, acupunct*
        phrase,  // "a phrase" (value holds what is between the quotes)
        field,   // name:value or name:"a value"
        op,      // AND OR NOT XOR NEAR ADJ (NEAR/3, ADJ/2), in capitals
        open,    // (
        close,   // )
    };
    Kind kind = Kind::word;
    std::string text;   // as typed, sign included
    char sign = 0;      // '+' or '-' before it, else 0
    std::string field;  // field tokens: the name, lower case
    std::string value;  // the word, the phrase's words, or the field's value (no quotes)
    bool quoted = false;    // phrases, and field values in quotes
    bool wildcard = false;  // the word or unquoted value holds a '*'

    bool is_word() const { return kind == Kind::word; }
    bool is_op(std::string_view name) const;
};

// The pieces of `query`, left to right. Quotes that are not closed run to the end, as
// Xapian's parser reads them.
std::vector<QueryToken> tokens_of(std::string_view query);

// The word without the punctuation a sentence puts around it ("upheld," "(knee").
std::string_view bare_word(std::string_view word);

}  // namespace imr::detail
