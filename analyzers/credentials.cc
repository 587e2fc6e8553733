// The reviewer's credentials. Newer letters list them on two labelled lines
// (values may wrap); older ones say it in a sentence: "The expert reviewer is
// Board Certified in Preventative Medicine and is licensed to practice in
// California."
#include <regex>

#include "parser_parts.h"

namespace imr::detail {

namespace {

constexpr std::string_view kStatesLabel = "State(s) of Licensure:";
constexpr std::string_view kSpecialtyLabel = "Certification(s)/Specialty:";

LineIt find_line(LineIt first, LineIt last, std::string_view prefix) {
    for (auto it = first; it != last; ++it) {
        if (starts_with_ci(it->text, prefix)) return it;
    }
    return last;
}

// The labelled value starting at `at`, continued on following lines up to `end`.
std::string labelled_value(LineIt at, LineIt end, std::string_view label) {
    return std::string(trim(std::string_view(join_lines(at, end)).substr(label.size())));
}

bool read_structured(LineIt first, LineIt last, Letter& letter) {
    LineIt states = find_line(first, last, kStatesLabel);
    LineIt specialty = find_line(first, last, kSpecialtyLabel);
    if (states == last && specialty == last) return false;
    if (states != last) {
        LineIt end = specialty > states ? specialty : last;
        letter.licensure_states = split_list(labelled_value(states, end, kStatesLabel), ',');
    }
    if (specialty != last) {
        LineIt end = states > specialty ? states : last;
        letter.specialties = split_list(labelled_value(specialty, end, kSpecialtyLabel), ',');
    }
    return true;
}

std::string strip_prefix(std::string s, std::initializer_list<std::string_view> prefixes) {
    for (auto p : prefixes) {
        if (starts_with_ci(s, p)) return std::string(trim(std::string_view(s).substr(p.size())));
    }
    return s;
}

void read_narrative(LineIt first, LineIt last, Letter& letter) {
    static const std::regex sentence(
        R"(expert reviewer is (.+?),? and is licensed to practice in ([A-Z][A-Za-z ,]*?)\.)",
        std::regex::icase);
    static const std::regex subspecialty(R"(,? (?:has|with) a subspecialty in )", std::regex::icase);
    std::string text = join_lines(first, last);
    std::smatch m;
    if (!std::regex_search(text, m, sentence)) return;
    std::string credential = m[1].str();
    for (std::sregex_token_iterator it(credential.begin(), credential.end(), subspecialty, -1), end;
         it != end; ++it) {
        std::string s = strip_prefix(it->str(), {"Board Certified in ", "Board Certified ",
                                                  "certified in ", "licensed in "});
        if (!s.empty()) letter.specialties.push_back(s);
    }
    std::string states = std::regex_replace(m[2].str(), std::regex(" and "), ",");
    letter.licensure_states = split_list(states, ',');
}

}  // namespace

void read_credentials(LineIt first, LineIt last, Letter& letter) {
    if (!read_structured(first, last, letter)) read_narrative(first, last, letter);
}

}  // namespace imr::detail
