// Every letter of the sample corpus, and the template variants the corpus README names.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <regex>

#include "imr/analyzers.h"
#include "imr/text.h"
#include "imr/error.h"
#include "test_support.h"

using namespace imr;

namespace {

size_t count_of(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

Letter parse_file(const std::string& name) {
    auto path = test::letters_dir() / "dwc-2016-2017" / name;
    return parse_letter(test::read_file(path), path.string());
}

const Decision* find_title(const Letter& l, const std::string& title) {
    for (const auto& d : l.decisions)
        if (d.title == title) return &d;
    return nullptr;
}

}  // namespace

TEST_CASE("every 2016-2017 letter parses, one decision per rationale block", "[parser][corpus]") {
    auto files = test::letter_files(test::letters_dir() / "dwc-2016-2017");
    REQUIRE(files.size() >= 150);
    size_t decisions = 0;
    for (const auto& f : files) {
        std::string text = test::read_file(f);
        Letter l = parse_letter(text, f.string());
        INFO(f.string());
        CHECK(l.decisions.size() == count_of(text, "Decision rationale:"));
        CHECK(std::regex_match(l.case_number, std::regex(R"(CM1[67]-\d{7})")));
        CHECK(l.case_number == f.stem().string());
        for (const std::string* date : {&l.date_assigned, &l.date_of_injury, &l.decision_date, &l.ur_denial_date,
                                        &l.application_received}) {
            CHECK(std::regex_match(*date, std::regex(R"(\d{4}-\d{2}-\d{2})")));
        }
        CHECK(l.priority == "Standard");
        CHECK(!l.specialties.empty());
        CHECK(!l.licensure_states.empty());
        for (const auto& d : l.decisions) {
            CHECK(!d.title.empty());
            CHECK(d.title.find("Claims Administrator guideline") == std::string::npos);
            CHECK(!d.rationale.empty());
        }
        decisions += l.decisions.size();
    }
    CHECK(decisions == 336);
}

TEST_CASE("header fields come out of separate label and value runs", "[parser][corpus]") {
    Letter l = parse_file("CM16-0213037.txt");
    CHECK(l.case_number == "CM16-0213037");
    CHECK(l.date_assigned == "2016-11-09");
    CHECK(l.decision_date == "2016-12-09");
    CHECK(l.date_of_injury == "2016-10-13");
    CHECK(l.ur_denial_date == "2016-11-03");
    CHECK(l.application_received == "2016-11-03");
    CHECK(l.licensure_states == std::vector<std::string>{"California", "North Carolina"});
    CHECK(l.specialties == std::vector<std::string>{"Family Practice"});
    CHECK(l.patient_age == 48);
    CHECK(l.patient_sex == "male");
    REQUIRE(l.decisions.size() == 2);
    CHECK(l.decisions[0].title == "MRI of the right shoulder without contrast");
    CHECK(l.decisions[0].reviewer_guideline ==
          "Decision based on MTUS Shoulder Complaints 2004, Section(s): Special Studies.");
}

TEST_CASE("an outcome alone on the line after a wrapped heading", "[parser][corpus]") {
    // "Additional physical therapy two times four visits (8) for the lumbar and bilateral knees:" / "Upheld"
    bool found = false;
    for (const auto& f : test::letter_files(test::letters_dir() / "dwc-2016-2017")) {
        std::string text = test::read_file(f);
        if (text.find("bilateral knees:\nUpheld") == std::string::npos) continue;
        Letter l = parse_letter(text, f.string());
        const Decision* d =
            find_title(l, "Additional physical therapy two times four visits (8) for the lumbar and bilateral knees");
        REQUIRE(d != nullptr);
        CHECK(d->outcome == Outcome::upheld);
        found = true;
    }
    CHECK(found);
}

TEST_CASE("a partial authorisation keeps request, authorised part and remaining portion", "[parser][corpus]") {
    Letter l = parse_file("CM16-0230651.txt");
    REQUIRE(l.decisions.size() >= 10);
    const Decision& d = l.decisions[9];
    CHECK(d.original_request == "Physical therapy to the low back eight sessions");
    CHECK(d.authorised == "Physical therapy to the low back six sessions");
    CHECK(d.title == "Physical therapy to the low back two sessions");
    CHECK(d.outcome == Outcome::upheld);

    Letter other = parse_file("CM16-0229336.txt");
    REQUIRE(!other.decisions.empty());
    CHECK(other.decisions[0].original_request ==
          "Acute inpatient rehabilitation physical therapy and occupational therapy 7-10 days for left foot fracture");
    CHECK(other.decisions[0].authorised ==
          "Skilled nursing facility for 7 days with PT/OT once a day for left foot fracture");
    CHECK(other.decisions[0].outcome == Outcome::overturned);
}

TEST_CASE("a page break inside a heading does not split the item", "[parser][corpus]") {
    // CM16-0229336: the partial authorisation heading runs over a form feed.
    std::string text = test::read_file(test::letters_dir() / "dwc-2016-2017" / "CM16-0229336.txt");
    size_t ff = text.find("leaving the original\n\n\f");
    REQUIRE(ff != std::string::npos);
    Letter l = parse_letter(text, "CM16-0229336.txt", true);
    REQUIRE(!l.decisions.empty());
    CHECK(l.decisions[0].heading_pages.first == 1);
    CHECK(l.decisions[0].heading_pages.last == 2);
    CHECK(l.decisions[0].title.find("Acute inpatient rehabilitation") == 0);
}

TEST_CASE("letters without disputed items are refused with the file named", "[parser][errors]") {
    CHECK_THROWS_WITH(parse_letter("Dear sir,\nthank you for your letter.\n", "notes/memo.txt"),
                      Catch::Contains("notes/memo.txt") && Catch::Contains("no disputed item"));
    CHECK_THROWS_AS(parse_letter("", "empty.txt"), imr::Error);
    std::string no_rationale =
        "IMR ISSUES, DECISIONS AND RATIONALES\nMRI of the knee: Upheld\n"
        "Claims Administrator guideline: Decision based on MTUS.\nMAXIMUS guideline: Decision based on MTUS.\n";
    CHECK_THROWS_WITH(parse_letter(no_rationale, "x.txt"), Catch::Contains("has no decision rationale"));
}

TEST_CASE("inputs the fuzzer found once failing parse or are refused cleanly", "[parser][fuzz]") {
    auto dir = test::data_dir().parent_path() / "fuzz" / "regressions";
    size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        INFO(e.path().string());
        std::string bytes = test::read_file(e.path());
        try {
            Letter l = parse_letter(decode_text(bytes, e.path().string()), e.path().string(), true);
            for (const auto& d : l.decisions) CHECK(!recognise(l, d).treatment.empty());
        } catch (const imr::Error& err) {
            CHECK(std::string(err.what()).find(e.path().string()) != std::string::npos);
        }
        ++n;
    }
    CHECK(n >= 1);
}

