#include <algorithm>

#include "imr/analyzers.h"
#include "imr/error.h"
#include "imr/text.h"
#include "parser_parts.h"
#include "word_match.h"

namespace imr {

namespace {

using detail::LineIt;

constexpr std::string_view kHowMade = "HOW THE IMR FINAL DETERMINATION WAS MADE";
constexpr std::string_view kSummary = "CLINICAL CASE SUMMARY";
constexpr std::string_view kIssues = "IMR ISSUES, DECISIONS AND RATIONALES";
constexpr std::string_view kSummaryIntro = "including all medical records:";
constexpr std::string_view kItemsIntro = "set forth below:";

LineIt find_heading(LineIt first, LineIt last, std::string_view heading) {
    return std::find_if(first, last, [&](const Line& l) { return detail::starts_with_ci(l.text, heading); });
}

std::string stem_of(const std::string& source) {
    size_t slash = source.find_last_of('/');
    std::string name = slash == std::string::npos ? source : source.substr(slash + 1);
    size_t dot = name.find_last_of('.');
    return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

std::string summary_text(LineIt first, LineIt last) {
    std::string text = join_lines(first, last);
    size_t intro = text.find(kSummaryIntro);
    if (intro != std::string::npos && intro < 300) text.erase(0, intro + kSummaryIntro.size());
    return std::string(detail::trim(text));
}

// The items section starts after its heading and the sentence introducing it.
LineIt items_start(LineIt issues, LineIt last) {
    for (auto it = issues; it != last && it - issues < 4; ++it) {
        if (it->text.find(kItemsIntro) != std::string::npos) return it + 1;
    }
    return issues == last ? last : issues + 1;
}

void read_patient(const std::string& summary, Letter& letter) {
    static const re2::RE2 age(R"((\d{1,3})[- ]years?[- ]old)", detail::pattern_options());
    static const re2::RE2 sex(R"(\b(male|female|man|woman|gentleman|lady)\b)", detail::pattern_options());
    if (auto m = detail::find_first(age, summary)) letter.patient_age = std::stoi((*m)[0]);
    if (auto m = detail::find_first(sex, summary)) {
        char c = static_cast<char>(std::tolower(static_cast<unsigned char>((*m)[0][0])));
        letter.patient_sex = (c == 'f' || c == 'w' || c == 'l') ? "female" : "male";
    }
}

}  // namespace

Letter parse_letter(std::string_view text, const std::string& source, bool paged) {
    Letter letter;
    letter.source = source;
    letter.stem = stem_of(source);
    letter.paged = paged;

    const std::vector<Line> lines = clean_lines(normalise_nfkc(text));
    if (lines.empty()) throw input_error(source, "no text");
    LineIt how = find_heading(lines.begin(), lines.end(), kHowMade);
    LineIt summary = find_heading(lines.begin(), lines.end(), kSummary);
    LineIt issues = find_heading(lines.begin(), lines.end(), kIssues);

    // Sections are read only in their template order; a heading out of place (a damaged or
    // foreign text) leaves the parts it would bound empty rather than a range turned inside out.
    if (how != lines.end()) detail::read_header(lines.begin(), how, letter);
    LineIt credentials = how == lines.end() ? lines.begin() : how;
    if (summary != lines.end() && credentials <= summary && (issues == lines.end() || summary < issues)) {
        detail::read_credentials(credentials, summary, letter);
        letter.case_summary = summary_text(summary + 1, issues);
        read_patient(letter.case_summary, letter);
    }
    LineIt items = issues == lines.end() ? lines.begin() : items_start(issues, lines.end());
    letter.decisions = detail::read_decisions(items, lines.end(), source);
    if (letter.decisions.empty()) {
        throw input_error(source, "no disputed item found (no 'Claims Administrator guideline:' block); "
                                  "is this an IMR final determination letter?");
    }
    return letter;
}

}  // namespace imr
