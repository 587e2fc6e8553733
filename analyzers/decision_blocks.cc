// The items section: one block per disputed item,
//
//   <heading ending in ": Upheld" or ": Overturned", possibly wrapped>
//   Claims Administrator guideline: ...
//   MAXIMUS guideline: ...
//   Decision rationale: ...
//
// Each "Claims Administrator guideline:" line anchors one block. The heading is
// found by walking back from the anchor to the end of the previous rationale,
// which ends a sentence; a partial authorisation's heading spans sentences of
// its own ("X was the original request. Y was authorized ... The remaining IMR
// eligible portion of the original request, Z is: Upheld") and is walked back
// until its first sentence is in.
#include <regex>

#include "imr/error.h"
#include "parser_parts.h"

namespace imr::detail {

namespace {

constexpr std::string_view kClaimsLabel = "Claims Administrator guideline:";
constexpr std::string_view kReviewerLabel = "MAXIMUS guideline:";
constexpr std::string_view kRationaleLabel = "Decision rationale:";
constexpr std::string_view kOriginalRequest = "was the original request";

// Longest heading seen in the corpus is four lines; partial authorisations run to eight.
// The bound keeps a rationale that ends without a full stop out of the next heading.
constexpr long kMaxHeadingLines = 10;

bool ends_sentence(std::string_view s) {
    s = trim(s);
    while (!s.empty() && (s.back() == '"' || s.back() == ')' || s.back() == '\'')) s.remove_suffix(1);
    if (s.empty()) return false;
    char c = s.back();
    return c == '.' || c == '!' || c == '?' || s.ends_with("set forth below:");
}

bool is_partial(std::string_view heading) {
    return heading.find("IMR eligible") != std::string_view::npos ||
           heading.find("authorized by the Claims Administrator") != std::string_view::npos ||
           heading.find("Claims Administrator authorized") != std::string_view::npos;
}

LineIt heading_start(LineIt lower, LineIt anchor) {
    LineIt start = anchor - 1;
    while (start > lower && !ends_sentence((start - 1)->text) && anchor - start < kMaxHeadingLines) --start;
    std::string heading = join_lines(start, anchor);
    if (is_partial(heading)) {
        while (heading.find(kOriginalRequest) == std::string::npos && start > lower &&
               anchor - start < kMaxHeadingLines) {
            --start;
            heading = join_lines(start, anchor);
        }
    }
    return start;
}

LineIt find_label(LineIt first, LineIt last, std::string_view label) {
    for (auto it = first; it != last; ++it) {
        if (starts_with_ci(it->text, label)) return it;
    }
    return last;
}

std::string labelled_text(LineIt first, LineIt last, std::string_view label) {
    if (first == last) return "";
    return std::string(trim(std::string_view(join_lines(first, last)).substr(label.size())));
}

std::string clean_title(std::string s) {
    std::string_view v = trim(s);
    while (!v.empty() && (v.back() == ':' || v.back() == ',')) v = trim(v.substr(0, v.size() - 1));
    return std::string(v);
}

// Splits the outcome off a heading; false when the heading names none.
bool take_outcome(std::string& heading, Outcome& outcome) {
    static const std::regex tail(R"(^(.*?)[\s:]*\b(upheld|overturned)\.?$)", std::regex::icase);
    std::smatch m;
    if (!std::regex_match(heading, m, tail)) return false;
    outcome = (m[2].str()[0] == 'u' || m[2].str()[0] == 'U') ? Outcome::upheld : Outcome::overturned;
    heading = clean_title(m[1].str());
    return true;
}

void read_partial(Decision& d) {
    static const std::regex original(R"(^(.*?) was the original request\.?\s*(.*)$)", std::regex::icase);
    static const std::regex authorised_by(R"(^(.*?) was authorized by the Claims Administrator\.?\s*(.*)$)",
                                          std::regex::icase);
    static const std::regex ca_authorised(
        R"(^The Claims Administrator authorized (.*?),? leaving the original request IMR eligible\.?\s*(.*)$)",
        std::regex::icase);
    static const std::regex remaining(R"(original request,\s*(.*?),?\s*(?:is)?$)", std::regex::icase);
    std::smatch m;
    if (!std::regex_match(d.heading, m, original)) return;
    d.original_request = clean_title(m[1].str());
    std::string rest = m[2].str();
    if (std::regex_match(rest, m, authorised_by) || std::regex_match(rest, m, ca_authorised)) {
        d.authorised = clean_title(m[1].str());
        rest = m[2].str();
    }
    d.title = std::regex_search(rest, m, remaining) ? clean_title(m[1].str()) : d.original_request;
}

struct Block {
    LineIt heading, claims, reviewer, rationale, end;
};

Decision decision_from(const Block& b, int ordinal, const std::string& source) {
    Decision d;
    d.ordinal = ordinal;
    d.heading = join_lines(b.heading, b.claims);
    std::string where = source + ": item " + std::to_string(ordinal);
    if (!take_outcome(d.heading, d.outcome)) {
        throw input_error(where, "heading '" + d.heading + "' names no outcome (Upheld or Overturned)");
    }
    d.title = d.heading;
    read_partial(d);
    if (b.rationale == b.end) throw input_error(where, "'" + d.title + "' has no decision rationale");
    d.claims_guideline = labelled_text(b.claims, b.reviewer, kClaimsLabel);
    d.reviewer_guideline = labelled_text(b.reviewer, b.rationale, kReviewerLabel);
    d.rationale = labelled_text(b.rationale, b.end, kRationaleLabel);
    if (d.rationale.empty()) throw input_error(where, "'" + d.title + "' has an empty decision rationale");
    d.heading_pages = {b.heading->page, (b.claims - 1)->page};
    d.rationale_pages = {b.rationale->page, (b.end - 1)->page};
    return d;
}

}  // namespace

std::vector<Decision> read_decisions(LineIt first, LineIt last, const std::string& source) {
    std::vector<LineIt> anchors;
    for (auto it = first; it != last; ++it) {
        if (starts_with_ci(it->text, kClaimsLabel)) anchors.push_back(it);
    }
    std::vector<Block> blocks;
    LineIt lower = first;
    for (size_t k = 0; k < anchors.size(); ++k) {
        LineIt anchor = anchors[k];
        if (anchor == lower) {
            throw input_error(source, "a 'Claims Administrator guideline:' block has no item heading before it");
        }
        Block b;
        b.heading = heading_start(lower, anchor);
        b.claims = anchor;
        if (!blocks.empty()) blocks.back().end = b.heading;
        blocks.push_back(b);
        // The next heading stands after this block's rationale label, when it has one.
        LineIt next = k + 1 < anchors.size() ? anchors[k + 1] : last;
        LineIt rationale = find_label(anchor, next, kRationaleLabel);
        lower = rationale == next ? anchor + 1 : rationale + 1;
    }
    if (!blocks.empty()) blocks.back().end = last;

    std::vector<Decision> decisions;
    for (auto& b : blocks) {
        b.rationale = find_label(b.claims, b.end, kRationaleLabel);
        b.reviewer = find_label(b.claims, b.rationale, kReviewerLabel);
        decisions.push_back(decision_from(b, static_cast<int>(decisions.size()) + 1, source));
    }
    return decisions;
}

}  // namespace imr::detail
