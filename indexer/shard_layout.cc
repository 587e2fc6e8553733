#include "shard_layout.h"

#include <fstream>
#include <sstream>

#include "imr/error.h"
#include "imr/stable_hash.h"

namespace imr::detail {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> read_stub(const fs::path& db) {
    std::ifstream in(db / kStubName);
    std::vector<fs::path> shards;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string backend, where;
        words >> backend >> where;
        if (backend.empty() || backend[0] == '#') continue;
        if (backend != "auto" && backend != "glass") {
            throw Error(ErrorKind::index, (db / kStubName).string() + ": names a '" + backend +
                                              "' shard; index each shard on its own host, or list local shards only");
        }
        shards.push_back(fs::path(where).is_absolute() ? fs::path(where) : db / where);
    }
    return shards;
}

void write_stub(const fs::path& db, unsigned shards) {
    // Written beside its shards and renamed into place, so that a crash leaves no half stub.
    fs::path tmp = db / (std::string(kStubName) + ".tmp");
    {
        std::ofstream out(tmp);
        for (unsigned i = 0; i < shards; ++i) out << "auto shard-" << i << '\n';
        if (!out) throw Error(ErrorKind::index, tmp.string() + ": cannot write the shard list");
    }
    fs::rename(tmp, db / kStubName);
}

}  // namespace

std::vector<fs::path> shard_paths(const fs::path& db, unsigned shards) {
    std::error_code ec;
    if (fs::exists(db / kStubName, ec)) {
        std::vector<fs::path> existing = read_stub(db);
        if (shards > 1 && shards != existing.size()) {
            throw Error(ErrorKind::index, db.string() + ": index has " + std::to_string(existing.size()) +
                                              " shards; --shards " + std::to_string(shards) +
                                              " only applies to a new index");
        }
        return existing;
    }
    bool is_new = !fs::exists(db, ec) || fs::is_empty(db, ec);
    if (!is_new || shards <= 1) {
        if (!is_new && shards > 1) {
            throw Error(ErrorKind::index, db.string() + ": index is not sharded; --shards " + std::to_string(shards) +
                                              " only applies to a new index");
        }
        return {db};
    }
    fs::create_directories(db);
    write_stub(db, shards);
    return read_stub(db);
}

unsigned shard_of(const std::string& key, size_t shard_count) {
    return static_cast<unsigned>(stable_hash(key) % shard_count);
}

}  // namespace imr::detail
