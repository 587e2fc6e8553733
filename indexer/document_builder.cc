#include "imr/document_builder.h"

#include <map>
#include <set>
#include <stdexcept>

#include "imr/stemmer.h"
#include "imr/schema.h"
#include "imr/stopwords.h"

namespace imr {

namespace {

namespace sc = imr::schema;

// Xapian refuses terms over 245 bytes; a filter value that long is no value anyone types.
constexpr size_t kMaxSlugBytes = 160;

std::string bounded(std::string slug) {
    if (slug.size() <= kMaxSlugBytes) return slug;
    size_t cut = kMaxSlugBytes;
    while (cut > 0 && (static_cast<unsigned char>(slug[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    return slug.substr(0, cut);
}

std::string compact_date(const std::string& iso) {
    std::string out;
    for (char c : iso)
        if (c != '-') out.push_back(c);
    return out;
}

// Enough for a corpus's vocabulary; past it (typos, ids) the cache starts again.
constexpr size_t kIndexingStems = 200000;

// This worker's stemmer, kept across its letters.
const Xapian::Stem& worker_stemmer() {
    thread_local const Xapian::Stem stemmer = schema::caching_stemmer(kIndexingStems);
    return stemmer;
}

class DocumentWriter {
public:
    DocumentWriter() {
        generator_.set_stemmer(worker_stemmer());
        generator_.set_stemming_strategy(sc::kIndexStemming);
        generator_.set_stopper(&stopwords());
        generator_.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
        generator_.set_document(doc_);
    }

    void text(std::string_view field_name, const std::string& text) {
        if (text.empty()) return;
        const sc::Field& f = sc::field(field_name);
        if (!f.prefix.empty()) words(text, f, f.positions != sc::Positions::none && f.positions != sc::Positions::holder, std::string(f.prefix));
        if (!f.in_default_search) return;
        if (f.positions == sc::Positions::both) sentences(text, f);
        else words(text, f, false, "");
        generator_.increase_termpos(sc::kFieldGap);
        // One term per concept however the text spells it, weighted like the field's words.
        const sc::Field& concept_field = sc::field("concept");
        for (const auto& c : concepts_in(text)) {
            doc_.add_term(sc::term(concept_field, c.name), c.count * f.wdf_weight);
        }
        const sc::Field& identifier_field = sc::field("identifier");
        for (const auto& id : identifiers_in(text)) doc_.add_term(sc::term(identifier_field, id), f.wdf_weight);
    }

    // A field's own copy with positions, whatever the schema keeps elsewhere.
    void text_with_positions(std::string_view field_name, const std::string& text) {
        const sc::Field& f = sc::field(field_name);
        words(text, f, true, std::string(f.prefix));
    }

    // The field's words under `prefix`, with positions (for phrases) or not. The rationale
    // has no copy of its own: it is most of a decision's text, and its copy made the index a
    // fifth larger (rationale: searches the unprefixed text instead).
    void words(const std::string& text, const sc::Field& f, bool positions, const std::string& prefix) {
        if (positions) generator_.index_text(text, f.wdf_weight, prefix);
        else generator_.index_text_without_positions(text, f.wdf_weight, prefix);
    }

    // The unprefixed positional copy, sentence by sentence, kSentenceGap apart (schema.h).
    void sentences(const std::string& text, const sc::Field& f) {
        for (const auto& sentence : sentences_of(text)) {
            generator_.index_text(sentence, f.wdf_weight);
            generator_.increase_termpos(sc::kSentenceGap);
        }
    }

    void id_term(std::string_view field_name, const std::string& value) {
        if (!value.empty()) doc_.add_boolean_term(sc::term(sc::field(field_name), value));
    }

    // A facet or filter value: its slug as a term, and for a facet its display form among
    // the decision's packed facet values.
    void facet(std::string_view field_name, const std::string& value) {
        if (value.empty()) return;
        const sc::Field& f = sc::field(field_name);
        std::string slug = bounded(sc::slug(value));
        if (slug.empty()) return;
        std::string term = sc::term(f, slug);
        // Two spellings of one value ("L4-5" twice, "&" and "and") count once.
        if (!terms_.insert(term).second) return;
        // wdf 1 rather than a boolean term: a filter ignores it, and a query word naming the
        // value can boost decisions that have it.
        doc_.add_term(term, 1);
        if (f.facet) facet_values_[f.name].push_back(value);
    }

    // The facet values gathered so far, packed into their slot; and the sample levels
    // 1..`sample_depth` the decision is in, each as its term. (The shard's writer adds the
    // values as its codebook's codes, for every level the terms name: facet_codebook.h.)
    void pack_facets(unsigned sample_depth) {
        const std::string packed = sc::pack_facets([&](const sc::Field& f) {
            auto it = facet_values_.find(f.name);
            return it == facet_values_.end() ? std::vector<std::string>() : it->second;
        });
        doc_.add_value(sc::slot::facets, packed);
        for (unsigned level = 1; level <= sample_depth; ++level) id_term("sample", std::to_string(level));
    }

    void facets(std::string_view field_name, const std::vector<std::string>& values) {
        for (const auto& v : values) facet(field_name, v);
    }

    void value(Xapian::valueno slot, const std::string& v) {
        if (!v.empty()) doc_.add_value(slot, v);
    }

    Xapian::Document& doc() { return doc_; }

private:
    Xapian::Document doc_;
    Xapian::TermGenerator generator_;
    std::set<std::string> terms_;
    std::map<std::string_view, std::vector<std::string>> facet_values_;
};

}  // namespace

DecisionRecord make_record(const Letter& letter, const Decision& d, const std::string& file) {
    DecisionFacets f = recognise(letter, d);
    DecisionRecord r;
    r.id = letter.decision_id(d);
    r.letter_key = letter.key();
    r.case_number = letter.case_number;
    r.file = file;
    r.ordinal = d.ordinal;
    r.title = d.title;
    r.heading = d.heading == d.title ? "" : d.heading;  // "" when it says no more than the title
    r.original_request = d.original_request;
    r.authorised = d.authorised;
    r.outcome = to_string(d.outcome);
    r.treatment = f.treatment;
    r.drug_class = f.drug_class;
    r.regions = f.regions;
    r.sides = f.sides;
    r.visits = f.quantity.visits;
    r.units = f.quantity.units;
    r.requested_visits = f.requested.visits;
    r.requested_units = f.requested.units;
    r.authorised_visits = f.authorised.visits;
    r.authorised_units = f.authorised.units;
    r.specialties = f.specialties;
    r.licensure_states = letter.licensure_states;
    r.guideline_sources = f.guideline.sources;
    r.guideline_chapters = f.guideline.chapters;
    r.guideline_sections = f.guideline.sections;
    r.guideline_pages = f.guideline.pages;
    r.guideline_editions = f.guideline.editions;
    r.guideline_basis = f.guideline.basis;
    r.claims_sources = f.claims.sources;
    r.claims_guideline = d.claims_guideline;
    r.reviewer_guideline = d.reviewer_guideline;
    r.rationale = d.rationale;
    r.decision_date = letter.decision_date;
    r.date_of_injury = letter.date_of_injury;
    r.date_assigned = letter.date_assigned;
    r.ur_denial_date = letter.ur_denial_date;
    r.application_received = letter.application_received;
    r.priority = letter.priority;
    r.patient_age = letter.patient_age;
    r.patient_sex = letter.patient_sex;
    if (letter.paged) {
        r.heading_page = d.heading_pages.first;
        r.rationale_first_page = d.rationale_pages.first;
        r.rationale_last_page = d.rationale_pages.last;
    }
    return r;
}

namespace {

// A term of the case summary, with what its holder keeps of it.
struct SummaryTerm {
    std::string term;
    Xapian::termcount wdf;
    std::vector<Xapian::termpos> positions;
};
using SummaryTerms = std::vector<SummaryTerm>;

// The case summary's terms, which every decision of a letter carries: worked out once per
// letter (a tenth of the workers' time went to reading each summary twice, with and without
// positions), copied without positions to each decision and with them to its holder.
SummaryTerms summary_terms(const std::string& case_summary) {
    if (sc::field("summary").positions != sc::Positions::holder || sc::field("summary").in_default_search) {
        throw std::logic_error("the summary's terms are copied per decision: only its holder may keep positions");
    }
    SummaryTerms terms;
    if (case_summary.empty()) return terms;
    DocumentWriter w;
    w.text_with_positions("summary", case_summary);
    const Xapian::Document& doc = w.doc();
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        terms.push_back({*it, it.get_wdf(), std::vector<Xapian::termpos>(it.positionlist_begin(), it.positionlist_end())});
    }
    return terms;
}

// `doc` becomes the holder of the summary whose terms are `terms`: the holder term, and each
// summary term with its positions and the wdf its copies have.
void hold(Xapian::Document& doc, const SummaryTerms& terms) {
    doc.add_boolean_term(sc::term("summary_holder", "1"));
    for (const auto& t : terms) {
        for (const Xapian::termpos p : t.positions) doc.add_posting(t.term, p, 0);
        doc.add_term(t.term, t.wdf);
    }
}

Xapian::Document build_document(const Letter& letter, const Decision& d, const std::string& file,
                                const std::string& content_hash, const SummaryTerms& summary) {
    DecisionRecord r = make_record(letter, d, file);
    DocumentWriter w;
    w.id_term("id", r.id);
    w.id_term("letter", r.letter_key);
    w.id_term("file", file);
    w.id_term("hash", content_hash);
    w.id_term("case", r.case_number);
    if (!r.case_number.empty()) w.doc().add_term(schema::term("identifier", normalise_identifier(r.case_number)));

    w.text("item", r.title);
    w.text("rationale", r.rationale);
    w.text("citation", r.claims_guideline + "\n" + r.reviewer_guideline);
    // The letter's first decision holds its summary (hold, above); the others carry the
    // summary's terms.
    const bool holds_summary = &d == &letter.decisions.front();
    if (!holds_summary)
        for (const auto& t : summary) w.doc().add_term(t.term, t.wdf);

    w.facet("outcome", r.outcome);
    w.facet("treatment", r.treatment);
    w.facet("class", r.drug_class);
    // A medication's class is a treatment too: treatment:opioid finds opioids.
    if (!r.drug_class.empty()) w.doc().add_term(schema::term("treatment", r.drug_class), 1);
    w.facets("specialty", r.specialties);
    w.facets("guideline", r.guideline_sources);
    w.facets("section", r.guideline_sections);
    w.facets("page", r.guideline_pages);
    w.facets("region", r.regions);
    w.facets("side", r.sides);
    w.facets("chapter", r.guideline_chapters);
    w.facets("edition", r.guideline_editions);
    w.facet("basis", r.guideline_basis);
    w.facets("claims", r.claims_sources);
    w.facets("state", r.licensure_states);
    w.facet("priority", r.priority);
    w.facet("sex", r.patient_sex);
    if (r.decision_date.size() >= 4) w.facet("year", r.decision_date.substr(0, 4));
    if (r.decision_date.size() >= 7) w.id_term("month", compact_date(r.decision_date).substr(0, 6));

    w.pack_facets(sc::sample_depth(r.id));
    w.value(schema::slot::decision_date, compact_date(r.decision_date));
    w.value(schema::slot::letter, r.letter_key);
    w.value(schema::slot::tie_break, (r.decision_date.empty() ? "00000000" : compact_date(r.decision_date)) + " " + r.id);
    if (r.patient_age) w.value(schema::slot::age, Xapian::sortable_serialise(*r.patient_age));
    if (r.visits > 0) w.value(schema::slot::visits, Xapian::sortable_serialise(r.visits));
    if (r.units > 0) w.value(schema::slot::units, Xapian::sortable_serialise(r.units));

    // The summary is the letter's: stored once, with its first decision.
    if (holds_summary) {
        r.case_summary = letter.case_summary;
        hold(w.doc(), summary);
    }
    w.doc().set_data(r.to_data());
    return w.doc();
}

}  // namespace

void hold_summary(Xapian::Document& doc, const std::string& case_summary) {
    const std::string prefix = "Z" + std::string(sc::field("summary").prefix);
    std::vector<std::string> copied;
    Xapian::TermIterator t = doc.termlist_begin();
    for (t.skip_to(prefix); t != doc.termlist_end() && (*t).starts_with(prefix); ++t) copied.push_back(*t);
    for (const auto& t : copied) doc.remove_term(t);
    hold(doc, summary_terms(case_summary));
}

std::vector<Xapian::Document> build_documents(const Letter& letter, const std::string& file,
                                              const std::string& content_hash) {
    const SummaryTerms summary = summary_terms(letter.case_summary);
    std::vector<Xapian::Document> docs;
    docs.reserve(letter.decisions.size());
    for (const auto& d : letter.decisions) docs.push_back(build_document(letter, d, file, content_hash, summary));
    return docs;
}

}  // namespace imr
