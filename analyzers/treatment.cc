// Treatment category and medication class from an item's title. Rules are
// tried in order, so the more specific ones come first ("Electro acupuncture"
// is acupuncture, not electrodiagnostics; "Voltaren gel" is a topical).
#include <algorithm>

#include "imr/analyzers.h"
#include "word_match.h"

namespace imr {

namespace {

using detail::rule;

const detail::Rules& medication_rules() {
    static const detail::Rules rules = {
        rule("topical", {"cream", "gel", "patch(es)?", "ointment", "lotion", "topical", "compound(ed)?",
                         "lidoderm", "terocin", "flector", "transdermal", "solution", "spray", "salonpas"}),
        // Compounded oral suspensions sold under brand names.
        rule("compounded", {"deprizine", "fanatrex", "synapryn", "tabradol", "ketophene", "dicopanol"}),
        rule("opioid", {"norco", "hydrocodone", "oxycodone", "oxycontin", "percocet", "tramadol", "ultram",
                        "ultracet", "morphine", "ms ?contin", "methadone", "fentanyl", "duragesic",
                        "tapentadol", "nucynta", "codeine", "tylenol (#|no\\.? ?)3", "hydromorphone",
                        "dilaudid", "buprenorphine", "butrans", "suboxone", "trezix", "opioids?", "opana",
                        "oxymorphone", "vicodin", "hysingla", "zohydro", "xtampza", "belbuca", "lortab"}),
        rule("muscle-relaxant", {"norflex", "orphenadrine", "cyclobenzaprine", "flexeril", "fexmid", "soma",
                                 "carisoprodol", "tizanidine", "zanaflex", "baclofen", "methocarbamol",
                                 "robaxin", "metaxalone", "skelaxin", "amrix", "lorzone", "chlorzoxazone", "parafon",
                                 "muscle relaxants?"}),
        rule("nsaid", {"naproxen", "anaprox", "naprosyn", "ibuprofen", "motrin", "diclofenac", "voltaren",
                       "celebrex", "celecoxib", "meloxicam", "mobic", "etodolac", "nabumetone", "relafen",
                       "ketoprofen", "ketorolac", "toradol", "indomethacin", "nsaids?", "duexis", "vimovo",
                       "arthrotec", "daypro", "oxaprozin", "fenoprofen", "nalfon", "lodine"}),
        rule("anticonvulsant", {"gabapentin", "neurontin", "gralise", "pregabalin", "lyrica", "topiramate",
                                "topamax", "carbamazepine", "lamotrigine", "depakote"}),
        rule("antidepressant", {"duloxetine", "cymbalta", "amitriptyline", "elavil", "nortriptyline",
                                "trazodone", "desyrel", "sertraline", "zoloft", "fluoxetine", "prozac",
                                "bupropion", "wellbutrin", "venlafaxine", "effexor", "citalopram",
                                "escitalopram", "lexapro", "paroxetine", "paxil", "mirtazapine", "remeron"}),
        rule("gastrointestinal", {"omeprazole", "prilosec", "pantoprazole", "protonix", "esomeprazole",
                                  "nexium", "lansoprazole", "prevacid", "ranitidine", "zantac", "famotidine",
                                  "pepcid", "dexilant", "ondansetron", "zofran", "docusate", "colace",
                                  "senna", "senokot", "linzess", "amitiza", "movantik", "ppi", "miralax"}),
        rule("sleep-aid", {"zolpidem", "ambien", "eszopiclone", "lunesta", "zaleplon", "sonata", "belsomra",
                           "restoril", "temazepam", "melatonin"}),
        rule("benzodiazepine", {"diazepam", "valium", "alprazolam", "xanax", "lorazepam", "ativan",
                                "clonazepam", "klonopin"}),
    };
    return rules;
}

const detail::Rules& category_rules() {
    static const detail::Rules rules = {
        rule("acupuncture", {"acupuncture", "electro-?acupuncture"}),
        rule("chiropractic", {"chiropractic", "chiropractor", "manipulation", "chiro"}),
        rule("massage", {"massage", "myofascial release"}),
        rule("electrodiagnostics", {"emg", "ncv", "ncs", "electromyograph\\w*", "nerve conduction",
                                    "electrodiagnostic\\w*", "ssep", "electroencephalogram", "eeg",
                                    "electrocardiogram", "ekg", "ecg"}),
        // Therapy modalities whose names share words with imaging and devices.
        rule("physical-therapy", {"pulsed ultrasound", "therapeutic ultrasound", "ultrasound therapy", "e-?stim",
                                  "electrical (muscle )?stimulation", "ice/heat", "hand therapy",
                                  "shockwave", "eswt", "neurostimulation therapy"}),
        rule("imaging", {"mri", "mra", "ct", "ct scan", "x-?rays?", "radiographs?", "imaging",
                         "magnetic resonance", "bone scan", "ultrasound", "sonogram", "cat scan", "dexa",
                         "arthrogram", "myelogram", "spect"}),
        rule("injection", {"injections?", "epidural", "esi", "facet", "nerve blocks?", "blocks?",
                           "trigger points?", "radiofrequency", "rhizotomy", "ablation", "prp",
                           "platelet[- ]rich", "cortisone", "steroid", "viscosupplementation",
                           "synvisc", "orthovisc", "supartz", "euflexxa", "botox", "aspiration"}),
        // An evaluation for surgery is an evaluation, not the surgery.
        rule("evaluation", {"consult(ation)? (with|to|for)", "\\w+ evaluation for", "(surgery|surgical|surgeon) (evaluation|consult\\w*)",
                            "(medical|surgical|pre-?op(erative)?) clearance"}),
        rule("surgery", {"surgery", "surgical", "arthroscop\\w*", "fusion", "\\w+ectomy", "\\w+plasty",
                         "\\w+otomy", "repair", "carpal tunnel release", "release", "decompression",
                         "replacement", "arthrodesis", "reconstruction", "debridement", "implant\\w*",
                         "pre-?operative", "post-?operative", "assistant surgeon", "hardware removal",
                         "pa assist"}),
        rule("physical-therapy", {"physical therapy", "pt", "physiotherapy", "occupational therapy", "ot",
                                  "aquatic therapy", "pool therapy", "therapeutic exercise", "work hardening",
                                  "work conditioning", "physical medicine", "rehabilitation", "rehab",
                                  "home exercise", "manual therapy", "infrared", "electrical stimulation",
                                  "ultrasound therapy", "traction", "biofeedback"}),
        rule("durable-medical-equipment",
             {"tens", "tens unit", "ems unit", "interferential", "brace", "orthotics?", "orthos[ie]s", "splints?", "braces",
              "cane", "walker", "wheelchair", "scooter", "cushion", "mattress", "bed", "pillow",
              "hot/cold", "cold therapy", "cryotherapy unit", "heating pad", "dme", "durable medical",
              "equipment", "unit", "h-wave", "compression", "stockings", "collar", "lumbar support",
              "shoe", "insoles?", "crutch(es)?", "commode", "shower chair", "grab bar", "rental", "purchase",
              "game ready", "vasopneumatic", "cpm", "sling", "kit", "hearing aids?", "gloves",
              "wipes", "workstation", "supplies"}),
        rule("evaluation", {"consult\\w*", "evaluation", "referral", "follow[- ]?up", "office visits?",
                            "assessment", "fce", "functional capacity", "second opinion", "visit",
                            "examination", "re-?evaluation", "psych\\w* testing", "testing", "eval",
                            "clearance", "toc", "transfer of care"}),
        rule("psychological-treatment", {"psychotherapy", "cognitive behavioral", "cbt", "psycholog\\w*",
                                         "psychiatr\\w*", "counseling", "behavioral"}),
        rule("laboratory", {"urine drug screen\\w*", "uds", "drug screen\\w*", "drug test\\w*", "labs?", "laborator(?:y|ies)", "labwork",
                            "blood tests?", "panel", "genetic", "cbc", "toxicology", "urine tests?",
                            "urinalysis"}),
        rule("home-health", {"home health", "home care", "aide", "caregiver", "nursing", "nurse", "rn", "lvn", "housekeeping",
                             "transportation"}),
        rule("program", {"functional restoration", "frp", "pain program", "multidisciplinary",
                         "detox\\w*", "weight loss", "gym membership", "inpatient",
                         "partial hospitalization"}),
    };
    return rules;
}

// A dose ("10mg", "5%") or a dosage form ("tablets") marks an item as a drug even when its
// name is in no list, and even when other words of it name a device or a visit.
const re2::RE2& dose_pattern() {
    static const re2::RE2 p(R"((\d\s*(mg|mcg|ml|gm|g|%)\b)|\b(tablets?|capsules?|tabs?|caps?)\b)", detail::pattern_options());
    return p;
}

// A count ("#60"), refills or the word "medication" hint at a drug only when nothing else
// names the item: braces #2, a TENS unit #30, chiropractic sessions #2 and nurse visits for
// "medication management" are not drugs.
const re2::RE2& count_pattern() {
    static const re2::RE2 p(R"(#\s*\d|\b(refills?|medications?)\b)", detail::pattern_options());
    return p;
}

// "Associated surgical service: Shoulder sling": the item is the sling; the surgery it goes
// with is another item of the letter.
std::string_view item_of(std::string_view title) {
    static const re2::RE2 p(R"(^\s*associated surgical services?\s*:\s*)", detail::pattern_options());
    re2::StringPiece rest(title.data(), title.size());
    if (re2::RE2::Consume(&rest, p)) return std::string_view(rest.data(), rest.size());
    return title;
}

}  // namespace

std::string medication_class(std::string_view title) {
    const std::string_view item_title = item_of(title);
    std::string cls = detail::first_match(medication_rules(), item_title);
    if (!cls.empty()) return cls;
    if (detail::found(dose_pattern(), item_title)) return "other-medication";
    if (detail::first_match(category_rules(), item_title).empty() && detail::found(count_pattern(), item_title))
        return "other-medication";
    return "";
}

std::vector<std::string> treatment_categories(std::string_view text) {
    std::vector<std::string> out;
    for (auto& c : detail::all_matches(category_rules(), text))
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    if (!detail::all_matches(medication_rules(), text).empty()) out.push_back("medication");
    return out;
}

std::vector<std::string> medication_classes(std::string_view text) {
    return detail::all_matches(medication_rules(), text);
}

std::string treatment_category(std::string_view title) {
    const std::string_view item_title = item_of(title);
    std::string category = detail::first_match(category_rules(), item_title);
    // A drug named in the title wins over device and evaluation words ("Lidoderm patch",
    // "Norco 10/325 #60 for weaning"), but not over procedures ("lidocaine injection").
    bool procedure = category == "acupuncture" || category == "injection" || category == "surgery" ||
                     category == "imaging" || category == "electrodiagnostics";
    if (!procedure && !medication_class(item_title).empty()) return "medication";
    return category.empty() ? "other" : category;
}

}  // namespace imr
