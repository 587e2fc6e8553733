// The one table of fields. Indexer, query parser and output are driven by it:
// no other file spells a term prefix or a value slot.
//
// On-disk layout (schema version 13):
//   - one Xapian document per decision;
//   - unique id term  Q<id>            id = "<case number>#<ordinal>" or "<file stem>#<ordinal>";
//   - parent term     XL:<letter key>  every decision of one letter shares it, so re-indexing a
//                                      letter deletes all of its old decisions at once;
//   - XF:<path> (source file: absolute, symbolic links resolved, so that the same file is the
//     same term from any working folder) and XH:<content hash> for incremental indexing;
//   - free-text fields: English stems (Z-prefixed), never a stopword (imr/stopwords.h), under
//     the field's prefix, and, for the fields a decision is about (item, rationale,
//     citations), unprefixed; each copy with positions as Field::positions says (phrases).
//     The unprefixed positional copy places sentences kSentenceGap and fields kFieldGap apart,
//     so that the connectors are Xapian NEARs: /n and pre/n within a sentence, /s within
//     kSentenceGap, /p (a decision's paragraphs are its item and its rationale: the letters set
//     each rationale as one block) within kFieldGap; a phrase never spans two sentences. The case summary is
//     letter context shared by all of a letter's decisions: searched with summary:, it does
//     not rank decisions for bare words; its text is stored once per letter, in the record of
//     the letter's first decision (XLS:1), which alone has positions for it (in every decision
//     they made the index half as large again): a phrase in it finds the letters that say it;
//   - filter fields: terms <prefix><slug> (wdf 1, so that a query word naming the value can
//     boost); the display values of every facet field packed into one value slot
//     (slot::facets), so that Xapian's own ValueCountMatchSpy counts them with one read per
//     decision (and remote shards can count them too);
//   - sample terms XR:1 .. XR:<depth>: a decision is in sample level j with chance 2^-j, by a
//     hash of its id, so that facets of a broad query are counted over a fair sample; its
//     facet values as its database's codes (facet_codes.h) in slot::facet_codes(0) and again
//     in slot::facet_codes(j) of each of its levels, so that a count over one database reads
//     a short stream of the decisions it counts;
//   - document data: JSON with what display needs (see indexer/document_builder.cc);
//   - metadata key "imrsearch.schema_version" holds kSchemaVersion, "imrsearch.roots" the
//     folders and files indexed (canonical paths, one a line), "imrsearch.facet_book" and
//     "imrsearch.facet_code:<book>:<code>" the facet codebooks (facet_codes.h).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace imr::schema {

inline constexpr int kSchemaVersion = 13;
inline constexpr const char* kVersionKey = "imrsearch.schema_version";
// Metadata: the canonical paths letters were indexed from, one a line, in every shard.
inline constexpr const char* kRootsKey = "imrsearch.roots";

// Value slots. Each names its encoding.
namespace slot {
inline constexpr Xapian::valueno decision_date = 0;  // "YYYYMMDD"; DateRangeProcessor
inline constexpr Xapian::valueno age = 1;            // sortable_serialise(years)
// Every facet value of the decision, packed (pack_facets): one value read per examined
// decision instead of one per facet slot, which made counting cost 30 stream reads a
// decision; Xapian's own ValueCountMatchSpy counts the packed tuples, locally and remotely.
inline constexpr Xapian::valueno facets = 2;
inline constexpr Xapian::valueno letter = 3;         // the letter's key: one hit per letter (collapse)
inline constexpr Xapian::valueno indexed_at = 4;     // sortable_serialise(microseconds since 1970) when the
                                                     // decision entered the index: alerts' "new"
inline constexpr Xapian::valueno visits = 8;         // sortable_serialise(visits in dispute)
inline constexpr Xapian::valueno units = 9;          // sortable_serialise(units in dispute: "#60")
inline constexpr Xapian::valueno tie_break = 45;     // "YYYYMMDD <id>": equal weights rank newest first,
                                                     // the same in one index and across shards
// The facet values as codes (facet_codes.h), of every decision (level 0) or of the decisions
// of sample level `level` (1..kSampleLevels) only. A sample is spread over every docid, and
// counting it in slot::facets decoded most of that slot's stream (15 MB at 100k decisions: 4
// of a question's 19 ms); a level's stream holds the sample alone, one decision in 2^level,
// and its codes take a sixth of the display values' bytes.
constexpr Xapian::valueno facet_codes(unsigned level) { return 100 + level; }
}  // namespace slot

inline constexpr Xapian::valueno kNoSlot = Xapian::BAD_VALUENO;

