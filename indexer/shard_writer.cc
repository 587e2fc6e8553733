#include "shard_writer.h"

#include <set>

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

ShardWriter::ShardWriter(const fs::path& path, size_t letters_per_commit)
    : path_(path), letters_per_commit_(letters_per_commit) {
    try {
        std::error_code ec;
        fs::create_directories(path, ec);
        db_ = Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN);
        sc::check_version(db_, path.string());
        sc::stamp_version(db_);
        install_synonyms(db_, std::string(sc::field("concept").prefix));
        db_.commit();  // so that a reader can open it
    } catch (const Xapian::DatabaseLockError&) {
        throw Error(ErrorKind::index, path.string() + ": index is locked by another writer");
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

void ShardWriter::commit() {
    db_.commit();
    letters_since_commit_ = 0;
}

size_t ShardWriter::prune() {
    std::set<std::string> gone;
    const std::string prefix(sc::field("file").prefix);
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
        std::string file = (*it).substr(prefix.size());
        std::error_code ec;
        if (!fs::exists(file, ec)) gone.insert(*it);
    }
    for (const auto& t : gone) db_.delete_document(t);
    commit();
    return gone.size();
}

size_t ShardWriter::remove(const std::string& id_or_key) {
    for (std::string_view field : {"id", "letter"}) {
        std::string t = sc::term(field, id_or_key);
        size_t n = db_.get_termfreq(t);
        if (n > 0) {
            db_.delete_document(t);
            commit();
            return n;
        }
    }
    return 0;
}

}  // namespace imr::detail
