// Domain concepts that letters and users spell several ways: an abbreviation, a phrase, a
// plural. The indexer adds one concept term per concept a text names; the searcher installs
// every spelling as a Xapian synonym of that term, so "PT" finds "physical therapy" and
// "physical therapy" finds "PT".
#include "imr/analyzers.h"
#include "phrase_matcher.h"

namespace imr {

namespace {

struct ConceptDef {
    std::string_view name;
    std::vector<std::string> spellings;  // as a user types them; matched as whole words
};

const std::vector<ConceptDef>& definitions() {
    static const std::vector<ConceptDef> defs = {
        {"physical-therapy", {"pt", "physical therapy", "physiotherapy", "physical therapist", "physical medicine"}},
        {"occupational-therapy", {"ot", "occupational therapy", "occupational therapist"}},
        {"epidural-steroid-injection", {"esi", "esis", "epidural steroid injection", "epidural steroid injections",
                                        "epidural injection", "epidural injections", "epidural"}},
        {"tens", {"tens", "tens unit", "transcutaneous electrical nerve stimulation",
                  "transcutaneous electrical nerve stimulator"}},
        {"electromyography", {"emg", "emgs", "electromyography", "electromyogram", "electromyographic"}},
        {"nerve-conduction", {"ncv", "ncs", "ncvs", "nerve conduction velocity", "nerve conduction study",
                              "nerve conduction studies", "nerve conduction"}},
        {"urine-drug-screen", {"uds", "urine drug screen", "urine drug screens", "urine drug screening",
                               "urine drug test", "urine drug testing", "urine toxicology", "drug screen",
                               "drug screening", "drug testing"}},
        {"proton-pump-inhibitor", {"ppi", "ppis", "proton pump inhibitor", "proton pump inhibitors"}},
        {"nsaid", {"nsaid", "nsaids", "non-steroidal anti-inflammatory", "nonsteroidal anti-inflammatory",
                   "anti-inflammatory drug", "anti-inflammatory drugs", "anti-inflammatories"}},
        {"functional-capacity-evaluation", {"fce", "functional capacity evaluation", "functional capacity exam"}},
        {"platelet-rich-plasma", {"prp", "platelet rich plasma", "platelet-rich plasma"}},
        {"durable-medical-equipment", {"dme", "durable medical equipment"}},
        {"range-of-motion", {"rom", "range of motion"}},
        {"activities-of-daily-living", {"adl", "adls", "activities of daily living"}},
        {"home-exercise-program", {"hep", "home exercise program", "home exercise programs", "home exercises"}},
        {"functional-restoration-program", {"frp", "functional restoration program", "functional restoration"}},
        {"primary-treating-physician", {"ptp", "primary treating physician", "treating physician"}},
        {"utilization-review", {"ur", "utilization review"}},
        {"request-for-authorization", {"rfa", "request for authorization"}},
        {"magnetic-resonance-imaging", {"mri", "mris", "magnetic resonance imaging", "magnetic resonance"}},
        {"computed-tomography", {"ct", "ct scan", "cat scan", "computed tomography"}},
        {"x-ray", {"x-ray", "x-rays", "xray", "xrays", "radiograph", "radiographs"}},
        {"muscle-relaxant", {"muscle relaxant", "muscle relaxants", "antispasmodic", "antispasmodics"}},
        {"post-operative", {"post-op", "postop", "post-operative", "postoperative", "post-surgical",
                            "postsurgical"}},
        {"pre-operative", {"pre-op", "preop", "pre-operative", "preoperative"}},
    };
    return defs;
}

const detail::PhraseMatcher& matcher() {
    static const detail::PhraseMatcher m = [] {
        detail::PhraseMatcher built;
        for (const auto& d : definitions())
            for (const auto& s : d.spellings) built.add(std::string(d.name), s);
        return built;
    }();
    return m;
}

}  // namespace

std::vector<ConceptCount> concepts_in(std::string_view text) {
    std::vector<ConceptCount> out;
    for (auto& [name, n] : matcher().count(text)) out.push_back({name, n});
    return out;
}

std::vector<ConceptSpellings> concept_spellings() {
    std::vector<ConceptSpellings> out;
    for (const auto& d : definitions()) out.push_back({std::string(d.name), d.spellings});
    return out;
}

}  // namespace imr
