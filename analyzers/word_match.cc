#include "word_match.h"

namespace imr::detail {

Rule rule(std::string value, const std::vector<std::string>& words) {
    std::string alternatives;
    for (const auto& w : words) {
        if (!alternatives.empty()) alternatives += '|';
        alternatives += w;
    }
    // Word boundaries by hand: \b treats '-' and '/' as boundaries, which is what we
    // want, but not digits next to letters ("L5-S1"), which the patterns spell out.
    return {std::move(value),
            std::regex("(^|[^A-Za-z0-9])(" + alternatives + ")(?=$|[^A-Za-z0-9])",
                       std::regex::icase | std::regex::optimize)};
}

std::string first_match(const std::vector<Rule>& rules, std::string_view text) {
    for (const auto& r : rules) {
        if (std::regex_search(text.begin(), text.end(), r.pattern)) return r.value;
    }
    return "";
}

std::vector<std::string> all_matches(const std::vector<Rule>& rules, std::string_view text) {
    std::vector<std::string> out;
    for (const auto& r : rules) {
        if (std::regex_search(text.begin(), text.end(), r.pattern)) out.push_back(r.value);
    }
    return out;
}

}  // namespace imr::detail
