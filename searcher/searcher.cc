#include "imr/searcher.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <cctype>
#include <functional>
#include <future>
#include <optional>
#include <thread>

#include <xapian.h>

#include "imr/ascii.h"
#include "shards.h"
#include "facets.h"
#include "imr/error.h"
#include "imr/schema.h"
#include "connectors.h"
#include "filter_values.h"
#include "indexed_words.h"
#include "imr/analyzers.h"
#include "imr/stopwords.h"
#include "imr/utf8.h"
#include "query_builder.h"
#include "query_syntax.h"
#include "query_understanding.h"

namespace imr {

namespace fs = std::filesystem;
namespace sc = imr::schema;

namespace {

// A writer committing while we read invalidates what we hold; reopening and trying
// again gives the newer revision.
constexpr int kModifiedRetries = 10;

// A query finding fewer decisions than this gets a spelling suggestion, when one finds more.
constexpr size_t kSuggestBelow = 3;

// Below this many decisions a search is matched on one thread unless asked for two: on two
// cores two halves answered the query mix slower than one thread (bench/engines, 51 against 82
// queries/s at 100k decisions; 22-24 against 23-28 at 300k), and faster at 1M (16.0 against
// 11.3, schema 10): each half prunes against its own page and pays the match's fixed costs.
constexpr Xapian::doccount kHalvesFrom = 500000;

unsigned default_threads(const Xapian::Database& db) {
    return std::thread::hardware_concurrency() >= 2 && db.get_doccount() >= kHalvesFrom ? 2 : 1;
}

// `stats` counts facets exactly up to this many decisions, over a sample beyond (the tuples a
// counting pass holds grow with the decisions it examines).
constexpr size_t kStatsFacetBound = 200000;

// How many of a decision's most telling terms `similar` searches with.
constexpr Xapian::termcount kSimilarTerms = 30;

// Expansion terms for `similar`: the words of the decision's own text (its item, rationale and
// citations: the unprefixed stems, "Z" then a lower-case letter) and its domain concepts; not
// ids, identifiers, field copies, filters or bookkeeping terms. (Only concepts and identifiers
// passed before the index held stems alone: a Norco request found Baclofen.)
class WordsAndConcepts : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override {
        if (term.size() > 3 && term[0] == 'Z' && std::islower(static_cast<unsigned char>(term[1])))
            return !std::isdigit(static_cast<unsigned char>(term[1]));
        return term.rfind(std::string(sc::field("concept").prefix), 0) == 0;
    }
};

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
        if (nl > start) out.push_back(text.substr(start, nl - start));
    if (start < text.size()) out.push_back(text.substr(start));
    return out;
}

}  // namespace

struct Searcher::Impl {
    fs::path path;
    Xapian::Database db;
    std::optional<Xapian::Database> other_handle;  // the same index, for the second half of a match
    std::vector<std::string> missing_shards;
    std::shared_ptr<void> keep_alive;
    bool one_local_database = false;
    detail::FacetNames facet_names;  // of db, when one_local_database

    // Both handles at the newest revision.
    void reopen() {
        db.reopen();
        if (other_handle) other_handle->reopen();
    }

    // The second handle when it sees what the first does (the same last docid and count; our
    // writer adds a decision under a new docid), so that the halves of the docids split one
    // revision. A commit between the two reopens: matched whole this time.
    const Xapian::Database* halves_handle() const {
        if (!other_handle) return nullptr;
        const bool same = db.get_lastdocid() == other_handle->get_lastdocid() &&
                          db.get_doccount() == other_handle->get_doccount();
        return same ? &*other_handle : nullptr;
    }

    Error index_error(const Xapian::Error& e) const {
        return Error(ErrorKind::index, path.string() + ": " + e.get_type() + ": " + e.get_msg());
    }

