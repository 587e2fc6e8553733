#include "date_range.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <vector>

#include "imr/schema.h"

namespace imr::detail {

namespace {

namespace sc = imr::schema;

// A day-by-day span: YYYYMMDD strings, inclusive.
struct Span {
    std::string first, last;
    bool holds(const Span& other) const { return first <= other.first && other.last <= last; }
};

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap(year) ? 29 : days[month - 1];
}

std::string ymd(int y, int m, int d) {
    char out[16];
    std::snprintf(out, sizeof out, "%04d%02d%02d", y, m, d);
    return out;
}

// The numbers of `s` split at `sep`, each all digits; nullopt otherwise.
std::optional<std::vector<int>> numbers(const std::string& s, char sep) {
    std::vector<int> out;
    size_t start = 0;
    while (true) {
        const size_t end = s.find(sep, start);
        const std::string part = s.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (part.empty() || part.size() > 4 || !std::all_of(part.begin(), part.end(), [](unsigned char c) { return std::isdigit(c); }))
            return std::nullopt;
        out.push_back(std::stoi(part));
        if (end == std::string::npos) return out;
        start = end + 1;
    }
}

// The days `typed` stands for: a year (2017), a month (2017-01, 01/2017), a day (2017-01-15,
// 01/15/2017, 1/15/2017). Throws a message when it is none of these or no such date.
Span days_of(const std::string& typed) {
    int y = 0, m = 0, d = 0;
    size_t parts = 0;  // 1: a year, 2: a month, 3: a day
    if (const auto iso = numbers(typed, '-'); iso && iso->size() <= 3 && typed.find('-') == (iso->size() > 1 ? 4 : std::string::npos)) {
        parts = iso->size();
        y = (*iso)[0];
        m = parts > 1 ? (*iso)[1] : 1;
        d = parts > 2 ? (*iso)[2] : 1;
    } else if (const auto us = numbers(typed, '/'); us && us->size() >= 2 && us->back() >= 1000) {
        parts = us->size() == 3 ? 3 : 2;
        m = (*us)[0];
        d = parts == 3 ? (*us)[1] : 1;
        y = us->back();
    }
    if (parts == 0 || y < 1000) {
        throw std::string("'" + typed + "' is not a date: write 2017, 2017-01, 2017-01-15 or 01/15/2017");
    }
    if (m < 1 || m > 12 || d < 1 || d > days_in(y, m)) throw std::string("'" + typed + "' is no date on the calendar");
    if (parts == 1) return {ymd(y, 1, 1), ymd(y, 12, 31)};
    if (parts == 2) return {ymd(y, m, 1), ymd(y, m, days_in(y, m))};
    return {ymd(y, m, d), ymd(y, m, d)};
}

std::string iso_of(const std::string& compact) {
    return compact.substr(0, 4) + "-" + compact.substr(4, 2) + "-" + compact.substr(6, 2);
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

// The decisions of `wanted` (open ends "00000000", "99999999"), among those of `indexed`: a
// year term per whole year, a month term per whole month, and a month term narrowed by the
// value range for a partial month. Whole means whole as far as the index has decisions: with
// none before 2016-12-09, "2016-12-05.." takes December whole.
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

DateFilter::DateFilter(const Xapian::Database& db, Xapian::valueno slot, const std::string& name, ParseLog& log)
    : slot_(slot), name_(name), lowest_(db.get_value_lower_bound(slot)), highest_(db.get_value_upper_bound(slot)), log_(log) {}

Xapian::Query DateFilter::operator()(const std::string& from, const std::string& to, const std::string& typed) {
    Span wanted{"00000000", "99999999"};
    try {
        if (from.empty() && to.empty()) throw std::string("a range needs a date on at least one side");
        if (!from.empty()) wanted.first = days_of(from).first;
        if (!to.empty()) wanted.last = days_of(to).last;
    } catch (const std::string& why) {
        log_.fail("'" + typed + "': " + why);
        return none();
    }
    if (wanted.first > wanted.last) {
        log_.fail("'" + typed + "': the range ends before it begins; write the earlier date first");
        return none();
    }
    log_.ranges.push_back({name_, from.empty() ? "" : iso_of(wanted.first), to.empty() ? "" : iso_of(wanted.last)});
    // An index holding no dates has no bounds: the value range alone.
    if (lowest_.empty() || highest_.empty()) return value_range(slot_, wanted.first, wanted.last);
    const Span indexed{lowest_, highest_};
    if (std::max(wanted.first, indexed.first) > std::min(wanted.last, indexed.last)) {
        log_.notices.push_back("no decision is dated within " + typed + "; the index holds decisions of " +
                               iso_of(lowest_) + " to " + iso_of(highest_));
        return none();
    }
    // Weightless, as a value range is: a date filter never changes the ranking.
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, covering(slot_, wanted, indexed), 0);
}

}  // namespace imr::detail
