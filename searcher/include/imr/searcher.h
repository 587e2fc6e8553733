// Searching the index: the API the command line and embedding programs use.
//
//   imr::Searcher searcher("index/");
//   imr::SearchResults r = searcher.search("acupuncture upheld no functional improvement");
//   for (const auto& hit : r.hits) std::cout << hit.record.id << " " << hit.record.title << "\n";
//   for (const auto& facet : r.facets) ...
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "imr/record.h"

namespace imr {

// Bounds on what one search may ask, so that no request runs for seconds: beyond them is an
// imr::Error (bad_usage). A whole result set is exported, not paged.
inline constexpr size_t kMaxLimit = 1000;      // hits on one page
inline constexpr size_t kMaxWindow = 10000;    // offset + limit

// How hits are ordered: by relevance (equal weights newest first), or by decision date.
// Decisions without a date sort as the oldest.
enum class Sort { relevance, newest, oldest };

struct SearchOptions {
    size_t offset = 0;
    size_t limit = 10;
    Sort sort = Sort::relevance;
    // One hit per letter (its best decision, in `sort` order), the letter's other matching
    // decisions in Hit::letter_decisions; `total` still counts decisions, `letters` letters.
    bool by_letter = false;
    // Filters beside the query, whatever its syntax: field and value, OR within a field and AND
    // across fields, as field:"value" typed in a plain query (values read the same way).
    std::vector<std::pair<std::string, std::string>> filters;
    // Only decisions that entered the index after this time (microseconds since 1970; 0: all):
    // alerts' new decisions.
    double entered_after = 0;
    bool literal = false;        // no query understanding: words are only words
    size_t excerpt_bytes = 320;  // roughly how long an excerpt is
    bool facets = true;
    // Facet counts are exact while a query matches at most this many decisions; beyond it,
    // Xapian examines at least this many and the counts are scaled up and marked estimates.
    size_t facet_bound = 2000;
};

// A piece of an excerpt; `hit` marks the query's words.
struct Fragment {
    std::string text;
    bool hit = false;
};

struct Hit {
    size_t rank = 0;              // 1-based, across pages
    double weight = 0;
    int percent = 0;
    DecisionRecord record;
    std::vector<Fragment> excerpt;  // from the rationale
    std::vector<DecisionRecord> letter_decisions;  // by_letter: the letter's other matches, best first
};

struct FacetValue {
    std::string value;
    size_t count = 0;
    size_t overturned = 0;  // of `count`, how many overturned the denial
};

struct Facet {
    std::string field;
    std::vector<FacetValue> values;  // most frequent first
};

// A filter the query was understood to carry (typed "outcome:upheld" or just "upheld"), or
// a facet value its words name, which ranks decisions having it higher without excluding others.
struct Filter {
    std::string field;
    std::string value;        // whole, as stored ("low back complaints", "cervical")
    bool from_words = false;  // understood from a free-text word rather than typed as field:value
    bool boost = false;       // raises the weight of decisions with the value; filters nothing
    std::string typed = {};   // as typed, when understood as another value (region:neck: "neck")
};

// A range the query filters by, as understood: "date:2017" is 2017-01-01 .. 2017-12-31.
struct RangeFilter {
    std::string field;
    std::string from, to;  // "" for an open end
};

struct SearchResults {
    std::string query;               // as typed
    std::string text;                // the query as understood (outcome:upheld for "upheld" ...)
    bool connectors = false;         // read as terms and connectors (Westlaw's, Lexis's)
    std::vector<Filter> filters;     // filters typed and understood, boosts
    std::vector<RangeFilter> ranges;
    std::vector<std::string> notices;  // what the user should know: a value no decision has ...
    std::vector<std::string> common_words;  // typed words most decisions hold, searched without
    std::string parsed;              // Xapian's description of the final query
    size_t total = 0;                // matching decisions (exact when total_exact)
    bool total_exact = true;
    size_t total_lower = 0;          // at least this many match, surely
    size_t letters = 0;              // by_letter: matching letters (at least; exact when letters_exact)
    bool letters_exact = true;
    std::vector<Hit> hits;
    std::vector<Facet> facets;       // counted over the whole match set
    bool facets_exact = true;        // false: counted over a sample of facet_bound, scaled
    std::vector<std::string> missing_shards;  // shards left out (SearcherOptions::partial), why
    std::string suggestion;          // a respelling of the query that finds more, or ""
    size_t suggestion_total = 0;     // how many the suggestion finds
};

struct ExportOptions {
    Sort sort = Sort::newest;
    bool literal = false;
};

// The longest text `similar_text` takes.
inline constexpr size_t kMaxSimilarTextBytes = 1u << 20;

// Decisions exported by relevance at most (the whole ranking is held); by date, any number.
inline constexpr size_t kMaxRelevanceExport = 100000;

struct IndexStats {
    size_t decisions = 0;
    size_t letters = 0;
    std::vector<Facet> facets;
};

struct SearcherOptions {
    // Answer from the shards that can be opened, naming the others in every result, rather
    // than fail when one cannot be reached.
    bool partial = false;
    // A folder of shards: search each local shard in a process of its own (xapian-progsrv,
    // Xapian's remote backend over a pipe), so that a query's shards are searched at once, one
    // core each. Spelling suggestions need the shards opened in this process and are not made.
    bool parallel = false;
    // An index opened in this process (not `parallel`, no remote shard) is matched in two
    // halves at once, each on a thread with a database handle of its own, when this is 2 (0:
    // 2 on a machine of two cores or more for an index of 500,000 decisions or more, as it
    // stands when opened; below that one thread was faster). The same results; 1 matches on
    // the calling thread.
    unsigned threads = 0;
};

class Searcher {
public:
    // Opens the index read-only: one database, a folder of shards, or a stub file naming local
    // and remote shards ("remote HOST:PORT" served by xapian-tcpsrv). Throws imr::Error (index)
    // when it is missing, unreadable, of another schema version, or a shard cannot be opened
    // (named) and not `options.partial`.
    explicit Searcher(const std::filesystem::path& db, SearcherOptions options = {});
    ~Searcher();
    Searcher(Searcher&&) noexcept;

