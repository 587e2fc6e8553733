// Reviewer specialties as one canonical spelling each, so that a facet counts
// "Physical Medicine & Rehabilitation" and "Physical Medicine and
// Rehabilitation" together.
#include <regex>

#include "imr/analyzers.h"
#include "parser_parts.h"

namespace imr {

std::string canonical_specialty(std::string_view specialty) {
    std::string s(detail::trim(specialty));
    static const std::regex ampersand(R"(\s*&\s*)");
    static const std::regex spaces(R"(\s+)");
    static const std::regex preventative(R"(\bPreventative\b)", std::regex::icase);
    static const std::regex trailing(R"([\s.,;]+$)");
    s = std::regex_replace(s, ampersand, " and ");
    s = std::regex_replace(s, preventative, "Preventive");
    s = std::regex_replace(s, spaces, " ");
    s = std::regex_replace(s, trailing, "");
    return s;
}

}  // namespace imr