// Glass's block size for imrsearch's indexes (Xapian's default is 8 KB, its largest 64 KB).
// Xapian reads a block with one pread, copying it whole: larger blocks mean fewer system calls
// on long posting lists, smaller ones less copied where a search reads a value or a document
// length here and there. 64 KB answered the query mix 1.27x as fast as 8 KB at schema 9; with
// the facet samples' value slots and per-hit reads since, 32 KB answers it in 0.93 of 64 KB's
// time at 100k decisions and at 1M (bench/engines, paired), indexes as fast, and a new index
// is a tenth smaller (compacted, the same size). Set when an index is made, and given again
// to xapian-compact (--blocksize), which otherwise writes 8 KB blocks.
inline constexpr unsigned kBlockSize = 32768;

// Positions between sentences of the unprefixed copy: more than the widest /n (255) and than the
// words a sentence keeps together (a longer sentence is read as several).
inline constexpr Xapian::termpos kSentenceGap = 256;
// Positions between fields: more than any field spans, so that /p is one field.
inline constexpr Xapian::termpos kFieldGap = 1u << 20;

// Free text is indexed as English stems only, positional and Z-prefixed (STEM_ALL_Z): half the
// postings of stems plus words, and phrases still match. The query parser must do the same.
inline constexpr const char* kStemLanguage = "english";
inline constexpr auto kIndexStemming = Xapian::TermGenerator::STEM_ALL_Z;
inline constexpr auto kQueryStemming = Xapian::QueryParser::STEM_ALL_Z;

enum class Kind {
    text,      // free text, positional, searchable with and without its prefix
    filter,    // boolean terms; OR within a field, AND across fields
    date_range,    // a date slot searched by a range ("date:2016-12-01..2017-01-31")
    number_range,  // a number slot searched by a range ("visits:7..12")
    domain_concept,  // a domain concept term (XW:), weighted like a word, named by any of its spellings
    internal,  // bookkeeping terms, not offered to users
};

// Which copies of a text field's words keep positions, so that phrases match there.
enum class Positions {
    none,      // words only
    prefixed,  // the field's own (prefixed) copy: field:"a phrase"
    both,      // that and the unprefixed copy: "a phrase" without a field
    holder,    // the field's copy in its letter's summary holder only (XLS:1): a letter's phrase
};

struct Field {
    std::string_view name;    // as typed in queries and shown in JSON
    std::string_view prefix;  // Xapian term prefix, "" for none
    Kind kind;
    Xapian::valueno slot;     // range fields: the value slot searched, else kNoSlot
    bool facet;               // counted over the whole match set (packed in slot::facets)
    unsigned wdf_weight;      // text fields: how much one occurrence counts
    bool in_default_search;   // text fields: also indexed without prefix, for unqualified words
    Positions positions;      // text fields: which copies keep positions, for phrases
    std::string_view help;
};

// Facet sampling: a decision belongs to sample levels 1..sample_depth(id), level j holding
// one decision in 2^j whatever the query, by a hash of the id.
inline constexpr unsigned kSampleLevels = 24;
unsigned sample_depth(std::string_view decision_id);

// Every field, in display order.
const std::vector<Field>& fields();

// The field named `name`; throws imr::Error (bad_query) when there is none.
const Field& field(std::string_view name);

// Fields of one kind, or the facets.
std::vector<const Field*> fields_of(Kind kind);
std::vector<const Field*> facets();
// The index in facets() of the facet named `name` (a facet of the table: throws
// std::logic_error for another).
size_t facet_index(std::string_view name);

// A decision's facet values, field by field in facets() order, as one value: a field's values
// joined by '\x1f', fields by '\x1e'. `values_of(field)` gives a field's display values.
std::string pack_facets(const std::function<std::vector<std::string>(const Field&)>& values_of);

// pack_facets undone: each facet field's values, in facets() order.
std::vector<std::vector<std::string>> unpack_facets(std::string_view packed);

// One of a decision's packed facet values: its field by index in facets(), the value a view
// into the packed string.
struct PackedValue {
    size_t field;
    std::string_view value;
};

// pack_facets undone in place, into `out` (cleared first, so that a caller reading many
// decisions' values reuses its storage).
void packed_values(std::string_view packed, std::vector<PackedValue>& out);

// A filter value as stored: NFKC-folded to lower case, "&" read as "and", every run of
// characters other than letters, digits, '.', '/' and '#' made one '-'.
// "Physical Medicine & Rehabilitation" -> "physical-medicine-and-rehabilitation".
std::string slug(std::string_view value);

// The boolean term for `value` (already a slug, or an id) in `f`, or in the field named
// `field_name` (throws imr::Error when there is none).
std::string term(const Field& f, std::string_view value);
std::string term(std::string_view field_name, std::string_view value);

// Throws imr::Error (index) naming `where` when `db` holds documents written under another
// schema version (or none).
void check_version(const Xapian::Database& db, const std::string& where);

// Records kSchemaVersion in a new, empty database.
void stamp_version(Xapian::WritableDatabase& db);

}  // namespace imr::schema
