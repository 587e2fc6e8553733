// Writing the index. One Indexer holds Xapian's write lock for its lifetime.
//
//   imr::Indexer indexer("index/");
//   imr::IndexSummary s = indexer.index({"data/"});
//   std::cout << s.decisions_indexed << " decisions\n";
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "imr/letter_source.h"

namespace imr {

struct IndexOptions {
    std::uintmax_t max_file_bytes = kDefaultMaxFileBytes;
    // Work between commits. A letter is always written whole between two commits; a crash
    // loses at most this much, and the buffered changes bound the writer's memory.
    size_t letters_per_commit = 500;
    // Threads parsing letters and building documents while the writers write; 0: one per core.
    unsigned threads = 0;
    // For a new index: how many shards to write in parallel, routed by a stable hash of the
    // case number. 0 or 1: one plain database. An existing index keeps its layout.
    unsigned shards = 0;
    // false: the index must already exist at the path (commands that change an index but do
    // not build one, such as remove, never create an empty one).
    bool create = true;
};

struct LetterFailure {
    std::string file;
    std::string reason;  // one line: what is wrong with the file
};

struct IndexSummary {
    size_t files_seen = 0;
    size_t letters_indexed = 0;     // new or changed letters written
    size_t decisions_indexed = 0;
    size_t letters_unchanged = 0;   // content already in the index: skipped unparsed
    size_t letters_duplicate = 0;   // same case already indexed from another existing file
    size_t letters_removed = 0;     // by prune
    std::vector<LetterFailure> failures;
};

// Called after each letter with how many of how many are done (total 0 when unknown).
using Progress = std::function<void(size_t done, size_t total)>;

// A letter already in memory: generated, or from a source other than files.
struct LetterText {
    std::string name;   // stands for the file in ids, errors and the index
    std::string text;   // UTF-8, pages separated by form feeds
    bool paged = false;
};

// Fills the next letter and returns true, or returns false at the end.
using LetterStream = std::function<bool(LetterText&)>;

// Files under `roots`: files named directly whatever their name, folders walked recursively
// for *.txt, *.text and *.pdf (hidden entries skipped). Unreadable folders and symbolic link
// loops are added to `failures`. Paths as strings, sorted within each folder, as found (the
// indexer stores each as canonical_path).
std::vector<std::string> collect_letter_files(const std::vector<std::filesystem::path>& roots,
                                              std::vector<LetterFailure>& failures);

// `path` absolute, with symbolic links resolved as far as it exists: the same file is the same
// string from any working folder and through any link.
std::string canonical_path(const std::filesystem::path& path);
class Indexer {
public:
    // Opens the index at `db` (one database, or a folder of shards), creating it if needed
    // and `options.create`. Throws imr::Error (index) when there is none and not
    // `options.create`, another writer holds it, it is of another schema version, or
    // `options.shards` asks to reshard an existing index.
    explicit Indexer(const std::filesystem::path& db, IndexOptions options = {});
    ~Indexer();
    Indexer(const Indexer&) = delete;
    Indexer& operator=(const Indexer&) = delete;

    // Indexes every letter under `inputs`; commits in batches and at the end. A file whose
    // content the index holds from that same file is skipped unparsed; one moved or copied
    // is parsed, and replaces the letter's decisions unless the file they came from exists.
    IndexSummary index(const std::vector<std::filesystem::path>& inputs, const Progress& progress = {});

    // Indexes letters as `next` hands them over, so a corpus need not exist on disk.
    IndexSummary index_stream(const LetterStream& next, const Progress& progress = {});

    // Removes the decisions of letters whose source files were under one of `roots` (files or
    // folders, in any path form) and are gone; letters from anywhere else are kept. Returns
    // the letters removed.
    size_t prune(const std::vector<std::filesystem::path>& roots);

    // Removes one decision (by id "CM16-0213037#2") or every decision of a letter (by case
    // number or file stem); returns the number of decisions removed. The letter's content
    // hash goes with it, so that indexing its file again restores what the file holds.
    size_t remove(const std::string& id_or_case);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace imr
