// Internal: where an index's shards are. An index folder is one Xapian database, or, when
// built with --shards N, a folder holding shard-0 ... shard-(N-1) and Xapian's own stub file
// XAPIANDB naming them ("auto shard-0"), so that Xapian::Database(folder) opens them all.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace imr::detail {

inline constexpr const char* kStubName = "XAPIANDB";

// The shard folders of the index at `db`; creates a new index with `shards` shards (0 or 1:
// a plain database) when there is none. Throws imr::Error (index) when the layout names
// remote shards (written on their own hosts) or `shards` asks for another count than an
// existing index has.
std::vector<std::filesystem::path> shard_paths(const std::filesystem::path& db, unsigned shards);

// The shard a letter belongs to: a stable hash of its key, the same on every run and machine.
unsigned shard_of(const std::string& letter_key, size_t shard_count);

}  // namespace imr::detail
