// The indexer is a pipeline:
//
//   producer (a helper thread): reads each source, and skips letters whose content the
//       index already holds, before any parsing;
//   workers (one per core): parse letters and build their Xapian documents, pure functions;
//   dispatcher (the calling thread): puts letters back in input order, so that a run's
//       outcome does not depend on timing, and hands each to its shard;
//   writers (one thread per shard): apply each letter whole between two commits, so that a
//       crash leaves every letter complete or absent.
//
// Bounded queues between the stages keep memory bounded whatever the corpus size.
#include "imr/indexer.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <exception>
#include <map>
#include <thread>

#include <xapian.h>

#include "bounded_queue.h"
#include "imr/analyzers.h"
#include "imr/document_builder.h"
#include "imr/error.h"
#include "imr/schema.h"
#include "shard_layout.h"
#include "shard_writer.h"

namespace imr {

namespace fs = std::filesystem;
namespace sc = imr::schema;
using detail::BoundedQueue;
using detail::BuiltLetter;
using detail::index_error;
using detail::ShardWriter;

namespace {

// Letters in flight per queue: enough to keep every core busy, few enough to bound memory.
constexpr size_t kQueueLetters = 64;

// A shard writer's queue is deeper: while one shard commits (most of a second at 1M
// decisions), the others go on writing instead of waiting for its queue to drain. Two shards,
// 466k letter files: 347 s with 64, 328 s with 1,024 (peak RSS 170 and 271 MB).
constexpr size_t kShardQueueLetters = 1024;

// What the producer hands the workers.
struct Source {
    size_t seq = 0;
    std::string file;
    SourceText text;
    std::optional<std::string> failure;  // could not be read
    bool unchanged = false;              // already indexed with this content
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

BuiltLetter build(Source s) {
    BuiltLetter b;
    b.seq = s.seq;
    b.file = s.file;
    b.hash = s.text.hash;
    b.failure = s.failure;
    b.unchanged = s.unchanged;
    if (b.failure || b.unchanged) return b;
    try {
        Letter letter = parse_letter(s.text.text, s.file, s.text.paged);
        b.key = letter.key();
        std::vector<Xapian::Document> docs = build_documents(letter, s.file, b.hash);
        for (size_t i = 0; i < docs.size(); ++i) {
            const Decision& d = letter.decisions[i];
            b.documents.emplace_back(sc::term("id", letter.decision_id(d)), std::move(docs[i]));
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

void add(IndexSummary& to, const IndexSummary& from) {
    to.letters_indexed += from.letters_indexed;
    to.decisions_indexed += from.decisions_indexed;
    to.letters_unchanged += from.letters_unchanged;
    to.letters_duplicate += from.letters_duplicate;
    to.failures.insert(to.failures.end(), from.failures.begin(), from.failures.end());
}

// The producer's view of what is indexed: read-only, beside the writers that own the
// writable databases. Their commits can discard the revision it reads; it then moves to the
// newest, which only adds letters written by this run.
class IndexedContent {
public:
    explicit IndexedContent(const fs::path& db) : db_(db.string()) {}

    // Whether a decision indexed from `file` holds `hash`: the same content from the same
    // file. The same content from another path (moved, copied) is parsed again, so that the
    // writer can tell a move (the old file is gone: the letter's decisions move with it) from
    // a copy (a duplicate).
    bool holds(const std::string& hash, const std::string& file) {
        const std::string file_term = sc::term("file", file), hash_term = sc::term("hash", hash);
        for (int attempt = 0;; ++attempt) {
            try {
                Xapian::PostingIterator decision = db_.postlist_begin(file_term);
                if (decision == db_.postlist_end(file_term)) return false;
                Xapian::TermIterator t = db_.termlist_begin(*decision);
                t.skip_to(hash_term);
                return t != db_.termlist_end(*decision) && *t == hash_term;
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt >= 10) throw;
                db_.reopen();
            }
        }
    }

private:
    Xapian::Database db_;
};

// A thread per shard writer, fed through its own queue. An error stops the thread; the
// dispatcher finds out when its next letter is refused, and finish() rethrows it.
class ShardThreads {
public:
    ShardThreads(std::vector<std::unique_ptr<ShardWriter>>& writers) {
        for (auto& w : writers) {
            auto lane = std::make_unique<Lane>(w.get());
            Lane* l = lane.get();
            l->thread = std::thread([l] {
                try {
                    while (auto b = l->queue.pop()) l->writer->write(*b, l->summary);
                    l->writer->commit();
                } catch (const Xapian::Error& e) {
                    l->error = std::make_exception_ptr(index_error(l->writer->path(), e));
                } catch (...) {
                    l->error = std::current_exception();
                }
                l->queue.close();
            });
            lanes_.push_back(std::move(lane));
        }
    }

    ~ShardThreads() { finish_quietly(); }

    bool write(size_t shard, BuiltLetter b) { return lanes_[shard]->queue.push(std::move(b)); }

    // Waits for every writer; their summaries added to `summary`; a writer's error rethrown.
    void finish(IndexSummary& summary) {
        finish_quietly();
        for (auto& l : lanes_)
            if (l->error) std::rethrow_exception(l->error);
        for (auto& l : lanes_) add(summary, l->summary);
    }

private:
    struct Lane {
        explicit Lane(ShardWriter* w) : writer(w), queue(kShardQueueLetters) {}
        ShardWriter* writer;
        BoundedQueue<BuiltLetter> queue;
        IndexSummary summary;
        std::exception_ptr error;
        std::thread thread;
    };

    void finish_quietly() {
        for (auto& l : lanes_) l->queue.close();
        for (auto& l : lanes_)
            if (l->thread.joinable()) l->thread.join();
    }

    std::vector<std::unique_ptr<Lane>> lanes_;
};

}  // namespace

struct Indexer::Impl {
    fs::path path;
    IndexOptions options;
    std::vector<std::unique_ptr<ShardWriter>> shards;

    // Runs the pipeline over what `produce` pushes into the sources queue.
    IndexSummary run(const std::function<void(BoundedQueue<Source>&)>& produce, size_t total,
                     const Progress& progress, IndexSummary summary) {
        BoundedQueue<Source> sources(kQueueLetters);
        BoundedQueue<BuiltLetter> built(kQueueLetters);
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
        auto stop_pipeline = [&] {
            sources.close();
            built.close();
            producer.join();
            for (auto& w : workers) w.join();
        };
        try {
            ShardThreads writers(shards);
            std::map<size_t, BuiltLetter> waiting;
            size_t next = 0;
            bool refused = false;
            while (!refused) {
                auto b = built.pop();
                if (!b) break;
                waiting.emplace(b->seq, std::move(*b));
                for (auto it = waiting.find(next); it != waiting.end() && !refused; it = waiting.find(++next)) {
                    refused = !dispatch(std::move(it->second), writers, summary);
                    waiting.erase(it);
                    if (progress) progress(next + 1, total);
                }
            }
            writers.finish(summary);
        } catch (...) {
            stop_pipeline();
            throw;
        }
        stop_pipeline();
        if (producer_error) {
            try {
                std::rethrow_exception(producer_error);
            } catch (const Xapian::Error& e) {
                throw index_error(path, e);
            }
        }
        return summary;
    }

    // Letters that need no writing are counted here; the others go to their shard's writer.
    bool dispatch(BuiltLetter b, ShardThreads& writers, IndexSummary& summary) {
        if (b.unchanged) {
            ++summary.letters_unchanged;
            return true;
        }
        if (b.failure) {
            summary.failures.push_back({b.file, *b.failure});
            return true;
        }
        size_t shard = shards.size() == 1 ? 0 : detail::shard_of(b.key, shards.size());
        return writers.write(shard, std::move(b));
    }

    IndexedContent indexed_content() {
        try {
            return IndexedContent(path);
        } catch (const Xapian::Error& e) {
            throw index_error(path, e);
        }
    }

    // Sums what `f` returns over the shards; Xapian errors become imr::Error.
    template <typename F>
    size_t over_shards(F&& f) {
        size_t total = 0;
        for (auto& s : shards) {
            try {
                total += f(*s);
            } catch (const Xapian::Error& e) {
                throw index_error(s->path(), e);
            }
        }
        return total;
    }
};

Indexer::Indexer(const fs::path& db, IndexOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->path = db;
    impl_->options = options;
    // Xapian commits on its own every 10000 changed documents by default, which could split
    // a letter across two commits; the writers commit themselves, between letters.
    setenv("XAPIAN_FLUSH_THRESHOLD", "100000000", 0);
    std::error_code ec;
    if (!options.create && !fs::exists(db, ec)) {
        throw Error(ErrorKind::index, db.string() + ": no index here; build one with 'imrsearch index --db " +
                                          db.string() + " FOLDER'");
    }
    for (const auto& shard : detail::shard_paths(db, options.shards)) {
        impl_->shards.push_back(std::make_unique<ShardWriter>(shard, options.letters_per_commit, options.create));
    }
}

Indexer::~Indexer() = default;

IndexSummary Indexer::index(const std::vector<fs::path>& inputs, const Progress& progress) {
    IndexSummary summary;
    std::vector<std::string> files = collect_letter_files(inputs, summary.failures);
    summary.files_seen = files.size();
    std::vector<std::string> roots;
    for (const auto& in : inputs) roots.push_back(canonical_path(in));
    impl_->over_shards([&](ShardWriter& s) {
        s.remember_roots(roots);
        return 0;
    });
    IndexedContent seen = impl_->indexed_content();
    auto produce = [&](BoundedQueue<Source>& out) {
        for (size_t i = 0; i < files.size(); ++i) {
            Source s;
            s.seq = i;
            s.file = canonical_path(files[i]);
            try {
                s.text = read_source(s.file, impl_->options.max_file_bytes);
                s.unchanged = seen.holds(s.text.hash, s.file);
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
    auto produce = [&](BoundedQueue<Source>& out) {
        LetterText letter;
        for (size_t i = 0; next(letter); ++i) {
            Source s;
            s.seq = i;
            s.file = letter.name;
            s.text.hash = content_hash(letter.text);
            s.text.text = std::move(letter.text);
            s.text.paged = letter.paged;
            s.unchanged = seen.holds(s.text.hash, s.file);
            if (!out.push(std::move(s))) return;
        }
    };
    IndexSummary summary = impl_->run(produce, 0, progress, IndexSummary{});
    summary.files_seen = summary.letters_indexed + summary.letters_unchanged + summary.letters_duplicate +
                         summary.failures.size();
    return summary;
}

size_t Indexer::prune(const std::vector<fs::path>& roots) {
    std::vector<std::string> canonical;
    for (const auto& r : roots) canonical.push_back(canonical_path(r));
    return impl_->over_shards([&](ShardWriter& s) { return s.prune(canonical); });
}

size_t Indexer::remove(const std::string& id_or_case) {
    return impl_->over_shards([&](ShardWriter& s) { return s.remove(id_or_case); });
}

}  // namespace imr
