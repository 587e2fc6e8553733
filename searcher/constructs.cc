#include "constructs.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "docid_set.h"
#include "filter_values.h"
#include "imr/ascii.h"
#include "indexed_words.h"
#include "imr/record.h"
#include "imr/schema.h"
#include "imr/stopwords.h"

namespace imr::detail {

namespace {

namespace sc = imr::schema;

// Matches nothing, yet is not the empty query (which stands for "no words").
Xapian::Query nothing() { return Xapian::Query(sc::term("month", "000000")); }

// Whether `words` stand one after another somewhere in `text`'s terms.
bool says(const std::vector<std::string>& text, const std::vector<std::string>& words) {
    return std::search(text.begin(), text.end(), words.begin(), words.end()) != text.end();
}

// The phrase as typed, when it is plain words: ASCII letters and digits, one space apart.
std::string plain_phrase(const std::string& value) {
    const bool plain = !value.empty() && value.front() != ' ' && value.back() != ' ' &&
                       value.find("  ") == std::string::npos &&
                       std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isalnum(c) || c == ' '; });
    return plain ? ascii_lower(value) : std::string();
}

// Characters that end a word whatever stands around them, for the indexer's tokeniser ('.'
// only before a space: "U.S." and "4.5" are words of their own).
bool word_ends_before(std::string_view text, size_t at) {
    if (at >= text.size()) return true;
    const char c = text[at];
    if (c == '.') return at + 1 >= text.size() || std::isspace(static_cast<unsigned char>(text[at + 1]));
    return std::isspace(static_cast<unsigned char>(c)) || std::string_view(",;:!?()[]\"").find(c) != std::string_view::npos;
}

bool word_starts_after(std::string_view text, size_t at) {
    if (at == 0) return true;
    const char c = text[at - 1];
    return std::isspace(static_cast<unsigned char>(c)) || std::string_view("([\"").find(c) != std::string_view::npos;
}

// Whether `text` holds `phrase` (plain_phrase's form) word for word: then its terms say the
// phrase, stopwords and all, since the tokeniser treats both alike. Most summaries that
// say a phrase say it so, and are spared the tokeniser (most of a summary phrase's cost).
bool literally_says(std::string_view text, const std::string& phrase) {
    if (phrase.empty()) return false;
    const std::string lower = ascii_lower(text);
    for (size_t at = lower.find(phrase); at != std::string::npos; at = lower.find(phrase, at + 1))
        if (word_starts_after(lower, at) && word_ends_before(lower, at + phrase.size())) return true;
    return false;
}

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

// The decisions of `letters` (their letter terms): one sorted list of docids where the index
// is one local database (an OR of thousands of letter terms cost seconds), else the terms.
Xapian::Query ConstructProcessor::decisions_of(const std::vector<std::string>& letters) const {
    if (!one_local_database_) return Xapian::Query(Xapian::Query::OP_OR, letters.begin(), letters.end());
    std::vector<Xapian::docid> docids;
    for (const auto& letter : letters)
        for (auto p = db_.postlist_begin(letter); p != db_.postlist_end(letter); ++p) docids.push_back(*p);
    std::sort(docids.begin(), docids.end());
    docids.erase(std::unique(docids.begin(), docids.end()), docids.end());
    return Xapian::Query((new DocidSet(std::move(docids)))->release());
}

// The decisions of letters whose stored summary says the phrase: candidates are the letters
// whose summary has every word (the summary's terms, one decision a letter), checked in
// their text; weighted as the words are.
Xapian::Query ConstructProcessor::phrase(const Construct& c) {
    const std::string typed = c.field + ":\"" + c.value + "\"";
    IndexedWords indexed(std::string(sc::field(c.field).prefix));
    const std::vector<std::string> words = indexed(c.value);
    if (words.empty()) return nothing();
    const Xapian::Query all_words(Xapian::Query::OP_AND, words.begin(), words.end());
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, all_words, Xapian::Query(sc::term("summary_holder", "1"))));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet candidates = enquire.get_mset(0, kMaxPhraseLetters + 1);
    if (candidates.size() > kMaxPhraseLetters) {
        log_.fail("'" + typed + "': its words are in the summaries of more than " + std::to_string(kMaxPhraseLetters) +
                  " letters, too many to check the phrase in; add a word to it");
        return nothing();
    }
    std::vector<std::string> letters;
    const std::string letter_prefix(sc::field("letter").prefix);
    const std::string as_typed = plain_phrase(c.value);
    for (auto it = candidates.begin(); it != candidates.end(); ++it) {
        const Xapian::Document doc = it.get_document();
        const std::string data = doc.get_data();
        const std::string_view summary = DecisionRecord::summary_of(data);
        if (!literally_says(summary, as_typed) && !says(indexed(std::string(summary)), words)) continue;
        Xapian::TermIterator letter = doc.termlist_begin();
        letter.skip_to(letter_prefix);
        if (letter != doc.termlist_end() && (*letter).starts_with(letter_prefix)) letters.emplace_back(*letter);
    }
    if (letters.empty()) return nothing();
    return Xapian::Query(Xapian::Query::OP_FILTER, all_words, decisions_of(letters));
}

}  // namespace imr::detail
