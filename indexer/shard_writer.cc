#include "shard_writer.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <sstream>

#include "imr/document_builder.h"
#include "imr/error.h"
#include "imr/record.h"
#include "imr/schema.h"
#include "imr/synonyms.h"

namespace imr::detail {

namespace fs = std::filesystem;
namespace sc = imr::schema;

Error index_error(const fs::path& where, const Xapian::Error& e) {
    return Error(ErrorKind::index, where.string() + ": " + e.get_type() + ": " + e.get_msg());
}

ShardWriter::ShardWriter(const fs::path& path, size_t letters_per_commit, bool create)
    : path_(path), letters_per_commit_(letters_per_commit) {
    try {
        std::error_code ec;
        if (create) fs::create_directories(path, ec);
        else Xapian::Database(path.string());  // opening to write leaves a lock file in a folder that is no index
        db_ = Xapian::WritableDatabase(path.string(), create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN, sc::kBlockSize);
        sc::check_version(db_, path.string());
        sc::stamp_version(db_);
        install_synonyms(db_, std::string(sc::field("concept").prefix));
        codebook_.emplace(db_);
        db_.commit();  // so that a reader can open it
    } catch (const Xapian::DatabaseLockError&) {
        throw Error(ErrorKind::index, path.string() + ": index is locked by another writer");
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Error(ErrorKind::index, path.string() + ": not an imrsearch index (" + e.get_msg() + ")");
    } catch (const Xapian::Error& e) {
        throw index_error(path, e);
    }
}

// Another file already holds a letter when its decision `indexed` came from a different path
// that still exists (a text and a PDF of one case).
bool ShardWriter::held_by_other_file(Xapian::docid indexed, const std::string& file) {
    DecisionRecord r = DecisionRecord::from_data(db_.get_document(indexed).get_data());
    std::error_code ec;
    return r.file != file && fs::exists(r.file, ec);
}

void ShardWriter::write(const BuiltLetter& b, IndexSummary& summary) {
    if (b.unchanged) {
        ++summary.letters_unchanged;
        return;
    }
    if (b.failure) {
        summary.failures.push_back({b.file, *b.failure});
        return;
    }
    const std::string letter_term = sc::term("letter", b.key), file_term = sc::term("file", b.file);
    bool letter_known = false;
    {
        // Scoped: no posting iterator stays open while the database changes below.
        const Xapian::PostingIterator indexed = db_.postlist_begin(letter_term);
        letter_known = indexed != db_.postlist_end(letter_term);
        if (letter_known && held_by_other_file(*indexed, b.file)) {
            ++summary.letters_duplicate;
            return;
        }
    }
    // When the decisions entered the index, for alerts: a letter written again (changed, or
    // indexed after a remove) is new again; an unchanged one is never written.
    const std::string entered = Xapian::sortable_serialise(static_cast<double>(
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch()).count()));
    for (const auto& built : b.documents) {
        Xapian::Document doc = built.second;  // a handle: the values go into the built document
        doc.add_value(sc::slot::indexed_at, entered);
        codebook_->code(doc);
    }
    // A letter new to the index, from a file new to it, has no decision to replace: adding
    // skips a look-up per decision, which in a first indexing is most of them.
    if (letter_known || db_.term_exists(file_term)) {
        db_.delete_document(letter_term);
        db_.delete_document(file_term);
        for (const auto& [id_term, doc] : b.documents) db_.replace_document(id_term, doc);
    } else {
        for (const auto& built : b.documents) db_.add_document(built.second);
    }
    for (const auto& word : b.spellings) db_.add_spelling(word);
    ++summary.letters_indexed;
    summary.decisions_indexed += b.documents.size();
    if (++letters_since_commit_ >= letters_per_commit_) commit();
}

void ShardWriter::remember_roots(const std::vector<std::string>& roots) {
    std::set<std::string> all;
    std::istringstream known(db_.get_metadata(sc::kRootsKey));
    for (std::string line; std::getline(known, line);)
        if (!line.empty()) all.insert(line);
    all.insert(roots.begin(), roots.end());
    std::string joined;
    for (const auto& r : all) joined += r + "\n";
    db_.set_metadata(sc::kRootsKey, joined);
}

void ShardWriter::commit() {
    db_.commit();
    letters_since_commit_ = 0;
}

namespace {

// Whether `file` is `root` or lies under it; both canonical.
bool under(const std::string& file, const std::string& root) {
    if (!file.starts_with(root)) return false;
    return file.size() == root.size() || root.ends_with('/') || file[root.size()] == '/';
}

}  // namespace

size_t ShardWriter::prune(const std::vector<std::string>& roots) {
    std::set<std::string> gone;
    const std::string prefix(sc::field("file").prefix);
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
        const std::string file = (*it).substr(prefix.size());
        const bool in_roots = std::any_of(roots.begin(), roots.end(), [&](const std::string& r) { return under(file, r); });
        std::error_code ec;
        if (in_roots && !fs::exists(file, ec)) gone.insert(*it);
    }
    for (const auto& t : gone) db_.delete_document(t);
    commit();
    return gone.size();
}

// Removes one decision. Its letter's other decisions forget the letter's content hash, so that
// the next indexing of its file parses it and restores exactly what the file holds, rather
// than skip it as unchanged; the case summary moves to the first of them when it went.
void ShardWriter::remove_decision(const std::string& id_term) {
    const Xapian::docid removed = *db_.postlist_begin(id_term);
    const Xapian::Document removed_doc = db_.get_document(removed);
    const DecisionRecord record = DecisionRecord::from_data(removed_doc.get_data());
    const std::string holder = sc::term("summary_holder", "1");
    Xapian::TermIterator held = removed_doc.termlist_begin();
    held.skip_to(holder);
    bool summary_to_move = held != removed_doc.termlist_end() && *held == holder;
    db_.delete_document(removed);

    const std::string letter = sc::term("letter", record.letter_key), hash_prefix(sc::field("hash").prefix);
    std::vector<std::pair<int, Xapian::docid>> rest;  // by ordinal
    for (auto it = db_.postlist_begin(letter); it != db_.postlist_end(letter); ++it) {
        rest.emplace_back(DecisionRecord::from_data(db_.get_document(*it).get_data()).ordinal, *it);
    }
    std::sort(rest.begin(), rest.end());
    for (const auto& [ordinal, docid] : rest) {
        Xapian::Document doc = db_.get_document(docid);
        std::vector<std::string> hashes;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
            if ((*t).starts_with(hash_prefix)) hashes.push_back(*t);
        for (const auto& h : hashes) doc.remove_term(h);
        if (summary_to_move) {
            DecisionRecord r = DecisionRecord::from_data(doc.get_data());
            r.case_summary = record.case_summary;
            doc.set_data(r.to_data());
            hold_summary(doc, record.case_summary);
            summary_to_move = false;
        }
        db_.replace_document(docid, doc);
    }
}

size_t ShardWriter::remove(const std::string& id_or_key) {
    const std::string id_term = sc::term("id", id_or_key);
    if (db_.term_exists(id_term)) {
        remove_decision(id_term);
        commit();
        return 1;
    }
    const std::string letter_term = sc::term("letter", id_or_key);
    const size_t n = db_.get_termfreq(letter_term);
    if (n > 0) {
        db_.delete_document(letter_term);
        commit();
    }
    return n;
}

}  // namespace imr::detail