    // Runs `f`, reopening and trying again while a writer's commits overtake it; every
    // Xapian error leaves as an imr::Error. The reopen happens at the top of the next
    // attempt, inside the try, since it can meet a newer commit too.
    template <typename F>
    auto with_retry(F&& f) {
        for (int attempt = 0;; ++attempt) {
            try {
                if (attempt > 0) reopen();
                return f();
            } catch (const Xapian::DatabaseModifiedError& e) {
                if (attempt + 1 >= kModifiedRetries) throw index_error(e);
            } catch (const Xapian::WildcardError& e) {
                throw Error(ErrorKind::bad_query, "a wildcard matches more than " + std::to_string(detail::kMaxWildcardTerms) +
                                                      " words of the index (" + e.get_msg() + "); type more of the word");
            } catch (const Xapian::Error& e) {
                throw index_error(e);
            }
        }
    }

    SearchResults run(const std::string& query, const SearchOptions& options) {
        check(query, options);
        // Cheap when nothing changed; otherwise moves to the newest committed revision, so a
        // long-lived Searcher sees what a concurrent indexer has committed.
        reopen();
        SearchResults results;
        detail::RankedQuery q = parsed(query, options.literal, results);
        if (!options.filters.empty()) q = filtered(q, options.filters, results);
        if (options.entered_after > 0) q = entered_after(q, options.entered_after);
        execute(q, options, results);
        if (results.total < kSuggestBelow && !results.connectors) suggest(query, options, results);
        return results;
    }

    // `q` within `filters`, each read as field:"value" is in a plain query.
    detail::RankedQuery filtered(detail::RankedQuery q, const std::vector<std::pair<std::string, std::string>>& filters,
                                 SearchResults& results) {
        std::map<std::string, std::string> by_field;
        for (const auto& [field, value] : filters) {
            std::string v = value;
            std::erase(v, '"');
            by_field[field] += " " + field + ":\"" + v + "\"";
        }
        for (const auto& [field, text] : by_field) {
            const detail::BuiltQuery f = detail::build_query(db, detail::understand(text, true), text, one_local_database);
            results.filters.insert(results.filters.end(), f.log.filters.begin(), f.log.filters.end());
            results.notices.insert(results.notices.end(), f.log.notices.begin(), f.log.notices.end());
            q = within(q, f.ranked.unboosted);
        }
        return q;
    }

    // `q` among the decisions that entered the index after `when`.
    static detail::RankedQuery entered_after(detail::RankedQuery q, double when) {
        const Xapian::Query later(Xapian::Query::OP_VALUE_GE, sc::slot::indexed_at, Xapian::sortable_serialise(std::nextafter(when, 1e300)));
        return within(std::move(q), later);
    }

    // `q` matching only what `filter` matches too.
    static detail::RankedQuery within(detail::RankedQuery q, const Xapian::Query& filter) {
        for (Xapian::Query* part : {&q.query, &q.unboosted, &q.fast})
            if (!part->empty()) *part = Xapian::Query(Xapian::Query::OP_FILTER, *part, filter);
        if (q.fast_around) {
            q.fast_around = [around = std::move(q.fast_around), filter](const Xapian::Query& words) {
                return Xapian::Query(Xapian::Query::OP_FILTER, around(words), filter);
            };
        }
        return q;
    }

    // `query` understood and parsed, how it was read noted in `results`.
    detail::RankedQuery parsed(const std::string& query, bool literal, SearchResults& results) {
        results.query = query;
        results.missing_shards = missing_shards;
        detail::Understood understood;
        detail::BuiltQuery built;
        results.connectors = !literal && detail::is_connector_query(query);
        if (results.connectors) {
            built = detail::build_connector_query(db, one_local_database, query, results.text);
        } else {
            understood = detail::understand(query, literal);
            built = detail::build_query(db, understood, query, one_local_database);
            results.text = understood.shown;
        }
        results.filters = applied_filters(built.log, understood);
        results.ranges = std::move(built.log.ranges);
        results.notices = std::move(built.log.notices);
        results.common_words = std::move(built.log.common_words);
        return built.ranked;
    }

