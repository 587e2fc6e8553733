// Recognisers over item titles and citations, table-driven.
#include <catch2/catch.hpp>

#include "imr/analyzers.h"

using namespace imr;

TEST_CASE("treatment categories from item titles", "[recognise]") {
    struct Row { const char* title; const char* category; const char* drug_class; };
    const Row rows[] = {
        {"Acupuncture 2xwk x 4 wks lumbar spine", "acupuncture", ""},
        {"Electro acupuncture to the low back two times a week times six weeks", "acupuncture", ""},
        {"Physical therapy 2x wk x 4 wks lumbar spine", "physical-therapy", ""},
        {"Chiropractic, eight visits", "chiropractic", ""},
        {"Deep tissue massage, one visit", "massage", ""},
        {"MRI of the cervical spine", "imaging", ""},
        {"EMG/NCV of the lower extremities", "electrodiagnostics", ""},
        {"Right L5-S1 epidural steroid injection", "injection", ""},
        {"Right Shoulder Arthroscopy with rotator cuff repair", "surgery", ""},
        {"TENS unit", "durable-medical-equipment", ""},
        {"NORFLEX", "medication", "muscle-relaxant"},
        {"Norco 10/325mg #35", "medication", "opioid"},
        {"Ultram 50mg #30", "medication", "opioid"},
        {"Cyclobenzaprine 7.5mg #27", "medication", "muscle-relaxant"},
        {"Diclofenac ER 100mg #60", "medication", "nsaid"},
        {"Lidocaine ointment 5% 106.32gm", "medication", "topical"},
        {"Voltaren gel apply to affected area 4 times a day", "medication", "topical"},
        {"Pepcid 20mg", "medication", "gastrointestinal"},
        {"Functional capacity evaluation (FCE)", "evaluation", ""},
        {"Something nobody requested before", "other", ""},
        // A count is no drug when the title names a device, a therapy or a visit.
        {"Wrist braces #2", "durable-medical-equipment", ""},
        {"TENS unit, daily trial, cervical and thoracic spine, #30", "durable-medical-equipment", ""},
        {"Chiropractic therapy sessions for the cervical spine, #2", "chiropractic", ""},
        {"Daily RN for 4 weeks for wound care, medication management", "home-health", ""},
        {"Fioricet #120", "medication", "other-medication"},
        {"Salonpas pad #60", "medication", "topical"},
        {"Lorzone 750mg one by mouth three times a day #45", "medication", "muscle-relaxant"},
        // What goes with a surgery is what it is; an evaluation for one is an evaluation.
        {"Associated surgical service: Shoulder sling with abduction pillow", "durable-medical-equipment", ""},
        {"Associated surgical service: Physical therapy, times 12", "physical-therapy", ""},
        {"Spine surgery evaluation for the lumbar", "evaluation", ""},
        {"Right knee arthroscopy with evaluation of ACL, medical meniscectomy", "surgery", ""},
        // Lab work is a laboratory test; a labral tear is anatomy.
        {"Labs: CBC, CMP", "laboratory", ""},
        {"Right hip arthroscopy with labral repair", "surgery", ""},
        {"MR arthrogram of the left shoulder for labral tear", "imaging", ""},
        {"Labral tear, left hip", "other", ""},
    };
    for (const auto& r : rows) {
        INFO(r.title);
        CHECK(treatment_category(r.title) == r.category);
        if (*r.drug_class) CHECK(medication_class(r.title) == r.drug_class);
    }
}

TEST_CASE("body regions, spine levels included", "[recognise]") {
    CHECK(body_regions("Acupuncture 2xwk x 4 wks lumbar spine") == std::vector<std::string>{"lumbar"});
    CHECK(body_regions("Facet joint injections L4-5, L5-S1") == std::vector<std::string>{"lumbar"});
    CHECK(body_regions("MRI of neck and right hand without contrast") ==
          std::vector<std::string>{"cervical", "wrist-hand"});
    CHECK(body_regions("Physical therapy right knee 3 times a week") == std::vector<std::string>{"knee"});
    CHECK(body_regions("NORFLEX").empty());
}

TEST_CASE("guideline citations: sources, pages, sections, chapters", "[recognise]") {
    Citation a = parse_citation("Decision based on MTUS Chronic Pain Treatment Guidelines Physical medicine Page(s): 98-99.");
    CHECK(a.sources == std::vector<std::string>{"mtus"});
    CHECK(a.pages == std::vector<std::string>{"98", "99"});
    CHECK(a.chapters == std::vector<std::string>{"Chronic Pain Medical Treatment"});

    Citation b = parse_citation(
        "Decision based on MTUS Neck and Upper Back Complaints 2004, Section(s): Special Studies, and Forearm, "
        "Wrist, and Hand Complaints 2004, Section(s): Special Studies. Decision based on Non-MTUS Citation "
        "Official Disability Guidelines (ODG), Forearm, Wrist, and hand");
    CHECK(b.sources == std::vector<std::string>{"mtus", "odg"});
    CHECK(b.sections == std::vector<std::string>{"Special Studies"});
    CHECK(b.pages.empty());

    Citation c = parse_citation("The Claims Administrator did not cite any medical evidence for its decision.");
    CHECK(c.sources == std::vector<std::string>{"none"});

    Citation d = parse_citation("The Expert Reviewer based their decision on recommendation(s) outside of the MTUS "
                                "Guidelines. Decision based on Non-MTUS Citation Sildenafil: Drug information, "
                                "accessed from UpToDate.com on 12/17/2016.");
    CHECK(d.sources == std::vector<std::string>{"other"});

    Citation e = parse_citation("Decision based on MTUS Chronic Pain Treatment Guidelines Manual therapy & "
                                "manipulation Page(s): 58, 59.");
    CHECK(e.pages == std::vector<std::string>{"58", "59"});
}

