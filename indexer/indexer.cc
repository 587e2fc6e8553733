// The indexer is a three-stage pipeline:
//
//   producer (calling thread's helper): reads each source, and skips letters whose content
//       the index already holds, before any parsing;
//   workers (one per core): parse letters and build their Xapian documents, pure functions;
//   writer (the calling thread): applies each letter in input order, whole between two
//       commits, so that a crash leaves every letter complete or absent.
//
// Bounded queues between the stages keep memory bounded whatever the corpus size.
#include "imr/indexer.h"

#include <algorithm>
#include <exception>
#include <cctype>
#include <cstdlib>
#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include <xapian.h>

#include "bounded_queue.h"
#include "imr/analyzers.h"
#include "imr/document_builder.h"
#include "imr/error.h"
#include "imr/record.h"
#include "imr/schema.h"
#include "synonyms.h"

namespace imr {

namespace fs = std::filesystem;
namespace sc = imr::schema;

namespace {

// Letters in flight per queue: enough to keep every core busy, few enough to bound memory.
constexpr size_t kQueueLetters = 64;

Error index_error(const fs::path& db, const Xapian::Error& e) {
    return Error(ErrorKind::index, db.string() + ": " + e.get_type() + ": " + e.get_msg());
}

std::string term_of(std::string_view field, const std::string& value) {
    return sc::term(sc::field(field), value);
}

// What the producer hands the workers.
struct Source {
    size_t seq = 0;
    std::string file;
    SourceText text;
    std::optional<std::string> failure;  // could not be read
    bool unchanged = false;              // already indexed with this content
};

// What the workers hand the writer.
struct Built {
    size_t seq = 0;
    std::string file;
    std::string hash;
    std::string key;
    std::vector<std::pair<std::string, Xapian::Document>> documents;  // id term, document
    std::vector<std::string> spellings;                               // for the spelling dictionary
    std::optional<std::string> failure;
    bool unchanged = false;
};

// The words of item titles (treatments, drugs, body parts: what users misspell) feed the
// spelling dictionary the query parser corrects with; all the words of every rationale made
// the index 40% larger. Words of letters re-indexed or removed stay in it: a suggestion is
// only offered when it finds decisions, so a stale word costs nothing.
std::vector<std::string> spelling_words(const std::string& title) {
    std::vector<std::string> out;
    std::string word;
    for (char c : title + " ") {
        if (std::isalpha(static_cast<unsigned char>(c))) {
            word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
            continue;
        }
        if (word.size() > 2) out.push_back(word);
        word.clear();
    }
    return out;
}

Built build(Source s) {
    Built b{s.seq, s.file, s.text.hash, {}, {}, {}, s.failure, s.unchanged};
    if (b.failure || b.unchanged) return b;
    try {
        Letter letter = parse_letter(s.text.text, s.file, s.text.paged);
        b.key = letter.key();
        for (const auto& d : letter.decisions) {
            b.documents.emplace_back(term_of("id", letter.decision_id(d)), build_document(letter, d, s.file, b.hash));
            for (auto& w : spelling_words(d.title)) b.spellings.push_back(std::move(w));
        }
    } catch (const Error& e) {
        b.failure = e.what();
    } catch (const std::exception& e) {
        b.failure = s.file + ": " + e.what();
    }
    return b;
}

unsigned worker_count(unsigned asked) {
    if (asked > 0) return asked;
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

// The producer's view of what is indexed: read-only, beside the writer that owns the
// writable database. The writer's commits can discard the revision it reads; it then moves
// to the newest, which only adds letters written by this run.
class IndexedContent {
public:
    explicit IndexedContent(const fs::path& db) : db_(db.string()) {}

    bool holds(const std::string& hash) {
        const std::string t = term_of("hash", hash);
        for (int attempt = 0;; ++attempt) {
            try {
                return db_.get_termfreq(t) > 0;
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt >= 10) throw;
                db_.reopen();
            }
        }
    }

private:
    Xapian::Database db_;
};

struct Indexer::Impl {
    fs::path path;
    IndexOptions options;
    Xapian::WritableDatabase db;
    size_t letters_since_commit = 0;

    // Another file already holds this letter when a decision of it was indexed from a
    // different path that still exists (a text and a PDF of one case).
    bool held_by_other_file(const std::string& key, const std::string& file) {
        Xapian::PostingIterator it = db.postlist_begin(term_of("letter", key));
        if (it == db.postlist_end(term_of("letter", key))) return false;
        DecisionRecord r = DecisionRecord::from_data(db.get_document(*it).get_data());
        std::error_code ec;
        return r.file != file && fs::exists(r.file, ec);
    }


    void write(const Built& b, IndexSummary& summary) {
        if (b.unchanged) {
            ++summary.letters_unchanged;
            return;
        }
        if (b.failure) {
            summary.failures.push_back({b.file, *b.failure});
            return;
        }
        if (held_by_other_file(b.key, b.file)) {
            ++summary.letters_duplicate;
            return;
        }
        db.delete_document(term_of("letter", b.key));
        db.delete_document(term_of("file", b.file));
        for (const auto& [id_term, doc] : b.documents) db.replace_document(id_term, doc);
        for (const auto& word : b.spellings) db.add_spelling(word);
        ++summary.letters_indexed;
        summary.decisions_indexed += b.documents.size();
        if (++letters_since_commit >= options.letters_per_commit) commit();
    }

    void commit() {
        db.commit();
        letters_since_commit = 0;
    }

