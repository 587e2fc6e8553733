#include "constructs.h"

#include <algorithm>
#include <cctype>

#include "docid_set.h"
#include "filter_values.h"
#include "indexed_words.h"
#include "imr/schema.h"
#include "imr/stable_hash.h"
#include "imr/stopwords.h"

namespace imr::detail {

namespace {

namespace sc = imr::schema;

// Matches nothing, yet is not the empty query (which stands for "no words").
Xapian::Query nothing() { return Xapian::Query(sc::term("month", "000000")); }

}  // namespace

Xapian::Query ConstructProcessor::operator()(const std::string& value) {
    // Only the understanding writes "xq:N"; anything else under that name is no construct.
    if (value.empty() || value.size() > 6 || !std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); }))
        return nothing();
    const size_t i = std::stoul(value);
    if (i >= constructs_.size()) return nothing();
    const Construct& c = constructs_[i];
    switch (c.kind) {
        case Construct::Kind::wildcard: return wildcard(c);
        case Construct::Kind::phrase_in_summary: return phrase(c);
        case Construct::Kind::domain_concept: {
            Xapian::Query term(sc::term("concept", c.value));
            return c.scale == 1 ? term : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, term, c.scale);
        }
    }
    return nothing();
}

// The stems beginning with what was typed, and with its stem ("therapy*": therapi...).
Xapian::Query ConstructProcessor::wildcard(const Construct& c) {
    std::string prefix = "Z";
    if (!c.field.empty()) prefix += sc::field(c.field).prefix;
    std::vector<std::string> patterns{prefix + c.value};
    if (const std::string stem = Xapian::Stem(sc::kStemLanguage)(c.value); stem != c.value) patterns.push_back(prefix + stem);
    std::vector<Xapian::Query> parts;
    bool any = false;
    for (const auto& p : patterns) {
        any = any || db_.allterms_begin(p) != db_.allterms_end(p);
        parts.emplace_back(Xapian::Query::OP_WILDCARD, p, kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_ERROR,
                           Xapian::Query::OP_SYNONYM);
    }
    std::string typed = c.field.empty() ? std::string() : c.field + ":";
    typed.append(c.value).append("*");
    if (!any) log_.notices.push_back("no word in the index begins as " + typed + " does");
    return Xapian::Query(Xapian::Query::OP_SYNONYM, parts.begin(), parts.end());
}

namespace {

// Keys looked up by the million, by their hashes in a sorted array: a set of the keys, its
// nodes all over memory, was 40% of `summary:"low back pain" acupuncture` at 1M decisions.
class KeyLookup {
public:
    explicit KeyLookup(const std::vector<std::string>& keys) {
        for (const auto& k : keys) by_hash_.emplace_back(stable_hash(k), &k);
        std::sort(by_hash_.begin(), by_hash_.end());
    }

    bool holds(const std::string& key) const {
        const std::uint64_t hash = stable_hash(key);
        auto it = std::lower_bound(by_hash_.begin(), by_hash_.end(), Entry{hash, nullptr});
        for (; it != by_hash_.end() && it->first == hash; ++it)
            if (*it->second == key) return true;
        return false;
    }

private:
    using Entry = std::pair<std::uint64_t, const std::string*>;
    std::vector<Entry> by_hash_;  // the keys outlive it
};

}  // namespace

// The decisions of the letters keyed `keys`: one sorted list of docids where the index is one
// local database (an OR of thousands of letter terms cost seconds), else the letter terms.
Xapian::Query ConstructProcessor::decisions_of(std::vector<std::string> keys) const {
    if (!one_local_database_) {
        std::vector<std::string> terms;
        for (const auto& k : keys) terms.push_back(sc::term("letter", k));
        return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }
    std::vector<Xapian::docid> docids;
    if (keys.size() > db_.get_doccount() / kLettersScanned) {
        // Many letters: every decision's letter key, read in one pass over its value stream.
        const KeyLookup wanted(keys);
        for (auto v = db_.valuestream_begin(sc::slot::letter); v != db_.valuestream_end(sc::slot::letter); ++v)
            if (wanted.holds(*v)) docids.push_back(v.get_docid());
        return Xapian::Query((new DocidSet(std::move(docids)))->release());
    }
    // Few: each letter's posting list, in term order so that each is found in the blocks the
    // last one was.
    std::sort(keys.begin(), keys.end());
    for (const auto& k : keys) {
        const std::string letter = sc::term("letter", k);
        for (auto p = db_.postlist_begin(letter); p != db_.postlist_end(letter); ++p) docids.push_back(*p);
    }
    return Xapian::Query((new DocidSet(std::move(docids)))->release());
}

// The letters of `holders`. In one local database, read in docid order from the letter
// slot's stream: each decision's value looked up alone was a fifth of `summary:"low back
// pain" acupuncture` at 100k decisions (perf), 8,000 holders.
std::vector<std::string> ConstructProcessor::letter_keys(const Xapian::MSet& holders) const {
    std::vector<std::string> keys;
    if (!one_local_database_) {
        for (auto it = holders.begin(); it != holders.end(); ++it) {
            if (std::string key = it.get_document().get_value(sc::slot::letter); !key.empty()) keys.push_back(std::move(key));
        }
        return keys;
    }
    std::vector<Xapian::docid> docids(holders.begin(), holders.end());
    std::sort(docids.begin(), docids.end());
    const Xapian::ValueIterator end = db_.valuestream_end(sc::slot::letter);
    Xapian::ValueIterator value = db_.valuestream_begin(sc::slot::letter);
    for (const Xapian::docid did : docids) {
        if (value == end) break;
        value.skip_to(did);
        if (value != end && value.get_docid() == did && !(*value).empty()) keys.push_back(*value);
    }
    return keys;
}

// The decisions of letters whose summary says the phrase: the phrase among the summary
// holders' positions (one decision a letter), then their letters' decisions; weighted as the
// words are.
Xapian::Query ConstructProcessor::phrase(const Construct& c) {
    IndexedWords indexed(std::string(sc::field(c.field).prefix));
    const std::vector<std::string> words = indexed(c.value);
    if (words.empty()) return nothing();
    const Xapian::Query said(Xapian::Query::OP_PHRASE, words.begin(), words.end(), static_cast<Xapian::termcount>(words.size()));
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, said, Xapian::Query(sc::term("summary_holder", "1"))));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::doccount most = one_local_database_ ? db_.get_doccount() : kMaxPhraseLetters;
    const Xapian::MSet holders = enquire.get_mset(0, most + 1);
    if (holders.size() > most) {
        log_.fail("'" + c.field + ":\"" + c.value + "\"': more than " + std::to_string(most) +
                  " letters' summaries say it, too many to search their decisions over shards; add a word to it");
        return nothing();
    }
    std::vector<std::string> keys = letter_keys(holders);
    if (keys.empty()) return nothing();
    const Xapian::Query all_words(Xapian::Query::OP_AND, words.begin(), words.end());
    return Xapian::Query(Xapian::Query::OP_FILTER, all_words, decisions_of(std::move(keys)));
}

}  // namespace imr::detail
