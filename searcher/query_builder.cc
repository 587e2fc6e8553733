#include "query_builder.h"

#include <set>

#include "any_words.h"
#include "constructs.h"
#include "date_range.h"
#include "filter_values.h"
#include "imr/ascii.h"
#include "imr/error.h"
#include "imr/schema.h"
#include "imr/stopwords.h"
#include "number_range.h"
#include "range_processors.h"
#include "telling_words.h"

namespace imr::detail {

namespace {

namespace sc = imr::schema;

// Operators only in capitals: attorneys type "not medically necessary" and mean the words.
// Synonyms expand abbreviations typed in lower case to the concept terms the indexer adds
// (capitals and multi-word spellings are concepts already: query_understanding.h).
constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT |
                                 Xapian::QueryParser::FLAG_AUTO_SYNONYMS;

// How much a facet value named by the query's words weighs, relative to a word's match.
constexpr double kFacetBoost = 5.0;

// An identifier typed whole ("L4-5") is found by its parts as a phrase; the whole-token term
// adds the weight of a word.
constexpr double kIdentifierBoost = 1.0;

Xapian::QueryParser query_parser(const Xapian::Database& db, const Understood& u, ParseLog& log, bool one_local_database) {
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem(sc::kStemLanguage));
    qp.set_stemming_strategy(sc::kQueryStemming);
    qp.set_stopper(&stopwords());  // the index has none: a stopword would only be noise
    for (const sc::Field* f : sc::fields_of(sc::Kind::text)) qp.add_prefix(std::string(f->name), std::string(f->prefix));
    for (const sc::Field* f : sc::fields_of(sc::Kind::filter)) {
        qp.add_boolean_prefix(std::string(f->name), (new FilterProcessor(*f, db, log))->release());
    }
    for (const sc::Field* f : sc::fields_of(sc::Kind::date_range)) {
        const std::string name(f->name);
        const DateFilter dates(db, f->slot, name, log);
        qp.add_rangeprocessor((new RangeOf<DateFilter>(f->slot, name, dates))->release());
        qp.add_boolean_prefix(name, (new ValueOf<DateFilter>(name, dates))->release());
    }
    for (const sc::Field* f : sc::fields_of(sc::Kind::number_range)) {
        const std::string name(f->name);
        const NumberFilter numbers(f->slot, name, log);
        qp.add_rangeprocessor((new RangeOf<NumberFilter>(f->slot, name, numbers))->release());
        qp.add_boolean_prefix(name, (new ValueOf<NumberFilter>(name, numbers))->release());
    }
    qp.add_prefix(kConstructField, (new ConstructProcessor(db, u.constructs, log, one_local_database))->release());
    return qp;
}

// What decisions matching any of `boosts` gain: their weight, scaled; empty for no boosts.
Xapian::Query boost(const std::vector<Xapian::Query>& boosts, double factor) {
    if (boosts.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()),
                         factor);
}

// `query` with decisions matching `gain` weighted higher; matches unchanged.
Xapian::Query boosted(const Xapian::Query& query, const Xapian::Query& gain) {
    return gain.empty() ? query : Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, gain);
}

// The words typed that the parser made `terms` of, each once whatever its case.
std::vector<std::string> typed_words(const Xapian::QueryParser& parser, const std::vector<std::string>& terms) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    auto add = [&](const std::string& word) {
        if (seen.insert(ascii_lower(word)).second) out.push_back(word);
    };
    for (const auto& term : terms) {
        if (parser.unstem_begin(term) == parser.unstem_end(term)) add(term.starts_with('Z') ? term.substr(1) : term);
        for (auto it = parser.unstem_begin(term); it != parser.unstem_end(term); ++it) add(*it);
    }
    return out;
}

// What the user is told of the words the parser joined ("MTUS/ACOEM") and searched apart,
// each joined word's words in `apart`; "" when none.
// Each of `items` in quotes, a comma apart: "'a', 'b c'".
std::string quoted_list(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "'" : ", '") + item + "'";
    return out;
}

