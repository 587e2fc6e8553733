#include "imr/letter_generator.h"

#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "imr/analyzers.h"
#include "imr/error.h"
#include "imr/text.h"

namespace imr::bench {

namespace {

namespace fs = std::filesystem;

constexpr double kUpheldShare = 0.89;
constexpr double kHeaderTemplateShare = 0.8;  // the 2016 template; the rest like the seeds
constexpr size_t kMaxItems = 20;
constexpr size_t kLineWidth = 95;

std::vector<std::string> sentences_of(const std::string& text) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
    std::vector<std::string> out;
    if (U_FAILURE(status)) return {text};
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    it->setText(u);
    for (int32_t start = it->first(), end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
        std::string s;
        u.tempSubStringBetween(start, end).toUTF8String(s);
        while (!s.empty() && s.back() == ' ') s.pop_back();
        if (s.size() > 20) out.push_back(std::move(s));
    }
    return out;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

template <typename T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
}

// Text wrapped at kLineWidth, as the letters are.
std::string wrapped(const std::string& text) {
    std::string out, line;
    std::istringstream words(text);
    std::string w;
    while (words >> w) {
        if (!line.empty() && line.size() + 1 + w.size() > kLineWidth) {
            out += line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + w;
    }
    if (!line.empty()) out += line + "\n";
    return out;
}

std::string joined(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

std::string date(std::mt19937_64& rng, int year) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", std::uniform_int_distribution<int>(1, 12)(rng),
                  std::uniform_int_distribution<int>(1, 28)(rng), year);
    return buf;
}

std::string paragraph(std::mt19937_64& rng, const std::vector<std::string>& pool, size_t sentences) {
    std::string out;
    for (size_t i = 0; i < sentences && !pool.empty(); ++i) out += (out.empty() ? "" : " ") + pick(rng, pool);
    return out;
}

// The header block as pdftotext gives it: labels in a run, then values in a run.
std::string header(std::mt19937_64& rng, const std::string& case_number, int year) {
    return "Case Number:\nDate Assigned:\nDecision Date:\nPriority:\n\n" + case_number + "\n" + date(rng, year) +
           "\n" + date(rng, year) + "\nStandard\n\nDate of Injury:\nUR Denial Date:\nApplication\nReceived:\n\n" +
           date(rng, year - std::uniform_int_distribution<int>(1, 8)(rng)) + "\n" + date(rng, year) + "\n" +
           date(rng, year) + "\n\n";
}

std::string credentials(std::mt19937_64& rng, const LetterModel& m, bool structured) {
    const auto& specialties = pick(rng, m.specialties);
    const auto& states = pick(rng, m.states);
    std::string intro =
        "HOW THE IMR FINAL DETERMINATION WAS MADE\n"
        "MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no\n"
        "affiliation with the employer, employee, providers or the claims administrator. He/she has been\n"
        "in active clinical practice for more than five years and is currently working at least 24 hours a\n"
        "week in active practice.\n";
    if (structured) {
        return intro + "The Expert Reviewer has the following credentials:\nState(s) of Licensure: " +
               joined(states, ",") + "\nCertification(s)/Specialty: " + joined(specialties, ", ") + "\n";
    }
    return intro + wrapped("The expert reviewer is Board Certified in " + specialties.front() +
                           " and is licensed to practice in " + (states.empty() ? "California" : states.front()) + ".");
}

}  // namespace

LetterModel LetterModel::from_folder(const fs::path& folder) {
    LetterModel m;
    for (const auto& e : fs::recursive_directory_iterator(folder)) {
        if (!e.is_regular_file() || e.path().extension() != ".txt") continue;
        Letter l;
        try {
            l = parse_letter(decode_text(read_file(e.path()), e.path().string()), e.path().string());
        } catch (const Error&) {
            continue;
        }
        m.items_per_letter.push_back(std::min(l.decisions.size(), kMaxItems));
        if (!l.specialties.empty()) m.specialties.push_back(l.specialties);
        if (!l.licensure_states.empty()) m.states.push_back(l.licensure_states);
        auto summary = sentences_of(l.case_summary);
        m.summary_lengths.push_back(summary.size());
        m.summary_sentences.insert(m.summary_sentences.end(), summary.begin(), summary.end());
        for (const auto& d : l.decisions) {
            std::string category = treatment_category(d.title);
            m.categories.push_back(category);
            CategoryModel& c = m.by_category[category];
            c.items.push_back({d.title, d.claims_guideline, d.reviewer_guideline});
            // The closing sentence names the item; the generator writes its own.
            auto sentences = sentences_of(d.rationale);
            if (sentences.size() > 1) sentences.pop_back();
            c.rationale_lengths.push_back(sentences.size() + 1);
            auto& pool = c.sentences[to_string(d.outcome)];
            pool.insert(pool.end(), sentences.begin(), sentences.end());
        }
    }
    if (m.categories.empty() || m.specialties.empty()) {
        throw Error(ErrorKind::bad_usage, folder.string() + ": no letters to model the corpus on");
    }
    return m;
}

std::string LetterGenerator::file_name(std::uint64_t index) const {
    char buf[48];
    std::snprintf(buf, sizeof buf, "CM%02u-%07llu.txt", static_cast<unsigned>(16 + (index / 10000000) % 10),
                  static_cast<unsigned long long>(index % 10000000));
    return buf;
}

std::string LetterGenerator::letter(std::uint64_t index, size_t* decisions) const {
    std::mt19937_64 rng(seed_ * 0x9E3779B97F4A7C15ull + index);
    const LetterModel& m = model_;
    std::string case_number = file_name(index).substr(0, 12);
    bool structured = std::bernoulli_distribution(kHeaderTemplateShare)(rng);
    int year = 2013 + static_cast<int>(index % 5);

    std::string text = structured ? header(rng, case_number, year) : "";
    text += credentials(rng, m, structured);
    text += "CLINICAL CASE SUMMARY\nThe expert reviewer developed the following clinical case summary based on a review of the\n"
            "case file, including all medical records:\n";
    text += wrapped(paragraph(rng, m.summary_sentences, std::max<size_t>(3, pick(rng, m.summary_lengths))));
    text += "IMR ISSUES, DECISIONS AND RATIONALES\n"
            "The Final Determination was based on decisions for the disputed items/services set forth below:\n";

    size_t items = pick(rng, m.items_per_letter);
    for (size_t i = 0; i < items; ++i) {
        const std::string& category = pick(rng, m.categories);
        const CategoryModel& c = m.by_category.at(category);
        const ItemModel& item = pick(rng, c.items);
        bool upheld = std::bernoulli_distribution(kUpheldShare)(rng);
        const char* outcome = upheld ? "upheld" : "overturned";
        auto pool = c.sentences.find(outcome);
        if (pool == c.sentences.end() || pool->second.empty()) pool = c.sentences.begin();
        std::string rationale = paragraph(rng, pool->second, std::max<size_t>(1, pick(rng, c.rationale_lengths) - 1));
        rationale += std::string(" Therefore, the request for ") + item.title + (upheld ? " is not" : " is") +
                     " medically necessary.";
        text += item.title + (upheld ? ": Upheld\n" : ": Overturned\n");
        text += wrapped("Claims Administrator guideline: " + item.claims_guideline);
        text += wrapped("MAXIMUS guideline: " + item.reviewer_guideline);
        text += wrapped("Decision rationale: " + rationale);
    }
    if (decisions) *decisions = items;
    return text;
}

}  // namespace imr::bench
