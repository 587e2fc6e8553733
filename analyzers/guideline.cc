// Guideline citations: "Decision based on MTUS Chronic Pain Medical Treatment
// 2016, Section(s): Physical medicine treatment." or, in older letters,
// "... MUSCLE RELAXANTS (FOR PAIN) Page(s): 63-64."
#include <algorithm>

#include "imr/analyzers.h"
#include "parser_parts.h"
#include "word_match.h"

namespace imr {

namespace {

// A page range wider than this is a typo or a chapter, not pages to list one by one.
constexpr int kMaxPageRange = 20;

void add_unique(std::vector<std::string>& v, std::string s) {
    if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

std::vector<std::string> sources_of(std::string_view text) {
    static const re2::RE2 none(R"(did not (?:cite|base their decision on) any medical evidence)",
                               detail::pattern_options());
    static const re2::RE2 non_mtus(R"(Non-MTUS Citation|outside of the MTUS)", detail::pattern_options());
    // "Non-MTUS" and "outside of the MTUS" name the MTUS only to say it was not relied on.
    static const re2::RE2 not_mtus(R"(Non-MTUS|outside of the MTUS|did not base their decision on the MTUS)",
                                   detail::pattern_options());
    std::string relied_on(text);
    re2::RE2::GlobalReplace(&relied_on, not_mtus, " ");
    std::vector<std::string> sources = guideline_sources_named(relied_on);
    if (detail::found(none, text)) return {"none"};
    // A non-MTUS citation other than ODG and ACOEM is "other" (UpToDate, journal articles).
    static const re2::RE2 citation(R"(Non-MTUS Citation\s+([^.]*))", detail::pattern_options());
    for (const auto& m : detail::find_all(citation, text)) {
        const std::string& cited = m[0];
        if (guideline_sources_named(cited).empty() && cited.find("not specified") == std::string::npos)
            add_unique(sources, "other");
    }
    if (sources.empty() && detail::found(non_mtus, text)) sources.push_back("other");
    if (sources.empty() && !detail::trim(text).empty()) sources.push_back("other");
    if (sources.empty()) sources.push_back("none");
    return sources;
}

std::vector<std::string> pages_of(std::string_view text) {
    static const re2::RE2 label(R"(Page\(s\):\s*([0-9][0-9,\-\s]*(?:and\s+[0-9]+)?))", detail::pattern_options());
    static const re2::RE2 number_or_range(R"((\d+)(?:\s*-\s*(\d+))?)");
    std::vector<std::string> pages;
    for (const auto& list : detail::find_all(label, text)) {
        for (const auto& n : detail::find_all(number_or_range, list[0])) {
            int from = std::stoi(n[0]);
            int to = n[1].empty() ? from : std::stoi(n[1]);
            if (to < from || to - from > kMaxPageRange) to = from;
            for (int p = from; p <= to; ++p) add_unique(pages, std::to_string(p));
        }
    }
    return pages;
}

// Numbered MTUS sections come as a list: "3.3.7.2 Opioids ..., 3.3.9 Opioids ...": the
// list's items, split at each comma that a section number follows.
std::vector<std::string_view> numbered_items(std::string_view list) {
    static const re2::RE2 section_number(R"(\s*\d+(?:\.\d+)+\s)");
    std::vector<std::string_view> items;
    size_t start = 0;
    for (size_t comma = list.find(','); comma != std::string_view::npos; comma = list.find(',', comma + 1)) {
        re2::StringPiece rest(list.data() + comma + 1, list.size() - comma - 1);
        if (!re2::RE2::Consume(&rest, section_number)) continue;
        items.push_back(list.substr(start, comma - start));
        start = comma + 1;
    }
    items.push_back(list.substr(start));
    return items;
}

// "Section(s): Special Studies, and Forearm ..." : the section name ends at the next
// chapter (", and "), the next citation ("Decision based") or the end of the sentence.
std::vector<std::string> sections_of(std::string_view text) {
    static const re2::RE2 label(R"(Section\(s\):\s*(.+?)(?:,\s*and\s|\.\s+Decision based|\.\s*$|\.\s+[A-Z]))",
                                detail::pattern_options());
    std::vector<std::string> sections;
    for (const auto& m : detail::find_all(label, text)) {
        for (std::string_view item : numbered_items(m[0])) add_unique(sections, std::string(detail::trim(item)));
    }
    return sections;
}

std::vector<std::string> editions_of(std::string_view text) {
    static const re2::RE2 year(
        R"(\b(?:Treatment|Complaints|Disorders|Approaches|Conditions|Consultations|Function|Guidelines)\s+((?:19|20)\d\d)\b)",
        detail::pattern_options());
    std::vector<std::string> editions;
    for (const auto& m : detail::find_all(year, text)) add_unique(editions, m[0]);
    return editions;
}

std::string basis_of(const std::vector<std::string>& sources) {
    if (std::find(sources.begin(), sources.end(), "mtus") != sources.end()) return "mtus";
    if (sources == std::vector<std::string>{"none"}) return "none-cited";
    return "outside-mtus";
}

}  // namespace

std::vector<std::string> guideline_sources_named(std::string_view text) {
    using detail::rule;
    static const detail::Rules rules = {
        rule("mtus", {"mtus", "9792\\.\\d+(\\.\\d+)?"}),
        rule("acoem", {"acoem"}),
        rule("odg", {"odg", "official disability guidelines?"}),
    };
    return detail::all_matches(rules, text);
}

std::vector<std::string> guideline_chapters_named(std::string_view text) {
    using detail::rule;
    static const detail::Rules rules = {
        rule("Chronic Pain Medical Treatment", {"chronic pain( medical)? treatment"}),
        rule("Acupuncture Medical Treatment", {"acupuncture( medical)? treatment"}),
        rule("Low Back Complaints", {"low back complaints", "low back disorders"}),
        rule("Neck and Upper Back Complaints", {"neck and upper back complaints", "neck and upper back"}),
        rule("Shoulder Complaints", {"shoulder complaints", "shoulder disorders"}),
        rule("Elbow Disorders", {"elbow (disorders|complaints)"}),
        rule("Forearm, Wrist, and Hand Complaints", {"forearm, wrist,? and hand( complaints)?"}),
        rule("Knee Complaints", {"knee (complaints|disorders)"}),
        rule("Ankle and Foot Complaints", {"ankle and foot( complaints)?"}),
        rule("Opioid Treatment", {"opioids? treatment"}),
        rule("General Approaches", {"general approaches"}),
        rule("Stress Related Conditions", {"stress related conditions"}),
        rule("Independent Medical Examinations and Consultations",
             {"independent medical examinations( and consultations)?"}),
        rule("Initial Approaches to Treatment", {"initial approaches to treatment"}),
        rule("Postsurgical Treatment", {"post-?surgical treatment"}),
        rule("Pain, Suffering, and the Restoration of Function", {"pain, suffering,? and the restoration of function"}),
    };
    return detail::all_matches(rules, text);
}

Citation parse_citation(std::string_view guideline_text) {
    Citation c;
    c.editions = editions_of(guideline_text);
    c.sources = sources_of(guideline_text);
    c.chapters = guideline_chapters_named(guideline_text);
    c.sections = sections_of(guideline_text);
    c.pages = pages_of(guideline_text);
    c.basis = basis_of(c.sources);
    return c;
}

}  // namespace imr