std::string apart_notice(const Xapian::QueryParser& parser, const std::vector<std::vector<std::string>>& apart) {
    std::vector<std::string> joined;
    for (const auto& terms : apart) {
        std::string words;
        for (const auto& w : typed_words(parser, terms)) words += (words.empty() ? "" : " ") + w;
        joined.push_back(words);
    }
    const std::string named = quoted_list(joined);
    if (named.empty()) return "";
    return "Searched apart, anywhere in a decision, as a long list of words is: " + named +
           " (written joined); put them in quotes to search them side by side";
}

// What the user is told of the words a long list was searched without ("" when none).
std::string untelling_notice(const Xapian::QueryParser& parser, const std::vector<std::string>& untelling) {
    const std::string words = quoted_list(typed_words(parser, untelling));
    if (words.empty()) return "";
    return "Searched by its " + std::to_string(kTellingTerms) + " most telling words, as a long list of words is; left out: " +
           words;
}

}  // namespace

BuiltQuery build_query(const Xapian::Database& db, const Understood& u, const std::string& original, bool one_local_database) {
    BuiltQuery built;
    Xapian::QueryParser parser = query_parser(db, u, built.log, one_local_database);
    Xapian::Query query;
    try {
        query = parser.parse_query(without_phrase_stopwords(u.parser_text), kParseFlags);
    } catch (const Xapian::QueryParserError& e) {
        throw Error(ErrorKind::bad_query, "query '" + original + "': " + e.get_msg());
    }
    if (!built.log.error.empty()) throw Error(ErrorKind::bad_query, "query '" + original + "': " + built.log.error);
    if (query.empty()) query = Xapian::Query::MatchAll;
    std::vector<Xapian::Query> facet_boosts, identifier_boosts;
    for (const auto& f : u.filters) {
        if (!f.boost) continue;  // understood filters stand in the parsed query
        if (f.field == "identifier") identifier_boosts.emplace_back(sc::term("identifier", f.value));
        else facet_boosts.emplace_back(filter_term(sc::field(f.field), f.value));
    }
    std::vector<Xapian::Query> all_boosts = facet_boosts;
    all_boosts.insert(all_boosts.end(), identifier_boosts.begin(), identifier_boosts.end());
    TellingWords words = telling_words(db, query, all_boosts, Cuts{u.every_word, u.phrase_typed});
    query = words.query;
    built.log.common_words = typed_words(parser, words.common_terms);
    if (std::string apart = apart_notice(parser, words.apart_terms); !apart.empty()) built.log.notices.push_back(apart);
    if (std::string left = untelling_notice(parser, words.untelling_terms); !left.empty()) built.log.notices.push_back(left);
    const Xapian::Query facet_gain = boost(facet_boosts, kFacetBoost), identifier_gain = boost(identifier_boosts, kIdentifierBoost);
    RankedQuery& ranked = built.ranked;
    ranked = plain_ranked(query);
    ranked.query = boosted(boosted(query, facet_gain), identifier_gain);
    if (!all_boosts.empty()) {
        ranked.boosted = Xapian::Query(Xapian::Query::OP_OR, all_boosts.begin(), all_boosts.end());
        ranked.boost = facet_gain.empty() ? identifier_gain
                       : identifier_gain.empty() ? facet_gain
                                                 : Xapian::Query(Xapian::Query::OP_OR, facet_gain, identifier_gain);
    }
    if (one_local_database) {
        std::vector<ListedTerm> gains;
        for (const auto& b : facet_boosts) gains.push_back({*b.get_terms_begin(), kFacetBoost, false});
        for (const auto& b : identifier_boosts) gains.push_back({*b.get_terms_begin(), kIdentifierBoost, false});
        std::vector<ListedTerm> scaled;
        for (const auto& c : u.constructs)
            if (c.kind == Construct::Kind::domain_concept && c.scale != 1) scaled.push_back({sc::term("concept", c.value), c.scale, true});
        const FastQuery fast = any_words(query, words.reach_terms, scaled, gains);
        ranked.fast = fast.query;
        ranked.fast_bounds = fast.bounds;
        ranked.fast_words = fast.words;
        ranked.fast_around = fast.around;
    }
    return built;
}

}  // namespace imr::detail
