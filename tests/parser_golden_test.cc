// The five seed letters parsed to the letter: titles, outcomes, specialties and cited pages
// as a reader of the letters would write them down.
#include <catch2/catch.hpp>

#include "imr/analyzers.h"
#include "test_support.h"

using namespace imr;

namespace {

struct Expected {
    const char* stem;
    int ordinal;
    const char* title;
    Outcome outcome;
    std::vector<std::string> specialties;   // canonical
    std::vector<std::string> pages;         // the reviewer's citation
};

const std::vector<Expected> kSeeds = {
    {"000_58e21317fa2091e5", 1, "ACUPUNCTURE (3 TIMES PER WEEK FOR 4 WEEKS)", Outcome::upheld, {"Acupuncture"}, {}},
    {"001_e066e2eff228d9d9", 1, "Acupuncture 2xwk x 4 wks lumbar spine", Outcome::upheld,
     {"Physical Medicine and Rehabilitation"}, {"13"}},
    {"001_e066e2eff228d9d9", 2, "Physical therapy 2x wk x 4 wks lumbar spine", Outcome::upheld,
     {"Physical Medicine and Rehabilitation"}, {"98", "99"}},
    {"002_ff7e911861468fa8", 1, "MRI of the cervical spine", Outcome::upheld, {"Family Practice"}, {"177", "178", "179"}},
    {"002_ff7e911861468fa8", 2, "Twelve acupuncture visits", Outcome::upheld, {"Family Practice"}, {}},
    {"003_a5f95da6f992a566", 1, "Acupuncture, eight visits", Outcome::upheld,
     {"Physical Medicine and Rehabilitation", "Interventional Spine"}, {}},
    {"003_a5f95da6f992a566", 2, "Chiropractic, eight visits", Outcome::upheld,
     {"Physical Medicine and Rehabilitation", "Interventional Spine"}, {"58", "59"}},
    {"003_a5f95da6f992a566", 3, "Deep tissue massage, one visit", Outcome::overturned,
     {"Physical Medicine and Rehabilitation", "Interventional Spine"}, {"60"}},
    {"004_d5de75f73db54f04", 1, "ACUPUNCTURE TIMES 6", Outcome::overturned, {"Preventive Medicine"}, {}},
    {"004_d5de75f73db54f04", 2, "NORFLEX", Outcome::upheld, {"Preventive Medicine"}, {"63", "64"}},
};

Letter parse_seed(const std::string& stem) {
    auto path = test::seed(stem);
    return parse_letter(test::read_file(path), path.string());
}

}  // namespace

TEST_CASE("seed letters give ten decisions", "[parser][golden]") {
    size_t total = 0;
    for (const char* stem : {"000_58e21317fa2091e5", "001_e066e2eff228d9d9", "002_ff7e911861468fa8",
                             "003_a5f95da6f992a566", "004_d5de75f73db54f04"}) {
        total += parse_seed(stem).decisions.size();
    }
    CHECK(total == kSeeds.size());
}

TEST_CASE("seed decisions parse to the letter", "[parser][golden]") {
    for (const auto& e : kSeeds) {
        DYNAMIC_SECTION(e.stem << "#" << e.ordinal) {
            Letter letter = parse_seed(e.stem);
            REQUIRE(static_cast<int>(letter.decisions.size()) >= e.ordinal);
            const Decision& d = letter.decisions[e.ordinal - 1];
            CHECK(letter.decision_id(d) == std::string(e.stem) + "#" + std::to_string(e.ordinal));
            CHECK(d.title == e.title);
            CHECK(d.outcome == e.outcome);
            CHECK(recognise(letter, d).specialties == e.specialties);
            CHECK(recognise(letter, d).guideline.pages == e.pages);
            CHECK(letter.case_number.empty());
            CHECK(d.rationale.rfind("Decision rationale", 0) == std::string::npos);
            CHECK(!d.claims_guideline.empty());
            CHECK(d.reviewer_guideline.rfind("Decision based on", 0) == 0);
        }
    }
}

TEST_CASE("seed letters: narrative credentials and the patient", "[parser][golden]") {
    Letter l = parse_seed("004_d5de75f73db54f04");
    CHECK(l.specialties == std::vector<std::string>{"Preventative Medicine"});
    CHECK(l.licensure_states == std::vector<std::string>{"California"});
    CHECK(l.patient_age == 44);
    CHECK(l.patient_sex == "female");
    CHECK(l.case_summary.rfind("The patient is a 44-year-old female", 0) == 0);

    Letter structured = parse_seed("001_e066e2eff228d9d9");
    CHECK(structured.specialties == std::vector<std::string>{"Physical Medicine & Rehabilitation"});
    CHECK(structured.patient_age == 41);
    CHECK(structured.patient_sex == "male");
}

TEST_CASE("seed rationales are whole and end where the next heading starts", "[parser][golden]") {
    Letter l = parse_seed("004_d5de75f73db54f04");
    REQUIRE(l.decisions.size() == 2);
    CHECK(l.decisions[0].rationale.rfind("MTUS Acupuncture Medical Treatment Guidelines identifies", 0) == 0);
    CHECK(l.decisions[0].rationale.ends_with("acupuncture, quantity 6 is medically necessary and appropriate."));
    CHECK(l.decisions[1].rationale.ends_with("Norflex is not medically necessary and appropriate."));
}
