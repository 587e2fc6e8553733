// Reviewer specialties as one canonical spelling each, so that a facet counts
// "Physical Medicine & Rehabilitation" and "Physical Medicine and
// Rehabilitation" together.
#include <regex>
#include <sstream>

#include "imr/edit_distance.h"

#include "imr/analyzers.h"
#include "parser_parts.h"

namespace imr {

namespace {

// Words of the specialties reviewers hold (the ABMS boards, chiropractic, acupuncture, pain
// management). A word of a letter one letter away from exactly one of them, and in none, is
// that word misspelt ("Sports Medicinea").
const std::vector<std::string>& specialty_words() {
    static const std::vector<std::string> words = {
        "Acupuncture", "Addiction", "Allergy", "Anesthesiology", "Cardiology", "Care", "Chiropractic",
        "Chiropractor", "Clinical", "Critical", "Dermatology", "Disease", "Diseases", "Electrodiagnostic",
        "Emergency", "Endocrinology", "Family", "Gastroenterology", "General", "Geriatric", "Gynecology", "Hand",
        "Health", "Hospice", "Immunology", "Infectious", "Internal", "Interventional", "Management", "Medical",
        "Medicine", "Nephrology", "Neurological", "Neurology", "Neuromuscular", "Neurophysiology", "Neurosurgery",
        "Nuclear", "Obstetrics", "Occupational", "Oncology", "Ophthalmology", "Orthopedic", "Orthopaedic",
        "Osteopathic", "Otolaryngology", "Pain", "Palliative", "Pathology", "Pediatric", "Pediatrics", "Physical",
        "Plastic", "Podiatry", "Podiatric", "Practice", "Preventive", "Psychiatry", "Psychology", "Public",
        "Pulmonary", "Radiology", "Rehabilitation", "Rheumatology", "Spine", "Sports", "Surgery", "Surgical",
        "Thoracic", "Toxicology", "Urology", "Vascular"};
    return words;
}

std::string folded_word(const std::string& word) {
    if (word.size() < 5) return word;
    const std::string* near = nullptr;
    for (const auto& w : specialty_words()) {
        if (w == word) return word;
        if (edit_distance(w, word) == 1) {
            if (near) return word;  // one letter from two words: no telling which
            near = &w;
        }
    }
    return near ? *near : word;
}

std::string with_words_folded(const std::string& s) {
    std::istringstream words(s);
    std::string out;
    for (std::string w; words >> w;) {
        if (!out.empty()) out += ' ';
        out += folded_word(w);
    }
    return out;
}

}  // namespace

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
    return with_words_folded(s);
}

}  // namespace imr
