// Internal: case-insensitive whole-word matching against small vocabularies,
// shared by the recognisers. Patterns are ECMAScript regexes compiled once.
#pragma once

#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace imr::detail {

struct Rule {
    std::string value;
    std::regex pattern;
};

// A rule matching any of `words` (regex alternatives) as whole words, ignoring case.
Rule rule(std::string value, const std::vector<std::string>& words);

// The value of the first rule matching `text`, or "".
std::string first_match(const std::vector<Rule>& rules, std::string_view text);

// The values of every rule matching `text`, in rule order.
std::vector<std::string> all_matches(const std::vector<Rule>& rules, std::string_view text);

}  // namespace imr::detail
