#include "imr/stemmer.h"

#include <string>
#include <unordered_map>

#include "imr/schema.h"

namespace imr::schema {

namespace {

class CachingStemmer : public Xapian::StemImplementation {
public:
    explicit CachingStemmer(size_t max_words) : inner_(kStemLanguage), max_words_(max_words) {}

    std::string operator()(const std::string& word) override {
        auto it = stems_.find(word);
        if (it != stems_.end()) return it->second;
        if (stems_.size() >= max_words_) stems_.clear();
        return stems_.emplace(word, inner_(word)).first->second;
    }

    std::string get_description() const override { return "cached " + inner_.get_description(); }

private:
    Xapian::Stem inner_;
    size_t max_words_;
    std::unordered_map<std::string, std::string> stems_;
};

}  // namespace

Xapian::Stem caching_stemmer(size_t max_words) { return Xapian::Stem(new CachingStemmer(max_words)); }

}  // namespace imr::schema
