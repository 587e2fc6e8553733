// The synonym dictionary the query parser expands with: every spelling of a domain concept
// (one word or several) leads to the concept's term, which the indexer adds to every
// decision naming the concept in any spelling.
#include <xapian.h>

#include <cctype>

#include "imr/analyzers.h"
#include "imr/synonyms.h"

namespace imr {

namespace {

// A spelling as the query parser splits it into terms: lower case, words joined by one space.
std::string synonym_key(const std::string& spelling) {
    std::string key;
    bool gap = false;
    for (unsigned char c : spelling) {
        if (std::isalnum(c)) {
            if (gap && !key.empty()) key.push_back(' ');
            gap = false;
            key.push_back(static_cast<char>(std::tolower(c)));
        } else {
            gap = true;
        }
    }
    return key;
}

}  // namespace

void install_synonyms(Xapian::WritableDatabase& db, const std::string& concept_prefix) {
    std::vector<std::string> old(db.synonym_keys_begin(), db.synonym_keys_end());
    for (const auto& key : old) db.clear_synonyms(key);
    for (const auto& c : concept_spellings()) {
        for (const auto& spelling : c.spellings) db.add_synonym(synonym_key(spelling), concept_prefix + c.name);
    }
}

}  // namespace imr
