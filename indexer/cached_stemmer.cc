#include "cached_stemmer.h"

#include <string>
#include <unordered_map>

#include "imr/schema.h"

namespace imr::detail {

namespace {

// Enough for a corpus's vocabulary; past it (typos, ids) the cache starts again rather
// than grow without bound.
constexpr size_t kMaxCachedWords = 200000;

class CachingStemmer : public Xapian::StemImplementation {
public:
    CachingStemmer() : inner_(schema::kStemLanguage) {}

    std::string operator()(const std::string& word) override {
        auto it = stems_.find(word);
        if (it != stems_.end()) return it->second;
        if (stems_.size() >= kMaxCachedWords) stems_.clear();
        return stems_.emplace(word, inner_(word)).first->second;
    }

    std::string get_description() const override { return "cached " + inner_.get_description(); }

private:
    Xapian::Stem inner_;
    std::unordered_map<std::string, std::string> stems_;
};

}  // namespace

const Xapian::Stem& thread_stemmer() {
    thread_local const Xapian::Stem stemmer(new CachingStemmer);
    return stemmer;
}

}  // namespace imr::detail
