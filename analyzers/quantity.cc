// The quantity an item requests: visits for therapies ("3 TIMES PER WEEK FOR 4 WEEKS" is 12,
// "2xwk x 4 wks" 8, "3x4" 12, "x12" 12, "Twelve acupuncture visits" 12, "TIMES 6" 6,
// "(12 sessions)" 12) and units for drugs and supplies ("#60", "QTY: 2").
#include "imr/analyzers.h"
#include "imr/ascii.h"
#include "word_match.h"

namespace imr {

namespace {

// Numbers as digits or words: the letters write both.
constexpr const char* kNumber =
    R"((\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|)"
    R"(sixteen|eighteen|twenty|twenty-four|thirty|thirty-six))";

int number_value(const std::string& written) {
    std::string s = ascii_lower(written);
    static const std::pair<const char*, int> words[] = {
        {"one", 1},      {"two", 2},       {"three", 3},    {"four", 4},     {"five", 5},         {"six", 6},
        {"seven", 7},    {"eight", 8},     {"nine", 9},     {"ten", 10},     {"eleven", 11},      {"twelve", 12},
        {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"eighteen", 18},    {"twenty", 20},
        {"twenty-four", 24}, {"thirty", 30}, {"thirty-six", 36}, {"once", 1},  {"twice", 2}};
    for (const auto& [w, v] : words)
        if (s == w) return v;
    return std::isdigit(static_cast<unsigned char>(s[0])) ? std::stoi(s) : 0;
}

using detail::find_first;
using detail::find_first_not_followed;

re2::RE2 pattern(const std::string& p) { return re2::RE2(p, detail::pattern_options()); }

std::string n() { return kNumber; }

// "(8)" right after "visits": the letter's own total.
int parenthesised_total(const std::string& t) {
    static const re2::RE2 p = pattern(R"((?:visits?|sessions?|treatments?)\s*\((\d{1,3})\))");
    auto m = find_first(p, t);
    return m ? std::stoi((*m)[0]) : 0;
}

// "3 TIMES PER WEEK FOR 4 WEEKS", "2xwk x 4 wks", "1 to 2 times per week for 3 weeks" (the upper
// bound), "twice a week for 3 weeks", "3 visits per week for 2 weeks".
int frequency_times_duration(const std::string& t) {
    static const re2::RE2 p = pattern(
        "\\b(?:" + n() + "(?:\\s*(?:-|to)\\s*" + n() + ")?\\s*(?:x|times?|visits?|sessions?)|(once|twice))" +
        R"(\s*(?:a|per|/|each)?\s*(?:weeks?|wks?|weekly)\b[\s,]*(?:for|x|times|over)?\s*)" + n() +
        R"(\s*(?:weeks?|wks?)\b)");
    auto m = find_first(p, t);
    if (!m) return 0;
    const detail::Groups& g = *m;
    int low = g[0].empty() ? 0 : number_value(g[0]);
    int high = g[1].empty() ? 0 : number_value(g[1]);
    int word = g[2].empty() ? 0 : number_value(g[2]);
    int per_week = std::max({low, high, word});
    return per_week * number_value(g[3]);
}

// "Twelve acupuncture visits", "6 sessions", "Physical Therapy sessions, 12" — but not
// "3 visits per week", which is a frequency.
int stated_count(const std::string& t) {
    static const re2::RE2 before = pattern(
        "\\b" + n() + R"((?:\s*\(\d+\))?\s+(?:[a-z/-]+\s+){0,3}?(?:visits?|sessions?|treatments?)\b(\s*(?:a|per|/)\s*(?:week|wk))?)");
    static const re2::RE2 after = pattern(R"((?:visits?|sessions?),?\s+(\d{1,3})\b)");
    if (auto m = find_first_not_followed(before, t)) return number_value((*m)[0]);
    if (auto m = find_first(after, t)) return std::stoi((*m)[0]);
    return 0;
}

// "3x4", "2 x 6" (frequency by weeks, as PT requests are written).
int product(const std::string& t) {
    static const re2::RE2 p = pattern(R"(\b(\d{1,2})\s*x\s*(\d{1,2})\b(\s*(?:wk|week|mg|cm|mm))?)");
    auto m = find_first_not_followed(p, t);
    return m ? std::stoi((*m)[0]) * std::stoi((*m)[1]) : 0;
}

// "TIMES 6", "x12", "times six", "1 times 6".
int times_count(const std::string& t) {
    static const re2::RE2 p = pattern(R"((?:\btimes|\bx)\s*)" + n() + R"(\b(\s*(?:a|per)\s*week)?)");
    auto m = find_first_not_followed(p, t);
    return m ? number_value((*m)[0]) : 0;
}

int units_of(const std::string& t) {
    static const re2::RE2 p = pattern(R"((?:#\s*|\bqty:?\s*|\bquantity:?\s*)(\d{1,4})\b)");
    auto m = find_first(p, t);
    return m ? std::stoi((*m)[0]) : 0;
}

}  // namespace

Quantity parse_quantity(std::string_view text) {
    std::string t(text);
    Quantity q;
    q.units = units_of(t);
    for (int (*rule)(const std::string&) :
         {parenthesised_total, frequency_times_duration, stated_count, product, times_count}) {
        if (int v = rule(t); v > 0) {
            q.visits = v;
            break;
        }
    }
    // "Acupuncture therapy sessions lumbar spine #6": a count of sessions written as units.
    static const re2::RE2 sessions = pattern(R"(\b(?:visits?|sessions?|treatments?)\b)");
    if (q.visits == 0 && q.units > 0 && detail::found(sessions, t)) q.visits = q.units;
    return q;
}

}  // namespace imr
