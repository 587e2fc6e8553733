#include "telling_words.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

namespace imr::detail {

void or_parts(const Xapian::Query& q, std::vector<Xapian::Query>& out) {
    if (q.get_type() != Xapian::Query::OP_OR) {
        out.push_back(q);
        return;
    }
    for (size_t i = 0; i < q.get_num_subqueries(); ++i) or_parts(q.get_subquery(i), out);
}

namespace {

bool held_by_most(const Xapian::Database& db, const std::string& term) {
    return db.get_termfreq(term) > kCommonShare * db.get_doccount();
}

// A single word of the default text (a field's terms start with its capital prefix, after
// the stem's Z); phrases, concepts and fields are not words to cut.
std::optional<std::string> plain_word(const Xapian::Query& part) {
    if (part.get_type() != Xapian::Query::LEAF_TERM) return std::nullopt;
    const std::string term = *part.get_terms_begin();
    const size_t first = term.starts_with('Z') ? 1 : 0;
    if (first >= term.size() || std::isupper(static_cast<unsigned char>(term[first]))) return std::nullopt;
    return term;
}

// A plain word that most decisions hold.
bool common_word(const Xapian::Database& db, const Xapian::Query& part) {
    const auto term = plain_word(part);
    return term && held_by_most(db, *term);
}

// The named values few enough decisions hold to be worth reaching, weightless, their terms
// added to `terms`; empty if none.
Xapian::Query reach(const Xapian::Database& db, const std::vector<Xapian::Query>& named, std::vector<std::string>& terms) {
    std::vector<Xapian::Query> few;
    for (const auto& v : named)
        if (v.get_type() == Xapian::Query::LEAF_TERM && !held_by_most(db, *v.get_terms_begin())) few.push_back(v);
    for (const auto& v : few) terms.push_back(*v.get_terms_begin());
    if (few.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, few.begin(), few.end()), 0);
}

// A phrase's words, all of them anywhere: the same terms, so the same weight where it matches.
Xapian::Query apart(const Xapian::Query& phrase, std::vector<std::vector<std::string>>& apart_terms) {
    std::vector<Xapian::Query> words;
    for (size_t i = 0; i < phrase.get_num_subqueries(); ++i) words.push_back(phrase.get_subquery(i));
    apart_terms.emplace_back(phrase.get_terms_begin(), phrase.get_terms_end());
    return Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end());
}

// `parts` with their plain words cut to the kTellingTerms that the fewest decisions hold, in
// their order; the others go to `untelling`. A word no decision holds costs nothing to search
// and stays, uncounted.
std::vector<Xapian::Query> most_telling(const Xapian::Database& db, const std::vector<Xapian::Query>& parts,
                                        std::vector<std::string>& untelling) {
    std::set<std::string> plain;
    for (const auto& p : parts)
        if (const auto term = plain_word(p)) plain.insert(*term);
    if (plain.size() <= kTellingTerms) return parts;  // most lists: no frequency read twice
    std::vector<std::pair<Xapian::doccount, std::string>> words;  // decisions holding it, the word
    for (const auto& term : plain)
        if (const Xapian::doccount held = db.get_termfreq(term); held > 0) words.emplace_back(held, term);
    if (words.size() <= kTellingTerms) return parts;
    std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::set<std::string> cut;
    for (size_t w = kTellingTerms; w < words.size(); ++w) cut.insert(words[w].second);
    std::vector<Xapian::Query> kept;
    for (const auto& p : parts) {
        const auto term = plain_word(p);
        if (!term || !cut.contains(*term)) kept.push_back(p);
        else if (std::find(untelling.begin(), untelling.end(), *term) == untelling.end()) untelling.push_back(*term);
    }
    return kept;
}

Xapian::Query any_of(const std::vector<Xapian::Query>& parts) {
    if (parts.size() == 1) return parts.front();
    if (parts.size() > kEliteTerms) return Xapian::Query(Xapian::Query::OP_ELITE_SET, parts.begin(), parts.end(), kEliteTerms);
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace

TellingWords telling_words(const Xapian::Database& db, const Xapian::Query& q, const std::vector<Xapian::Query>& named,
                           const Cuts& cuts) {
    const auto op = q.get_type();
    if ((op == Xapian::Query::OP_FILTER || op == Xapian::Query::OP_AND_NOT) && q.get_num_subqueries() > 0) {
        std::vector<Xapian::Query> subs;
        for (size_t i = 0; i < q.get_num_subqueries(); ++i) subs.push_back(q.get_subquery(i));
        TellingWords words = telling_words(db, subs[0], named, cuts);
        subs[0] = words.query;
        words.query = Xapian::Query(op, subs.begin(), subs.end());
        return words;
    }
    if (op != Xapian::Query::OP_OR) return {q, {}, {}, {}, {}};
    std::vector<Xapian::Query> parts, kept;
    or_parts(q, parts);
    const Xapian::Query unchanged = parts.size() > kEliteTerms ? any_of(parts) : q;
    if (cuts.every_word) return {unchanged, {}, {}, {}, {}};
    const bool joined_apart = !cuts.keep_joined && parts.size() >= kApartFrom;
    TellingWords words;
    auto& common = words.common_terms;
    for (auto& p : parts) {
        if (joined_apart && p.get_type() == Xapian::Query::OP_PHRASE) p = apart(p, words.apart_terms);
        if (!common_word(db, p)) {
            kept.push_back(p);
            continue;
        }
        const std::string term = *p.get_terms_begin();  // a word said twice is named once
        if (std::find(common.begin(), common.end(), term) == common.end()) common.push_back(term);
    }
    if (kept.empty()) common.clear();  // common words alone stay: something is searched
    kept = most_telling(db, common.empty() ? parts : kept, words.untelling_terms);
    const bool words_left_out = !common.empty() || !words.untelling_terms.empty();
    if (!words_left_out && words.apart_terms.empty()) return {unchanged, {}, {}, {}, {}};
    words.query = any_of(kept);
    if (words_left_out) {
        if (const Xapian::Query values = reach(db, named, words.reach_terms); !values.empty()) {
            words.query = Xapian::Query(Xapian::Query::OP_OR, words.query, values);
        }
    }
    return words;
}

}  // namespace imr::detail
