// Internal: opening what a Searcher reads: one database, a folder of shards (with Xapian's
// XAPIANDB stub), or a stub file naming local and remote shards. Remote shards are opened one
// by one, so that one that cannot be reached is named (or, when partial, left out and
// listed); and since Xapian's remote protocol carries no synonyms, a small local database
// holding only the synonym dictionary joins them.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

namespace imr::detail {

struct OpenedIndex {
    Xapian::Database db;
    std::vector<std::string> missing;              // shards left out, with the reason
    std::shared_ptr<void> scratch;                 // keeps the synonyms database's folder alive
    bool in_process = true;                        // every shard opened here, none remote
    bool single = true;                            // one database, not shards
};

// Throws imr::Error (index) naming the shard that cannot be opened, unless `partial`. With
// `parallel`, local shards are opened through xapian-progsrv, each in a process of its own.
OpenedIndex open_index(const std::filesystem::path& path, bool partial, bool parallel);

}  // namespace imr::detail
