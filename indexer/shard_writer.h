// Internal: the writer of one shard (or of a plain index): applies built letters, whole
// between two commits, and owns that shard's Xapian write lock.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "imr/error.h"
#include "imr/indexer.h"
#include "facet_codebook.h"

namespace imr::detail {

// A letter parsed and turned into documents, ready to write.
struct BuiltLetter {
    size_t seq = 0;
    std::string file;
    std::string hash;
    std::string key;
    std::vector<std::pair<std::string, Xapian::Document>> documents;  // id term, document
    std::vector<std::string> spellings;                               // for the spelling dictionary
    std::optional<std::string> failure;
    bool unchanged = false;
};

class ShardWriter {
public:
    // Opens the database at `path`, creating it when `create`; throws imr::Error (index) when
    // there is none (and not `create`), another writer holds it or it is of another schema
    // version.
    ShardWriter(const std::filesystem::path& path, size_t letters_per_commit, bool create);

    void write(const BuiltLetter& letter, IndexSummary& summary);
    // Adds `roots` (canonical) to the folders the index remembers letters came from.
    void remember_roots(const std::vector<std::string>& roots);
    void commit();

    // Decisions of files under `roots` (canonical paths) that are gone; returns how many files.
    size_t prune(const std::vector<std::string>& roots);
    // Decisions with this id, or of this letter; returns how many. A decision's letter forgets
    // its content hash (ShardWriter::remove_decision).
    size_t remove(const std::string& id_or_key);

    const std::filesystem::path& path() const { return path_; }

private:
    bool held_by_other_file(Xapian::docid indexed, const std::string& file);
    void remove_decision(const std::string& id_term);

    std::filesystem::path path_;
    size_t letters_per_commit_;
    size_t letters_since_commit_ = 0;
    Xapian::WritableDatabase db_;
    std::optional<FacetCodebook> codebook_;  // of db_, once it is open
};

// An imr::Error naming `where` for a Xapian error.
imr::Error index_error(const std::filesystem::path& where, const Xapian::Error& e);

}  // namespace imr::detail
