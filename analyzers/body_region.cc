// Body regions named in a text, in a fixed order. Spine levels count: "L4-5"
// is lumbar, "C6-C7" cervical.
#include "imr/analyzers.h"
#include "word_match.h"

namespace imr {

std::vector<std::string> body_regions(std::string_view text) {
    using detail::rule;
    static const detail::Rules rules = {
        rule("cervical", {"cervical", "neck", "c-spine", "c[1-7](-c?[1-7])?", "c[5-7]-t1"}),
        rule("thoracic", {"thoracic", "t-spine", "mid[- ]back", "upper back", "t[1-9]\\d?(-t?\\d+)?"}),
        rule("lumbar", {"lumbar", "lumbosacral", "low(er)? back", "l-spine", "l[1-5](-[ls]?[1-5])?", "l5-s1",
                        "sacroiliac", "si joints?", "back"}),
        rule("shoulder", {"shoulders?", "rotator cuff", "acromioclavicular", "scapul\\w*"}),
        rule("elbow", {"elbows?", "epicondyl\\w*", "cubital"}),
        rule("wrist-hand", {"wrists?", "hands?", "fingers?", "thumbs?", "carpal", "trigger finger", "palm"}),
        rule("hip", {"hips?", "pelvis", "pelvic", "groin"}),
        rule("knee", {"knees?", "patell\\w*", "menisc\\w*", "acl"}),
        rule("ankle-foot", {"ankles?", "foot", "feet", "toes?", "heels?", "plantar", "achilles"}),
        rule("upper-extremity", {"upper extremit(y|ies)", "arms?", "forearms?"}),
        rule("lower-extremity", {"lower extremit(y|ies)", "legs?"}),
        rule("head", {"head", "brain", "skull", "face", "jaw", "tmj"}),
    };
    return detail::all_matches(rules, text);
}

std::vector<std::string> body_sides(std::string_view text) {
    using detail::rule;
    static const detail::Rules rules = {
        rule("bilateral", {"bilateral(ly)?", "both"}),
        rule("left", {"left", "lt"}),
        rule("right", {"right", "rt"}),
    };
    return detail::all_matches(rules, text);
}

}  // namespace imr