// Every item title of the corpus under the category (and class) it is filed in, one line each,
// so that a reader sees a misfile at a glance and a change of filing shows in review.
// IMR_UPDATE_GOLDEN=1 rewrites tests/golden/treatment_titles.txt.
TEST_CASE("treatment categories cover the corpus, each title filed as the golden listing says", "[recognise][corpus]") {
    size_t items = 0, other = 0, medications = 0, unclassed = 0;
    std::map<std::string, std::vector<std::string>> titles;
    for (const auto& f : test::letter_files()) {
        Letter l = parse_letter(test::read_file(f), f.string());
        for (const auto& d : l.decisions) {
            DecisionFacets facets = recognise(l, d);
            ++items;
            if (facets.treatment == "other") ++other;
            if (facets.treatment == "medication") {
                ++medications;
                if (facets.drug_class == "other-medication") ++unclassed;
            }
            titles[facets.treatment + (facets.drug_class.empty() ? "" : "/" + facets.drug_class)].push_back(d.title);
        }
    }
    double coverage = 100.0 * static_cast<double>(items - other) / static_cast<double>(items);
    WARN("treatment category coverage: " << coverage << "% of " << items << " items; " << unclassed << " of "
                                         << medications << " medications without a class");
    CHECK(coverage >= 95.0);
    std::string listing;
    for (auto& [category, list] : titles) {
        std::sort(list.begin(), list.end());
        listing += category + " (" + std::to_string(list.size()) + ")\n";
        for (const auto& t : list) listing += "    " + t + "\n";
    }
    const std::filesystem::path golden = std::filesystem::path(IMR_TESTS_DIR) / "golden" / "treatment_titles.txt";
    if (std::getenv("IMR_UPDATE_GOLDEN")) test::write_file(golden, listing);
    INFO("the filing changed: read the difference, then IMR_UPDATE_GOLDEN=1 to accept it (" << golden.string() << ")");
    CHECK(listing == test::read_file(golden));
}

TEST_CASE("partial authorisations keep requested, authorised and disputed amounts", "[recognise][corpus]") {
    Letter l = parse_file("CM16-0230651.txt");
    REQUIRE(l.decisions.size() >= 10);
    DecisionFacets f = recognise(l, l.decisions[9]);
    CHECK(f.requested.visits == 8);
    CHECK(f.authorised.visits == 6);
    CHECK(f.quantity.visits == 2);
}