    // Every match of `query`, in `sort` order, handed to `each` one by one: by date month by
    // month (a month's decisions at a time in memory), undated ones last; by relevance the
    // whole ranking, at most kMaxRelevanceExport. Returns how many.
    size_t export_matches(const std::string& query, const ExportOptions& options,
                          const std::function<void(const DecisionRecord&)>& each) {
        check(query, SearchOptions{});
        reopen();
        SearchResults how;
        const detail::RankedQuery ranked = parsed(query, options.literal, how);
        const Xapian::Query& q = ranked.unboosted;
        size_t n = 0;
        auto hand_over = [&](const Xapian::MSet& m) {
            for (auto it = m.begin(); it != m.end(); ++it, ++n) each(DecisionRecord::from_data(it.get_document().get_data()));
        };
        if (options.sort == Sort::relevance) {
            Xapian::Enquire count(db);
            count.set_query(q);
            const Xapian::doccount total = count.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
            if (total > kMaxRelevanceExport) {
                throw Error(ErrorKind::bad_usage, "query '" + query + "' matches " + std::to_string(total) +
                                                      " decisions, more than the " + std::to_string(kMaxRelevanceExport) +
                                                      " exported by relevance; export them newest or oldest first");
            }
            hand_over(detail::ranked(db, ranked.query, 0, total));  // the search's own order, boosts and all
            return n;
        }
        const detail::Order order{options.sort, false};
        std::vector<std::string> months, years;
        for (const char* field : {"month", "year"}) {
            const std::string prefix(sc::field(field).prefix);
            for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) (field[0] == 'm' ? months : years).push_back(*it);
        }
        if (options.sort == Sort::newest) std::reverse(months.begin(), months.end());
        for (const auto& month : months) {
            const Xapian::Query in_month(Xapian::Query::OP_FILTER, q, Xapian::Query(month));
            hand_over(detail::ranked(db, in_month, 0, db.get_termfreq(month), 0, order));
        }
        const Xapian::Query undated(Xapian::Query::OP_AND_NOT, q, Xapian::Query(Xapian::Query::OP_OR, years.begin(), years.end()));
        hand_over(detail::ranked(db, undated, 0, db.get_doccount(), 0, order));
        return n;
    }

    static void check(const std::string& query, const SearchOptions& options) {
        if (const auto bad = invalid_utf8_at(query)) {
            throw Error(ErrorKind::bad_query, "query is not UTF-8 text: byte " + std::to_string(*bad + 1) +
                                                  " starts no character");
        }
        if (options.limit > kMaxLimit) {
            throw Error(ErrorKind::bad_usage, "limit " + std::to_string(options.limit) + " is over " +
                                                  std::to_string(kMaxLimit) + " hits a page; export takes every match");
        }
        if (options.offset > kMaxWindow || options.offset + options.limit > kMaxWindow) {
            throw Error(ErrorKind::bad_usage, "offset " + std::to_string(options.offset) + " and limit " +
                                                  std::to_string(options.limit) + " reach past hit " +
                                                  std::to_string(kMaxWindow) + "; narrow the query, or export it");
        }
    }

    // The filters the parser applied (whole values, as typed or understood), those understood
    // from words marked so, then the boosts.
    static std::vector<Filter> applied_filters(const detail::ParseLog& log, const detail::Understood& understood) {
        std::vector<Filter> out = log.filters;
        for (auto& f : out) {
            for (const auto& w : understood.filters)
                if (!w.boost && w.field == f.field && w.value == f.value) f.from_words = true;
        }
        for (const auto& w : understood.filters)
            if (w.boost) out.push_back(w);
        return out;
    }

    // Offers the query with its misspelt words respelt (Xapian's spelling dictionary, of item
    // titles' words) when that finds more decisions. Common words the index leaves out are
    // neither respelt nor offered.
    void suggest(const std::string& query, const SearchOptions& options, SearchResults& results) {
        std::string respelt;
        bool changed = false;
        for (const auto& t : detail::tokens_of(query)) {
            std::string text = t.text;
            if (t.is_word() && !t.wildcard) {
                const std::string word = ascii_lower(detail::bare_word(t.value));
                const std::string better = word.size() > 2 && !stopwords()(word) ? db.get_spelling_suggestion(word) : "";
                if (!better.empty() && better != word && !stopwords()(better)) {
                    text = std::string(t.sign ? std::string(1, t.sign) : "") + better;
                    changed = true;
                }
            }
            respelt += (respelt.empty() ? "" : " ") + text;
        }
        if (!changed) return;
        try {
            const detail::BuiltQuery built = detail::build_query(db, detail::understand(respelt, options.literal), respelt, one_local_database);
            Xapian::Enquire enquire(db);
            enquire.set_query(built.ranked.query);
            const size_t found = enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
            if (found > results.total) {
                results.suggestion = respelt;
                results.suggestion_total = found;
            }
        } catch (const Error&) {
            // A respelling that does not parse is no suggestion.
        }
    }

    // Runs `q`: the page of hits with excerpts, and facet counts over every match. Facets are
    // counted in passes of their own: Xapian 1.4's remote backend over-counts match spies when
    // results are sorted by value (bench: 43 documents examined for 40 matches).
    void execute(const detail::RankedQuery& q, const SearchOptions& options, SearchResults& results) {
        results.parsed = q.query.get_description();
        const detail::Order order{options.sort, options.by_letter};
        detail::RankedPage page =
            detail::ranked_page(db, halves_handle(), q, options.offset, options.limit, options.excerpt_bytes, order,
                                options.facets ? options.facet_bound : 0);
        results.total = page.estimated;
        results.total_exact = page.lower == page.upper;
        results.total_lower = page.lower;
        results.hits = std::move(page.hits);
        if (options.by_letter) add_letters(q.query, options, results);
        if (options.facets) count_facets(q.query, page, options, results);
    }

    // One hit per letter: how many letters match (exact up to the facet bound), and each hit's
    // letter's other matching decisions, best first.
    void add_letters(const Xapian::Query& q, const SearchOptions& options, SearchResults& results) {
        Xapian::Enquire letters(db);
        letters.set_query(q);
        letters.set_weighting_scheme(Xapian::BoolWeight());
        letters.set_collapse_key(sc::slot::letter);
        const Xapian::MSet counted = letters.get_mset(0, 0, static_cast<Xapian::doccount>(options.facet_bound));
        results.letters = counted.get_matches_estimated();
        results.letters_exact = counted.get_matches_lower_bound() == counted.get_matches_upper_bound();
        if (results.hits.empty()) return;
        std::vector<Xapian::Query> keys;
        for (const auto& h : results.hits) keys.emplace_back(sc::term("letter", h.record.letter_key));
        Xapian::Enquire others(db);
        others.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(Xapian::Query::OP_OR, keys.begin(), keys.end())));
        others.set_weighting_scheme(detail::ranking());
        others.set_sort_by_relevance_then_value(sc::slot::tie_break, true);
        const Xapian::MSet all = others.get_mset(0, static_cast<Xapian::doccount>(kMaxLimit));
        for (auto it = all.begin(); it != all.end(); ++it) {
            DecisionRecord r = DecisionRecord::from_data(it.get_document().get_data());
            for (auto& h : results.hits)
                if (h.record.letter_key == r.letter_key && h.record.id != r.id) h.letter_decisions.push_back(r);
        }
    }

    // Facet counts, exact while the query matches at most options.facet_bound decisions;
    // beyond that, counted over the decisions of one hash sample level (a fair sample of up
    // to `bound` of them, whatever their rank or docid) and scaled. The pass is weightless: a
    // ranked pass would go on through the whole match set to find its best document.
    void count_facets(const Xapian::Query& q, const detail::RankedPage& hits, const SearchOptions& options,
                      SearchResults& results) {
        // The matcher's upper bound is sure but can be far too high, its estimate far too low
        // (a phrase: 200 estimated, 22,673 matching); start from the bound, and if the sample
        // then holds under a quarter of `bound` decisions, count again at the level that fits.
        // Samples hold bound/4 to bound decisions: a second pass for any smaller sample cost
        // broad queries 10 ms at 1M decisions for little more accuracy.
        unsigned level = detail::sample_level(hits.upper, options.facet_bound);
        Counted counted = hits.sample && hits.sample->level == level ? count_walked(*hits.sample) : count_at(q, level);
        const unsigned fitting = detail::sample_level(counted.examined << level, options.facet_bound);
        if (fitting + 2 <= level) {
            level = fitting;
            counted = count_at(q, level);
        }
        results.facets = std::move(counted.facets);
        results.facets_exact = level == 0;
        if (level == 0) {
            results.total = counted.examined;
            results.total_exact = true;
            results.total_lower = counted.examined;
        } else {
            // The sample's own estimate, which for phrases and ranges is far closer than the
            // matcher's; kept within the bounds the matcher is sure of, and exact where they
            // meet (a filter alone: `treatment:acupuncture` was "about 5098" though sure).
            results.total = std::clamp<size_t>(counted.examined << level, hits.lower, hits.upper);
            results.total_exact = hits.lower == hits.upper;
        }
    }

    struct Counted {
        std::vector<Facet> facets;
        size_t examined = 0;
    };

    // Facet counts over the decisions of `q` in sample `level` (0: all), scaled by 2^level;
    // with a second handle, over the two halves of the docids at once.
    Counted count_at(const Xapian::Query& q, unsigned level) {
        const Xapian::Query sampled = detail::in_sample(q, level);
        if (!halves_handle()) return counted_in(sampled, Xapian::Query(), level);
        return counted_in(detail::in_half(sampled, 0), detail::unshared(detail::in_half(sampled, 1)), level);
    }

    // Facet counts over the sample's matches the page's match found, scaled as count_at's.
    Counted count_walked(const detail::FacetSample& sample) {
        return counted_in(sample.matches, sample.other_half, sample.level);
    }

    // The facet counts of the matches of `here`, and of `there` (a copy of its own, or none)
    // through the second handle on a thread of its own, scaled as sample `level`.
    Counted counted_in(const Xapian::Query& here, const Xapian::Query& there, unsigned level) {
        // Codes are read where the index is one database of this process, whose codebook
        // the halves share.
        const detail::CodeBooks* books = one_local_database ? &facet_names.refresh(db) : nullptr;
        const Xapian::Database* other = halves_handle();
        std::future<detail::FacetTally> other_half;
        if (!there.empty()) {
            // Matched in halves through the other handle, at the revision both still hold.
            if (!other) throw Xapian::DatabaseModifiedError("the second handle moved on between the page and its facets");
            // The books are only read while both halves count.
            other_half = std::async(std::launch::async, [other, level, books, copy = there] {
                return detail::facet_tally(*other, copy, level, books);
            });
        }
        detail::FacetTally tally = detail::facet_tally(db, here, level, books);
        if (other_half.valid()) tally.add(other_half.get());
        if (books) tally.resolve(facet_names);
        return {tally.facets(static_cast<double>(std::uint64_t{1} << level)), tally.examined};
    }

    // Decisions most like `id`: the terms that best tell it apart (Xapian's relevance
    // feedback over the decision itself), searched among decisions of its treatment category
    // unless `any_treatment`.
    SearchResults similar(const std::string& id, const SearchOptions& options, bool any_treatment) {
        db.reopen();
        const std::string id_term = sc::term("id", id);
        Xapian::PostingIterator p = db.postlist_begin(id_term);
        if (p == db.postlist_end(id_term)) {
            throw Error(ErrorKind::not_found, id + ": no such decision in " + path.string());
        }
        DecisionRecord source = DecisionRecord::from_data(db.get_document(*p).get_data());
        Xapian::RSet rset;
        rset.add_document(*p);
        Xapian::Enquire enquire(db);
        WordsAndConcepts decider;
        Xapian::ESet eset = enquire.get_eset(kSimilarTerms, rset, &decider);
        Xapian::Query q(Xapian::Query::OP_OR, eset.begin(), eset.end());
        q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(id_term));
        if (!any_treatment) {
            q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                              Xapian::Query(sc::term("treatment", sc::slug(source.treatment))));
        }
        SearchResults results;
        results.query = "similar:" + id;
        results.text = std::string();
        for (auto it = eset.begin(); it != eset.end(); ++it) {
            if (!results.text.empty()) results.text += ' ';
            results.text += *it;
        }
        if (!any_treatment) results.filters.push_back({"treatment", source.treatment, true});
        execute(detail::plain_ranked(q), options, results);
        return results;
    }

    // Decisions most like a pasted text: its words and concepts as the index makes them, the
    // kSimilarTerms that best tell decisions apart (by how often the text says them and how few
    // decisions do: tf x idf), any of them.
    SearchResults similar_text(const std::string& text, const SearchOptions& options) {
        reopen();
        if (const auto bad = invalid_utf8_at(text)) {
            throw Error(ErrorKind::bad_query, "text is not UTF-8: byte " + std::to_string(*bad + 1) + " starts no character");
        }
        if (text.size() > kMaxSimilarTextBytes) {
            throw Error(ErrorKind::bad_query, "text of " + std::to_string(text.size()) + " bytes is over the limit of " +
                                                  std::to_string(kMaxSimilarTextBytes));
        }
        std::map<std::string, double> counts;
        for (const auto& t : detail::IndexedWords("")(text)) counts[t] += 1;
        for (const auto& c : concepts_in(text)) counts[sc::term("concept", c.name)] += c.count;
        const double n = static_cast<double>(db.get_doccount());
        std::vector<std::pair<double, std::string>> scored;
        for (const auto& [term, tf] : counts) {
            const Xapian::doccount df = db.get_termfreq(term);
            if (df > 0 && WordsAndConcepts()(term)) scored.emplace_back(tf * std::log(n / df), term);
        }
        std::sort(scored.begin(), scored.end(), std::greater<>());
        if (scored.size() > kSimilarTerms) scored.resize(kSimilarTerms);
        if (scored.empty()) throw Error(ErrorKind::bad_query, "the text holds no word the index has");
        std::vector<std::string> terms;
        for (const auto& [score, term] : scored) terms.push_back(term);
        const Xapian::Query q(Xapian::Query::OP_OR, terms.begin(), terms.end());
        SearchResults results;
        results.query = "similar to a text of " + std::to_string(text.size()) + " bytes";
        for (const auto& t : terms) results.text += (results.text.empty() ? "" : " ") + t;
        execute(detail::plain_ranked(q), options, results);
        return results;
    }

    std::vector<DecisionRecord> lookup(const std::string& key) {
        std::vector<DecisionRecord> out;
        for (std::string_view field : {"id", "letter"}) {
            std::string term = sc::term(field, key);
            for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
                out.push_back(DecisionRecord::from_data(db.get_document(*it).get_data()));
            }
            if (!out.empty()) break;
        }
        std::sort(out.begin(), out.end(),
                  [](const DecisionRecord& a, const DecisionRecord& b) { return a.ordinal < b.ordinal; });
        return out;
    }
};

