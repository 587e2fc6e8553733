// Reviewer specialties as one canonical spelling each, so that a facet counts
// "Physical Medicine & Rehabilitation" and "Physical Medicine and
// Rehabilitation" together.
#include <cctype>
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
        // One edit apart is at most one letter longer or shorter.
        if (w.size() + 1 < word.size() || word.size() + 1 < w.size()) continue;
        if (edit_distance(w, word) == 1) {
            if (near) return word;  // one letter from two words: no telling which
            near = &w;
        }
    }
    return near ? *near : word;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// "Preventative" as a whole word, in any case, spelt "Preventive".
std::string preventive(const std::string& word) {
    static const std::string wrong = "preventative";
    std::string out;
    size_t i = 0;
    while (i < word.size()) {
        const bool whole = i + wrong.size() <= word.size() && (i == 0 || !word_char(word[i - 1])) &&
                           (i + wrong.size() == word.size() || !word_char(word[i + wrong.size()])) &&
                           std::equal(wrong.begin(), wrong.end(), word.begin() + static_cast<long>(i),
                                      [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
        if (whole) {
            out += "Preventive";
            i += wrong.size();
        } else {
            out += word[i++];
        }
    }
    return out;
}

// The words of `s` (split at white space, so runs of it are one space), each folded.
std::string with_words_folded(const std::string& s) {
    std::istringstream words(s);
    std::string out;
    for (std::string w; words >> w;) {
        if (!out.empty()) out += ' ';
        out += folded_word(preventive(w));
    }
    return out;
}

}  // namespace

std::string canonical_specialty(std::string_view specialty) {
    std::string_view s = detail::trim(specialty);
    while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.back())) || s.back() == '.' || s.back() == ',' || s.back() == ';'))
        s.remove_suffix(1);
    std::string spaced;  // "&" as " and ", its spaces joined by the word split
    for (char c : s) {
        if (c == '&') spaced += " and ";
        else spaced += c;
    }
    return with_words_folded(spaced);
}

}  // namespace imr
