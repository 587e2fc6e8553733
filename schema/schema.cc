#include "imr/schema.h"

#include <algorithm>
#include <stdexcept>

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "imr/error.h"
#include "imr/stable_hash.h"

namespace imr::schema {

namespace {

// Prefixes follow Omega's conventions: Q for the unique id, single capitals
// for common fields, X-prefixes for our own; boolean prefixes end in ':' since
// ids and paths can start with a capital letter.
constexpr auto none = Positions::none, prefixed = Positions::prefixed, both = Positions::both, holder = Positions::holder;

// Positions cost index size: at 10,000 generated letters (compacted) the item's own copy added
// 2%, the citations' 9%, the summary's in every decision 59% (and a third more indexing time),
// so the summary keeps them in its letter's first decision only, which holds the letter's
// summary (at 100k decisions still +22%, 501 to 612 MB compacted); a summary phrase finds letters.
const std::vector<Field> kFields = {
    // name        prefix  kind            slot                 facet  wdf default positions help
    {"id",         "Q",    Kind::filter,   kNoSlot,             false, 0, false, none    , "decision id: CM16-0213037#2"},
    {"case",       "XC:",  Kind::filter,   kNoSlot,             false, 0, false, none    , "case number: CM16-0213037"},
    {"item",       "S",    Kind::text,     kNoSlot,             false, 6, true,  both    , "the disputed item's title"},
    {"rationale",  "",     Kind::text,     kNoSlot,             false, 2, true,  both    , "the reviewer's decision rationale (searched with the item and citations: see README)"},
    {"citation",   "XG",   Kind::text,     kNoSlot,             false, 1, true,  prefixed, "both guideline citations, as written"},
    {"summary",    "XS",   Kind::text,     kNoSlot,             false, 1, false, holder  , "the letter's clinical case summary"},
    {"outcome",    "XO:",  Kind::filter,   kNoSlot,             true,  0, false, none    , "upheld (denial stands) or overturned"},
    {"treatment",  "XT:",  Kind::filter,   kNoSlot,             true,  0, false, none    , "treatment category: acupuncture, imaging, medication ..."},
    {"class",      "XK:",  Kind::filter,   kNoSlot,             true,  0, false, none    , "medication class: opioid, muscle-relaxant, nsaid, topical ..."},
    {"specialty",  "XP:",  Kind::filter,   kNoSlot,             true,  0, false, none    , "reviewer specialty"},
    {"guideline",  "XN:",  Kind::filter,   kNoSlot,             true,  0, false, none    , "guideline source: mtus, acoem, odg, other, none"},
    {"section",    "XE:",  Kind::filter,   kNoSlot,             true,  0, false, none    , "cited guideline section"},
    {"page",       "XA:",  Kind::filter,   kNoSlot,             false, 0, false, none    , "cited guideline page"},
    {"region",     "XB:",  Kind::filter,   kNoSlot,             true,  0, false, none    , "body region of the item"},
    {"year",       "XY:",  Kind::filter,   kNoSlot,             true,  0, false, none    , "year of the decision"},
    {"priority",   "XI:",  Kind::filter,   kNoSlot,             true,  0, false, none    , "standard or expedited review"},
    {"sex",        "XX:",  Kind::filter,   kNoSlot,             true,  0, false, none    , "patient sex"},
    {"side",       "XD:",  Kind::filter,   kNoSlot,             true,  0, false, none    , "side of the body: left, right, bilateral"},
    {"chapter",    "XJ:",  Kind::filter,   kNoSlot,             true,  0, false, none    , "guideline chapter the reviewer cited"},
    {"edition",    "XZ:",  Kind::filter,   kNoSlot,             true,  0, false, none    , "edition year of the cited guideline"},
    {"basis",      "XU:",  Kind::filter,   kNoSlot,             true,  0, false, none    , "mtus, outside-mtus (the reviewer went outside it) or none-cited"},
    {"claims",     "XM:",  Kind::filter,   kNoSlot,             true,  0, false, none    , "guideline sources the claims administrator cited (none: no evidence cited)"},
    {"state",      "XV:",  Kind::filter,   kNoSlot,             false, 0, false, none    , "reviewer's state of licensure"},
    {"date",       "",     Kind::date_range,   slot::decision_date, false, 0, false, none    , "decision date range: date:2016-12-01..2017-01-31"},
    {"age",        "",     Kind::number_range, slot::age,       false, 0, false, none    , "patient age range: age:40..60"},
    {"visits",     "",     Kind::number_range, slot::visits,    false, 0, false, none    , "visits in dispute: visits:7..12"},
    {"units",      "",     Kind::number_range, slot::units,     false, 0, false, none    , "units in dispute (#60): units:..30"},
    {"identifier", "",     Kind::internal, kNoSlot,             false, 0, false, none    , "identifiers kept whole (L4-5, 9792.24.1, 7.5mg): unprefixed, never a word's spelling"},
    {"concept",    "XW:",  Kind::domain_concept, kNoSlot,             false, 0, false, none    , "a domain concept in any of its spellings: concept:tens, concept:epidural-steroid-injection"},
    {"letter",     "XL:",  Kind::internal, kNoSlot,             false, 0, false, none    , "parent term shared by a letter's decisions"},
    {"file",       "XF:",  Kind::internal, kNoSlot,             false, 0, false, none    , "source file path"},
    {"hash",       "XH:",  Kind::internal, kNoSlot,             false, 0, false, none    , "content hash of the source file"},
    {"month",      "XQ:",  Kind::internal, kNoSlot,             false, 0, false, none    , "year and month of the decision (YYYYMM): date ranges' whole months"},
    {"sample",     "XR:",  Kind::internal, kNoSlot,             false, 0, false, none    , "hash sample levels the decision is in (facet estimates)"},
    {"summary_holder", "XLS:", Kind::internal, kNoSlot,         false, 0, false, none    , "the decision whose record holds its letter's case summary"},
};

}  // namespace

const std::vector<Field>& fields() { return kFields; }

namespace {

constexpr char kValueSeparator = '\x1f';
constexpr char kFieldSeparator = '\x1e';

}  // namespace

std::string pack_facets(const std::function<std::vector<std::string>(const Field&)>& values_of) {
    std::string packed;
    bool first_field = true;
    for (const Field* f : facets()) {
        if (!first_field) packed += kFieldSeparator;
        first_field = false;
        bool first_value = true;
        for (const auto& v : values_of(*f)) {
            if (!first_value) packed += kValueSeparator;
            first_value = false;
            // The separators are control characters, which no display value keeps.
            for (char c : v)
                if (c != kValueSeparator && c != kFieldSeparator) packed += c;
        }
    }
    return packed;
}

void packed_values(std::string_view packed, std::vector<PackedValue>& out) {
    out.clear();
    size_t field = 0, start = 0;
    for (size_t i = 0; i <= packed.size(); ++i) {
        const bool at_end = i == packed.size();
        if (!at_end && packed[i] != kFieldSeparator && packed[i] != kValueSeparator) continue;
        if (i > start) out.push_back({field, packed.substr(start, i - start)});
        if (!at_end && packed[i] == kFieldSeparator) ++field;
        start = i + 1;
    }
}

std::vector<std::vector<std::string>> unpack_facets(std::string_view packed) {
    std::vector<std::vector<std::string>> fields(facets().size());
    std::vector<PackedValue> values;
    packed_values(packed, values);
    for (const auto& [field, value] : values) {
        if (field < fields.size()) fields[field].emplace_back(value);
    }
    return fields;
}

unsigned sample_depth(std::string_view decision_id) {
    std::uint64_t h = detail::mixed_hash(decision_id);
    unsigned depth = 0;
    while (depth < kSampleLevels && (h & 1) == 0) {
        ++depth;
        h >>= 1;
    }
    return depth;
}

const Field& field(std::string_view name) {
    for (const auto& f : kFields) {
        if (f.name == name) return f;
    }
    throw Error(ErrorKind::bad_query, "unknown field '" + std::string(name) + "'");
}

std::vector<const Field*> fields_of(Kind kind) {
    std::vector<const Field*> out;
    for (const auto& f : kFields) {
        if (f.kind == kind) out.push_back(&f);
    }
    return out;
}

std::vector<const Field*> facets() {
    std::vector<const Field*> out;
    for (const auto& f : kFields) {
        if (f.facet) out.push_back(&f);
    }
    return out;
}

size_t facet_index(std::string_view name) {
    const std::vector<const Field*> all = facets();
    const auto it = std::find_if(all.begin(), all.end(), [&](const Field* f) { return f->name == name; });
    if (it == all.end()) throw std::logic_error("no facet named " + std::string(name));
    return static_cast<size_t>(it - all.begin());
}

std::string slug(std::string_view value) {
    icu::UnicodeString folded =
        icu::UnicodeString::fromUTF8(icu::StringPiece(value.data(), value.size())).foldCase();
    folded.findAndReplace("&", " and ");
    icu::UnicodeString out;
    bool pending_dash = false;
    for (int32_t i = 0; i < folded.length();) {
        UChar32 c = folded.char32At(i);
        i += U16_LENGTH(c);
        bool keep = u_isalnum(c) || c == '.' || c == '/' || c == '#';
        if (!keep) {
            pending_dash = !out.isEmpty();
            continue;
        }
        if (pending_dash) out.append(UChar32('-'));
        pending_dash = false;
        out.append(c);
    }
    // A trailing '.' is sentence punctuation, not part of the value.
    while (out.endsWith(".")) out.truncate(out.length() - 1);
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
}

std::string term(const Field& f, std::string_view value) {
    return std::string(f.prefix) + std::string(value);
}

std::string term(std::string_view field_name, std::string_view value) { return term(field(field_name), value); }

void check_version(const Xapian::Database& db, const std::string& where) {
    std::string stored = db.get_metadata(kVersionKey);
    if (stored.empty() && db.get_doccount() == 0) return;
    if (stored != std::to_string(kSchemaVersion)) {
        throw Error(ErrorKind::index,
                    where + ": index has schema version " + (stored.empty() ? "none" : stored) +
                        ", this imrsearch reads version " + std::to_string(kSchemaVersion) +
                        "; re-index into a new folder");
    }
}

void stamp_version(Xapian::WritableDatabase& db) {
    if (db.get_metadata(kVersionKey).empty()) db.set_metadata(kVersionKey, std::to_string(kSchemaVersion));
}

}  // namespace imr::schema
