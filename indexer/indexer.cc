#include "imr/indexer.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <xapian.h>

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

Error index_error(const fs::path& db, const Xapian::Error& e) {
    return Error(ErrorKind::index, db.string() + ": " + e.get_type() + ": " + e.get_msg());
}

std::string term_of(std::string_view field, const std::string& value) {
    return sc::term(sc::field(field), value);
}

}  // namespace

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

    void replace_letter(const Letter& letter, const std::string& file, const std::string& hash) {
        db.delete_document(term_of("letter", letter.key()));
        db.delete_document(term_of("file", file));
        for (const auto& d : letter.decisions) {
            Xapian::Document doc = build_document(letter, d, file, hash);
            add_spellings(doc);
            db.replace_document(term_of("id", letter.decision_id(d)), doc);
        }
    }

    // The words of a decision feed the spelling dictionary the query parser corrects with.
    // Words of letters re-indexed or removed stay in it: a suggestion is only offered when
    // it finds decisions, so a stale word costs nothing.
    void add_spellings(const Xapian::Document& doc) {
        for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
            const std::string& t = *it;
            if (t.size() > 2 && std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::islower(c); }))
                db.add_spelling(t);
        }
    }

    void index_file(const fs::path& path, IndexSummary& summary) {
        const std::string file = path.lexically_normal().string();
        SourceText source = read_source(path, options.max_file_bytes);
        if (db.get_termfreq(term_of("hash", source.hash)) > 0) {
            ++summary.letters_unchanged;
            return;
        }
        Letter letter = parse_letter(source.text, file, source.paged);
        if (held_by_other_file(letter.key(), file)) {
            ++summary.letters_duplicate;
            return;
        }
        // A letter's decisions are written between two commits, so a crash leaves all of
        // them or none.
        replace_letter(letter, file, source.hash);
        ++summary.letters_indexed;
        summary.decisions_indexed += letter.decisions.size();
        if (++letters_since_commit >= options.letters_per_commit) commit();
    }

    void commit() {
        db.commit();
        letters_since_commit = 0;
    }
};

Indexer::Indexer(const fs::path& db, IndexOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->path = db;
    impl_->options = options;
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
    try {
        for (size_t i = 0; i < files.size(); ++i) {
            try {
                impl_->index_file(files[i], summary);
            } catch (const Error& e) {
                if (e.kind() != ErrorKind::bad_input) throw;
                summary.failures.push_back({files[i].string(), e.what()});
            }
            if (progress) progress(i + 1, files.size());
        }
        impl_->commit();
    } catch (const Xapian::Error& e) {
        throw index_error(impl_->path, e);
    }
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
