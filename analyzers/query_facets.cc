// Facet values a user's words name: "PT" names physical therapy, "cyclobenzaprine" a muscle
// relaxant, "shoulder" a region, "ODG" a guideline, "chiropractor" a reviewer specialty. The
// same recognisers that label decisions read the query, so both sides agree.
#include <algorithm>

#include "imr/analyzers.h"
#include "word_match.h"

namespace imr {

namespace {

const detail::Rules& reviewer_roles() {
    using detail::rule;
    static const detail::Rules rules = {
        rule("Chiropractor", {"chiropractors?", "chiropractic reviewers?"}),
        rule("Acupuncture", {"acupuncturists?"}),
        rule("Orthopedic Surgery", {"orthopedists?", "orthopa?edic surgeons?"}),
        rule("Neurology", {"neurologists?"}),
        rule("Psychiatry", {"psychiatrists?"}),
        rule("Anesthesiology", {"anesthesiologists?"}),
        rule("Physical Medicine and Rehabilitation", {"physiatrists?"}),
        rule("Internal Medicine", {"internists?"}),
        rule("Family Practice", {"family (physicians?|doctors?|practitioners?)"}),
        rule("Pain Management", {"pain (management )?specialists?"}),
    };
    return rules;
}

// How users name a chapter without its title: therapy after an operation is governed by the
// MTUS Postsurgical Treatment Guidelines.
const detail::Rules& chapter_aliases() {
    using detail::rule;
    static const detail::Rules rules = {
        rule("Postsurgical Treatment", {"post-?op(erative)?", "post-?surg(ical|ery)", "after (the )?surgery"}),
    };
    return rules;
}

}  // namespace

QueryFacets recognise_query(std::string_view query) {
    QueryFacets q;
    q.treatments = treatment_categories(query);
    q.drug_classes = medication_classes(query);
    q.regions = body_regions(query);
    q.guidelines = guideline_sources_named(query);
    q.chapters = guideline_chapters_named(query);
    for (auto& c : detail::all_matches(chapter_aliases(), query))
        if (std::find(q.chapters.begin(), q.chapters.end(), c) == q.chapters.end()) q.chapters.push_back(c);
    q.specialties = detail::all_matches(reviewer_roles(), query);
    return q;
}

}  // namespace imr