    // Throws imr::Error (bad_query) naming the query when it is empty, not UTF-8, too long,
    // or malformed (an unknown field, a field without a value, a reversed range, a wildcard
    // too short or matching too many words ...), and (bad_usage) when options.limit or the
    // window offset + limit is over its bound.
    SearchResults search(const std::string& query, const SearchOptions& options = {});

    // The decisions most like decision `id`, of the same treatment category unless
    // `any_treatment`. Throws imr::Error (not_found) when there is no such decision.
    SearchResults similar(const std::string& id, const SearchOptions& options = {}, bool any_treatment = false);

    // Every decision `query` matches, handed to `each` in `options.sort` order, memory bounded
    // whatever their number (by date, a month's decisions at a time); returns how many. Throws
    // imr::Error as search() does, (bad_usage) for more than kMaxRelevanceExport by relevance,
    // and (index) when a commit meets it.
    size_t export_matches(const std::string& query, const ExportOptions& options,
                          const std::function<void(const DecisionRecord&)>& each);

    // The decisions most like `text` (a pasted rationale or brief), of any treatment. Throws
    // imr::Error (bad_query) when it is not UTF-8, over kMaxSimilarTextBytes, or holds no word
    // the index has.
    SearchResults similar_text(const std::string& text, const SearchOptions& options = {});

    // One decision by id, or every decision of a letter by case number or file stem.
    std::vector<DecisionRecord> lookup(const std::string& id_or_case);

    IndexStats stats();

    // When the newest decision entered the index (microseconds since 1970; 0 for none).
    double newest_entry();

    // The index's revision (each commit raises it); nullopt for shards.
    std::optional<long long> revision();

    // The folders and files letters were indexed from (canonical): what a service may serve
    // source files from.
    std::vector<std::filesystem::path> indexed_roots();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace imr