TEST_CASE("specialties have one spelling each", "[recognise]") {
    CHECK(canonical_specialty("Physical Medicine & Rehabilitation") == "Physical Medicine and Rehabilitation");
    CHECK(canonical_specialty("Physical Medicine and Rehabilitation") == "Physical Medicine and Rehabilitation");
    CHECK(canonical_specialty("Preventative Medicine") == "Preventive Medicine");
    CHECK(canonical_specialty(" Family  Practice ") == "Family Practice");
    // Misspellings in the source fold into the word they miss.
    CHECK(canonical_specialty("Sports Medicinea") == "Sports Medicine");
    CHECK(canonical_specialty("Orthopedic Surgey") == "Orthopedic Surgery");
    CHECK(canonical_specialty("Medical Toxicology") == "Medical Toxicology");
}

TEST_CASE("requested quantities: visits worked out, units as written", "[recognise][quantity]") {
    struct Row { const char* text; int visits; int units; };
    const Row rows[] = {
        {"ACUPUNCTURE (3 TIMES PER WEEK FOR 4 WEEKS)", 12, 0},
        {"Acupuncture 2xwk x 4 wks lumbar spine", 8, 0},
        {"Physical therapy 3x4", 12, 0},
        {"additional acupuncture x12", 12, 0},
        {"Twelve acupuncture visits", 12, 0},
        {"Acupuncture, eight visits", 8, 0},
        {"ACUPUNCTURE TIMES 6", 6, 0},
        {"Physical therapy (12 sessions)", 12, 0},
        {"Physical therapy 2-3 times a week for 6 weeks", 18, 0},
        {"Additional physical therapy two times four visits (8) for the lumbar", 8, 0},
        {"Physical therapy additional 3 visits per week for 2 weeks", 6, 0},
        {"Initial acupuncture, 1 to 2 times per week for 4 weeks, for the neck", 8, 0},
        {"Referral to chiropractor, twice a week for 3 weeks", 6, 0},
        {"Acupuncture therapy sessions lumbar spine #6", 6, 6},
        {"Norflex 100mg #60", 0, 60},
        {"NCV bilateral lower extremities QTY: 2", 0, 2},
        {"MRI of the right shoulder (1.5 Tesla Closed)", 0, 0},
        {"NORFLEX", 0, 0},
    };
    for (const auto& r : rows) {
        INFO(r.text);
        Quantity q = parse_quantity(r.text);
        CHECK(q.visits == r.visits);
        CHECK(q.units == r.units);
    }
}

TEST_CASE("sides, guideline editions and what the reviewer relied on", "[recognise]") {
    CHECK(body_sides("MRI of the right shoulder without contrast") == std::vector<std::string>{"right"});
    CHECK(body_sides("EMG/NCV bilateral lower extremities") == std::vector<std::string>{"bilateral"});
    CHECK(body_sides("Physical therapy right knee and left shoulder") == std::vector<std::string>{"left", "right"});
    CHECK(body_sides("NORFLEX").empty());

    Citation c = parse_citation("Decision based on MTUS Low Back Complaints 2004, Section(s): Summary, and Chronic "
                                "Pain Medical Treatment 2016, Section(s): Facet blocks.");
    CHECK(c.editions == std::vector<std::string>{"2004", "2016"});
    CHECK(c.chapters == std::vector<std::string>{"Chronic Pain Medical Treatment", "Low Back Complaints"});
    CHECK(c.basis == "mtus");
    CHECK(parse_citation("The Expert Reviewer based their decision on recommendation(s) outside of the MTUS "
                         "Guidelines. Decision based on Non-MTUS Citation Official Disability Guidelines (ODG)")
              .basis == "outside-mtus");
    CHECK(parse_citation("The Claims Administrator did not cite any medical evidence for its decision.").basis ==
          "none-cited");
}

TEST_CASE("identifiers stay whole, in one spelling", "[recognise][identifiers]") {
    CHECK(identifiers_in("s/p L4-5 revision, L5-S1 and C6-C7 per 9792.24.1 in CM16-0213037, rated 4/10, "
                         "Norco 7.5mg #60 then 7.5 mg") ==
          std::vector<std::string>{"l4-5", "l5-s1", "c6-c7", "9792.24.1", "cm16-0213037", "4/10", "7.5mg", "#60",
                                   "7.5mg"});
    CHECK(identifiers_in("acupuncture for the neck").empty());
    CHECK(is_identifier("L4-5"));
    CHECK(is_identifier("#60"));
    CHECK_FALSE(is_identifier("acupuncture"));
}
