#include "date_range.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vector>

#include "imr/schema.h"

namespace imr::detail {

namespace {

namespace sc = imr::schema;

// "2014-06-30" as "20140630"; "" when `iso` is not a date in that form.
std::string compact_iso_date(const std::string& iso) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return "";
    std::string out = iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
    if (!std::all_of(out.begin(), out.end(), [](unsigned char c) { return std::isdigit(c); })) return "";
    const int month = std::stoi(out.substr(4, 2)), day = std::stoi(out.substr(6, 2));
    if (month < 1 || month > 12 || day < 1 || day > 31) return "";
    return out;
}

Xapian::Query value_range(Xapian::valueno slot, const std::string& from, const std::string& to) {
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, from, to);
}

// Month `m` (1..12) of `year` as "YYYYMM".
std::string month_key(int year, int m) {
    char key[16];
    std::snprintf(key, sizeof key, "%04d%02d", year, m);
    return key;
}

// A day-by-day span: YYYYMMDD strings, inclusive.
struct Span {
    std::string first, last;
    bool holds(const Span& other) const { return first <= other.first && other.last <= last; }
};

// The decisions of `wanted` (as typed; open ends "00000000", "99999999"), among those of
// `indexed`: a year term per whole year, a month term per whole month, and a month term
// narrowed by the value range for a partial month. Whole means whole as far as the index has
// decisions: with none before 2016-12-09, "2016-12-05.." takes December whole.
Xapian::Query covering(Xapian::valueno slot, const Span& wanted, const Span& indexed) {
    const Span span{std::max(wanted.first, indexed.first), std::min(wanted.last, indexed.last)};
    std::vector<Xapian::Query> parts;
    for (int year = std::stoi(span.first.substr(0, 4)); year <= std::stoi(span.last.substr(0, 4)); ++year) {
        std::vector<Xapian::Query> months;
        bool whole_year = true;
        for (int m = 1; m <= 12; ++m) {
            const std::string key = month_key(year, m);
            const Span month{std::max(key + "01", indexed.first), std::min(key + "31", indexed.last)};
            if (month.last < span.first || month.first > span.last) {
                whole_year = whole_year && month.first > month.last;  // a month with no decisions
                continue;
            }
            Xapian::Query term(sc::term("month", key));
            if (wanted.holds(month)) {
                months.push_back(term);
            } else {
                whole_year = false;
                months.emplace_back(Xapian::Query::OP_FILTER, term, value_range(slot, span.first, span.last));
            }
        }
        if (whole_year) parts.emplace_back(sc::term("year", std::to_string(year)));
        else parts.insert(parts.end(), months.begin(), months.end());
    }
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

// Matches nothing, yet is not Xapian's empty query (which the query builder takes for "no
// words": everything): no decision is of month 00.
Xapian::Query none() { return Xapian::Query(sc::term("month", "000000")); }

}  // namespace

DateRange::DateRange(const Xapian::Database& db, Xapian::valueno slot, const std::string& name)
    : Xapian::RangeProcessor(slot, name + ":"),
      slot_(slot),
      lowest_(db.get_value_lower_bound(slot)),
      highest_(db.get_value_upper_bound(slot)),
      other_forms_(slot, Xapian::RP_DATE_PREFER_MDY, 1970) {}

Xapian::Query DateRange::operator()(const std::string& begin, const std::string& end) {
    // An index holding no dates has no bounds: the value range alone.
    if (lowest_.empty() || highest_.empty()) return other_forms_(begin, end);
    const Span wanted{begin.empty() ? "00000000" : compact_iso_date(begin), end.empty() ? "99999999" : compact_iso_date(end)};
    // Dates in Xapian's other forms (12/01/2016, 20161201): the value range alone.
    if (wanted.first.size() != 8 || wanted.last.size() != 8) return other_forms_(begin, end);
    const Span indexed{lowest_, highest_};
    if (std::max(wanted.first, indexed.first) > std::min(wanted.last, indexed.last)) return none();
    // Weightless, as a value range is: a date filter never changes the ranking.
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, covering(slot_, wanted, indexed), 0);
}

}  // namespace imr::detail