    // Runs the pipeline over what `produce` pushes into the sources queue.
    IndexSummary run(const std::function<void(detail::BoundedQueue<Source>&)>& produce, size_t total,
                     const Progress& progress, IndexSummary summary) {
        detail::BoundedQueue<Source> sources(kQueueLetters);
        detail::BoundedQueue<Built> built(kQueueLetters);
        std::exception_ptr producer_error;
        std::thread producer([&] {
            try {
                produce(sources);
            } catch (...) {
                producer_error = std::current_exception();
            }
            sources.close();
        });
        std::vector<std::thread> workers;
        unsigned n = worker_count(options.threads);
        std::atomic<unsigned> running{n};
        for (unsigned i = 0; i < n; ++i) {
            workers.emplace_back([&] {
                while (auto s = sources.pop()) {
                    if (!built.push(build(std::move(*s)))) break;
                }
                if (--running == 0) built.close();
            });
        }
        auto stop = [&] {
            sources.close();
            built.close();
            producer.join();
            for (auto& w : workers) w.join();
        };
        try {
            // Letters are written in input order, whatever order the workers finish in, so
            // that a run's outcome (which of two files of one case wins) does not depend on timing.
            std::map<size_t, Built> waiting;
            size_t next = 0;
            while (auto b = built.pop()) {
                waiting.emplace(b->seq, std::move(*b));
                for (auto it = waiting.find(next); it != waiting.end(); it = waiting.find(++next)) {
                    write(it->second, summary);
                    waiting.erase(it);
                    if (progress) progress(next + 1, total);
                }
            }
            commit();
        } catch (const Xapian::Error& e) {
            stop();
            throw index_error(path, e);
        } catch (...) {
            stop();
            throw;
        }
        stop();
        if (producer_error) {
            try {
                std::rethrow_exception(producer_error);
            } catch (const Xapian::Error& e) {
                throw index_error(path, e);
            }
        }
        return summary;
    }

    // Commits what the constructor set up (schema version, synonyms), so that a reader can
    // open the index, and opens one.
    IndexedContent indexed_content() {
        try {
            commit();
            return IndexedContent(path);
        } catch (const Xapian::Error& e) {
            throw index_error(path, e);
        }
    }
};


Indexer::Indexer(const fs::path& db, IndexOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->path = db;
    impl_->options = options;
    // Xapian commits on its own every 10000 changed documents by default, which could split
    // a letter across two commits; we commit ourselves, between letters.
    setenv("XAPIAN_FLUSH_THRESHOLD", "100000000", 0);
    try {
        std::error_code ec;
        fs::create_directories(db, ec);
        impl_->db = Xapian::WritableDatabase(db.string(), Xapian::DB_CREATE_OR_OPEN);
        sc::check_version(impl_->db, db.string());
        sc::stamp_version(impl_->db);
        detail::install_synonyms(impl_->db);
    } catch (const Xapian::DatabaseLockError&) {
        throw Error(ErrorKind::index, db.string() + ": index is locked by another writer");
    } catch (const Xapian::Error& e) {
        throw index_error(db, e);
    }
}

Indexer::~Indexer() {
    // Work is committed explicitly by index(); what a failed run leaves uncommitted is
    // dropped, never half-written.
}

IndexSummary Indexer::index(const std::vector<fs::path>& inputs, const Progress& progress) {
    IndexSummary summary;
    std::vector<fs::path> files = collect_letter_files(inputs, summary.failures);
    summary.files_seen = files.size();
    IndexedContent seen = impl_->indexed_content();
    auto produce = [&](detail::BoundedQueue<Source>& out) {
        for (size_t i = 0; i < files.size(); ++i) {
            Source s;
            s.seq = i;
            s.file = files[i].lexically_normal().string();
            try {
                s.text = read_source(files[i], impl_->options.max_file_bytes);
                s.unchanged = seen.holds(s.text.hash);
            } catch (const Error& e) {
                s.failure = e.what();
            }
            if (!out.push(std::move(s))) return;
        }
    };
    return impl_->run(produce, files.size(), progress, std::move(summary));
}

IndexSummary Indexer::index_stream(const LetterStream& next, const Progress& progress) {
    IndexedContent seen = impl_->indexed_content();
    auto produce = [&](detail::BoundedQueue<Source>& out) {
        LetterText letter;
        for (size_t i = 0; next(letter); ++i) {
            Source s;
            s.seq = i;
            s.file = letter.name;
            s.text.hash = content_hash(letter.text);
            s.text.text = std::move(letter.text);
            s.text.paged = letter.paged;
            s.unchanged = seen.holds(s.text.hash);
            if (!out.push(std::move(s))) return;
        }
    };
    IndexSummary summary = impl_->run(produce, 0, progress, IndexSummary{});
    summary.files_seen = summary.letters_indexed + summary.letters_unchanged + summary.letters_duplicate +
                         summary.failures.size();
    return summary;
}

size_t Indexer::prune() {
    try {
        std::set<std::string> gone;
        const std::string prefix(sc::field("file").prefix);
        for (auto it = impl_->db.allterms_begin(prefix); it != impl_->db.allterms_end(prefix); ++it) {
            std::string file = (*it).substr(prefix.size());
            std::error_code ec;
            if (!fs::exists(file, ec)) gone.insert(*it);
        }
        for (const auto& t : gone) impl_->db.delete_document(t);
        impl_->commit();
        return gone.size();
    } catch (const Xapian::Error& e) {
        throw index_error(impl_->path, e);
    }
}

size_t Indexer::remove(const std::string& id_or_case) {
    try {
        for (std::string_view field : {"id", "letter"}) {
            std::string t = term_of(field, id_or_case);
            size_t n = impl_->db.get_termfreq(t);
            if (n > 0) {
                impl_->db.delete_document(t);
                impl_->commit();
                return n;
            }
        }
        return 0;
    } catch (const Xapian::Error& e) {
        throw index_error(impl_->path, e);
    }
}

}  // namespace imr