Searcher::Searcher(const fs::path& db, SearcherOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->path = db;
    std::error_code ec;
    if (!fs::exists(db, ec)) {
        throw Error(ErrorKind::index, db.string() + ": no index here; build one with 'imrsearch index --db " +
                                          db.string() + " FOLDER'");
    }
    try {
        detail::OpenedIndex opened = detail::open_index(db, options.partial, options.parallel);
        impl_->db = opened.db;
        impl_->missing_shards = opened.missing;
        impl_->keep_alive = opened.scratch;
        impl_->one_local_database = opened.single && opened.in_process;
        const unsigned threads = options.threads ? options.threads : default_threads(opened.db);
        if (opened.in_process && opened.missing.empty() && threads >= 2) {
            impl_->other_handle = detail::open_index(db, false, false).db;
        }
    } catch (const Xapian::Error& e) {
        throw Error(ErrorKind::index, db.string() + ": cannot open index: " + e.get_msg());
    }
    impl_->with_retry([&] {
        sc::check_version(impl_->db, db.string());
        return 0;
    });
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;

SearchResults Searcher::search(const std::string& query, const SearchOptions& options) {
    return impl_->with_retry([&] { return impl_->run(query, options); });
}

std::vector<DecisionRecord> Searcher::lookup(const std::string& id_or_case) {
    return impl_->with_retry([&] {
        auto found = impl_->lookup(id_or_case);
        if (found.empty() && !id_or_case.empty()) {
            found = impl_->lookup(ascii_upper(id_or_case));
        }
        return found;
    });
}

SearchResults Searcher::similar_text(const std::string& text, const SearchOptions& options) {
    return impl_->with_retry([&] { return impl_->similar_text(text, options); });
}

SearchResults Searcher::similar(const std::string& id, const SearchOptions& options, bool any_treatment) {
    return impl_->with_retry([&] { return impl_->similar(id, options, any_treatment); });
}

std::optional<long long> Searcher::revision() {
    return impl_->with_retry([&]() -> std::optional<long long> {
        impl_->reopen();
        try {
            return static_cast<long long>(impl_->db.get_revision());
        } catch (const Xapian::InvalidOperationError&) {
            return std::nullopt;  // more than one database
        }
    });
}

std::vector<std::filesystem::path> Searcher::indexed_roots() {
    return impl_->with_retry([&] {
        std::vector<std::filesystem::path> out;
        for (const auto& line : split_lines(impl_->db.get_metadata(sc::kRootsKey))) out.emplace_back(line);
        return out;
    });
}

double Searcher::newest_entry() {
    return impl_->with_retry([&] {
        impl_->reopen();
        const std::string bound = impl_->db.get_value_upper_bound(sc::slot::indexed_at);
        return bound.empty() ? 0.0 : Xapian::sortable_unserialise(bound);
    });
}

size_t Searcher::export_matches(const std::string& query, const ExportOptions& options,
                                const std::function<void(const DecisionRecord&)>& each) {
    // Not retried: rows already handed over would come again. A commit meeting a long export
    // is an error asking to run it again.
    try {
        return impl_->export_matches(query, options, each);
    } catch (const Xapian::DatabaseModifiedError& e) {
        throw Error(ErrorKind::index, impl_->path.string() + ": the index changed while exporting; export again");
    } catch (const Xapian::Error& e) {
        throw impl_->index_error(e);
    }
}

IndexStats Searcher::stats() {
    return impl_->with_retry([&] {
        IndexStats s;
        s.decisions = impl_->db.get_doccount();
        const std::string prefix(sc::field("letter").prefix);
        for (auto it = impl_->db.allterms_begin(prefix); it != impl_->db.allterms_end(prefix); ++it) ++s.letters;
        SearchOptions all;
        all.limit = 0;
        all.facet_bound = kStatsFacetBound;
        SearchResults whole;
        const Xapian::Query everything = Xapian::Query::MatchAll;
        impl_->execute(detail::plain_ranked(everything), all, whole);
        s.facets = std::move(whole.facets);
        return s;
    });
}

}  // namespace imr
