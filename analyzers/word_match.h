// Internal: the recognisers' pattern matching, all of it RE2 (std::regex, one backtracking
// search per rule, was a quarter of the indexer's time). Case-insensitive whole-word matching
// against small vocabularies, each one RE2::Set: a single linear-time pass over the text
// finds every rule that matches; and single patterns with their groups.
#pragma once

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/set.h>

namespace imr::detail {

struct Rule {
    std::string value;
    std::string words;  // RE2 alternatives, "mri|magnetic resonance"
};

// A rule matching any of `words` (regex alternatives, RE2 syntax) as whole words, ignoring case.
Rule rule(std::string value, const std::vector<std::string>& words);

class Rules {
public:
    Rules(std::initializer_list<Rule> rules);
    ~Rules();
    Rules(const Rules&) = delete;
    Rules& operator=(const Rules&) = delete;

    // Indexes of the rules matching `text`, in rule order.
    std::vector<int> matching(std::string_view text) const;
    const std::string& value(int i) const { return rules_[static_cast<size_t>(i)].value; }

private:
    std::vector<Rule> rules_;
    std::unique_ptr<re2::RE2::Set> set_;
};

// Options for every pattern of the analyzers: case ignored.
re2::RE2::Options pattern_options();

// Whether `pattern` matches anywhere in `text`.
bool found(const re2::RE2& pattern, std::string_view text);

// The capturing groups of one match, 1..n; "" for a group that took no part.
using Groups = std::vector<std::string>;

// Every non-overlapping match of `pattern` in `text`, left to right.
std::vector<Groups> find_all(const re2::RE2& pattern, std::string_view text);

// The leftmost match of `pattern` in `text`, if any.
std::optional<Groups> find_first(const re2::RE2& pattern, std::string_view text);

// The leftmost match of `pattern` whose last group took no part. RE2 has no lookahead:
// that group spells what must not follow, and a match it takes part in is tried again a
// character further on. The groups returned leave it out.
std::optional<Groups> find_first_not_followed(const re2::RE2& pattern, std::string_view text);

// The value of the first rule matching `text`, or "".
std::string first_match(const Rules& rules, std::string_view text);

// The values of every rule matching `text`, in rule order.
std::vector<std::string> all_matches(const Rules& rules, std::string_view text);

}  // namespace imr::detail
