#include "query_builder.h"

#include <map>

#include "imr/analyzers.h"
#include "imr/ascii.h"
#include "imr/error.h"
#include "imr/schema.h"
#include "imr/stopwords.h"
#include "date_range.h"

namespace imr::detail {

namespace {

namespace sc = imr::schema;

// Operators only in capitals: attorneys type "not medically necessary" and mean the words.
// Synonyms expand abbreviations and phrases to the concept terms the indexer adds.
constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                                 Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
                                 Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS |
                                 Xapian::QueryParser::FLAG_SPELLING_CORRECTION;

// How much a facet value named by the query's words weighs, relative to a word's match.
constexpr double kFacetBoost = 5.0;

// An identifier typed whole ("L4-5") is found by its parts as a phrase; the whole-token term
// adds the weight of a word.
constexpr double kIdentifierBoost = 1.0;

// The stored term for what a user typed after "field:".
std::string filter_term(const sc::Field& f, const std::string& typed) {
    if (f.name == "case") return sc::term(f, ascii_upper(typed));
    if (f.name == "id") return sc::term(f, typed.size() > 2 && (typed[0] == 'c' || typed[0] == 'C') ? ascii_upper(typed) : typed);
    if (f.name == "specialty") return sc::term(f, sc::slug(canonical_specialty(typed)));
    return sc::term(f, sc::slug(typed));
}

// Filter values typed as field:value are normalised the way the indexer stored them.
class FilterProcessor : public Xapian::FieldProcessor {
public:
    explicit FilterProcessor(const sc::Field& f) : field_(f) {}
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(filter_term(field_, value));
    }

private:
    const sc::Field& field_;
};

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

}  // namespace

Xapian::QueryParser make_query_parser(const Xapian::Database& db) {
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem(sc::kStemLanguage));
    qp.set_stemming_strategy(sc::kQueryStemming);
    qp.set_stopper(&stopwords());  // the index has none: a stopword would only be noise
    for (const sc::Field* f : sc::fields_of(sc::Kind::text)) {
        qp.add_prefix(std::string(f->name), std::string(f->prefix));
    }
    for (const sc::Field* f : sc::fields_of(sc::Kind::filter)) {
        qp.add_boolean_prefix(std::string(f->name), (new FilterProcessor(*f))->release());
    }
    for (const sc::Field* f : sc::fields_of(sc::Kind::date_range)) {
        qp.add_rangeprocessor((new DateRange(db, f->slot, std::string(f->name)))->release());
    }
    for (const sc::Field* f : sc::fields_of(sc::Kind::number_range)) {
        qp.add_rangeprocessor(
            (new Xapian::NumberRangeProcessor(f->slot, std::string(f->name) + ":"))->release());
    }
    return qp;
}

RankedQuery build_query(Xapian::QueryParser& parser, const std::string& text, const std::vector<Filter>& filters,
                        const std::string& original) {
    Xapian::Query query = Xapian::Query::MatchAll;
    bool blank = text.find_first_not_of(" \t\r\n") == std::string::npos;
    if (!blank) {
        try {
            query = parser.parse_query(without_phrase_stopwords(text), kParseFlags);
        } catch (const Xapian::QueryParserError& e) {
            throw Error(ErrorKind::bad_query, "query '" + original + "': " + e.get_msg());
        }
        if (query.empty()) query = Xapian::Query::MatchAll;
    }
    std::map<std::string, std::vector<Xapian::Query>> by_field;
    std::vector<Xapian::Query> facet_boosts, identifier_boosts;
    for (const auto& f : filters) {
        if (!f.from_words) continue;  // typed filters are already in the parsed query
        if (f.field == "identifier") {
            identifier_boosts.emplace_back(sc::term("identifier", f.value));
            continue;
        }
        Xapian::Query term(filter_term(sc::field(f.field), f.value));
        if (f.boost) facet_boosts.push_back(term);
        else by_field[f.field].push_back(term);
    }
    for (auto& [field, terms] : by_field) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    }
    const Xapian::Query facet_gain = boost(facet_boosts, kFacetBoost), identifier_gain = boost(identifier_boosts, kIdentifierBoost);
    RankedQuery ranked{boosted(boosted(query, facet_gain), identifier_gain), query, Xapian::Query(), Xapian::Query()};
    std::vector<Xapian::Query> all_boosts = facet_boosts;
    all_boosts.insert(all_boosts.end(), identifier_boosts.begin(), identifier_boosts.end());
    if (!all_boosts.empty()) {
        ranked.boosted = Xapian::Query(Xapian::Query::OP_OR, all_boosts.begin(), all_boosts.end());
        ranked.boost = facet_gain.empty() ? identifier_gain
                       : identifier_gain.empty() ? facet_gain
                                                 : Xapian::Query(Xapian::Query::OP_OR, facet_gain, identifier_gain);
    }
    return ranked;
}

}  // namespace imr::detail
