#include "indexed_words.h"

#include <map>

#include "imr/schema.h"
#include "imr/stopwords.h"

namespace imr::detail {

IndexedWords::IndexedWords(std::string prefix) : prefix_(std::move(prefix)), stem_(schema::kStemLanguage) {
    generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
    generator_.set_stopper(&stopwords());
    generator_.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
}

std::vector<std::string> IndexedWords::operator()(const std::string& text) {
    Xapian::Document doc;
    generator_.set_document(doc);
    generator_.set_termpos(0);
    generator_.index_text(text);
    std::map<Xapian::termpos, const std::string*> at;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string& term = stemmed(*t);
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) at[*p] = &term;
    }
    std::vector<std::string> out;
    out.reserve(at.size());
    for (const auto& [pos, term] : at) out.push_back(*term);
    return out;
}

const std::string& IndexedWords::stemmed(const std::string& word) {
    auto it = stems_.find(word);
    if (it == stems_.end()) it = stems_.emplace(word, "Z" + prefix_ + stem_(word)).first;
    return it->second;
}

}  // namespace imr::detail
