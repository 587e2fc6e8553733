#include "word_match.h"

#include <algorithm>

#include <re2/re2.h>

#include <stdexcept>

namespace imr::detail {

Rule rule(std::string value, const std::vector<std::string>& words) {
    std::string alternatives;
    for (const auto& w : words) {
        if (!alternatives.empty()) alternatives += '|';
        alternatives += w;
    }
    return {std::move(value), std::move(alternatives)};
}

re2::RE2::Options pattern_options() {
    re2::RE2::Options o;
    o.set_case_sensitive(false);
    o.set_log_errors(false);
    // Enough for the largest vocabulary's DFA (medications) with room to spare.
    o.set_max_mem(64 << 20);
    return o;
}

bool found(const re2::RE2& pattern, std::string_view text) {
    return re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), pattern);
}

Rules::Rules(std::initializer_list<Rule> rules)
    : rules_(rules), set_(std::make_unique<re2::RE2::Set>(pattern_options(), re2::RE2::UNANCHORED)) {
    for (const auto& r : rules_) {
        // Word boundaries by hand: \b treats '-' and '/' as boundaries, which is what we
        // want, but not digits next to letters ("L5-S1"), which the patterns spell out.
        std::string error;
        if (set_->Add("(?:^|[^A-Za-z0-9])(?:" + r.words + ")(?:$|[^A-Za-z0-9])", &error) < 0) {
            throw std::logic_error("vocabulary rule '" + r.value + "': " + error);
        }
    }
    if (!set_->Compile()) throw std::logic_error("vocabulary rules: out of memory compiling them");
}

Rules::~Rules() = default;

std::vector<int> Rules::matching(std::string_view text) const {
    std::vector<int> found;
    set_->Match(re2::StringPiece(text.data(), text.size()), &found);
    std::sort(found.begin(), found.end());
    return found;
}

std::string first_match(const Rules& rules, std::string_view text) {
    std::vector<int> found = rules.matching(text);
    return found.empty() ? std::string() : rules.value(found.front());
}

std::vector<std::string> all_matches(const Rules& rules, std::string_view text) {
    std::vector<std::string> out;
    for (int i : rules.matching(text)) out.push_back(rules.value(i));
    return out;
}

}  // namespace imr::detail
