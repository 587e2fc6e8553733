#include "shards.h"

#include <fstream>
#include <random>
#include <sstream>

#include "imr/error.h"
#include "imr/schema.h"
#include "imr/synonyms.h"

namespace imr::detail {

namespace fs = std::filesystem;

namespace {

constexpr unsigned kRemoteTimeoutMs = 10000;
constexpr unsigned kConnectTimeoutMs = 3000;

struct StubLine {
    std::string text;   // as written, to name the shard
    std::vector<std::string> words;
};

std::vector<StubLine> read_stub(const fs::path& stub) {
    std::ifstream in(stub);
    std::vector<StubLine> lines;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream s(line);
        StubLine l{line, {}};
        for (std::string w; s >> w;) l.words.push_back(w);
        if (!l.words.empty() && l.words[0][0] != '#') lines.push_back(std::move(l));
    }
    return lines;
}

bool names_remote(const std::vector<StubLine>& lines) {
    for (const auto& l : lines)
        if (l.words[0] == "remote") return true;
    return false;
}

// "remote HOST:PORT" (Xapian's form), "remote tcp HOST:PORT", "remote ssh HOST PATH",
// "remote :PROGRAM ARGS".
Xapian::Database open_remote(const StubLine& l) {
    std::vector<std::string> w(l.words.begin() + 1, l.words.end());
    if (!w.empty() && w[0] == "tcp") w.erase(w.begin());
    if (w.size() >= 3 && w[0] == "ssh") return Xapian::Remote::open("ssh", "-T " + w[1] + " xapian-progsrv " + w[2]);
    if (w.empty()) throw Xapian::InvalidArgumentError("no address");
    if (w[0][0] == ':') {
        std::string args;
        for (size_t i = 1; i < w.size(); ++i) args += (i > 1 ? " " : "") + w[i];
        return Xapian::Remote::open(w[0].substr(1), args);
    }
    size_t colon = w[0].rfind(':');
    if (colon == std::string::npos) throw Xapian::InvalidArgumentError("expected HOST:PORT");
    return Xapian::Remote::open(w[0].substr(0, colon), static_cast<unsigned>(std::stoul(w[0].substr(colon + 1))),
                                kRemoteTimeoutMs, kConnectTimeoutMs);
}

// A local shard in a xapian-progsrv process of its own: Xapian's remote backend starts every
// remote shard's match before it waits for any, so the processes search at once.
Xapian::Database open_in_process(const fs::path& shard) {
    std::error_code ec;
    if (!fs::exists(shard, ec)) throw Xapian::DatabaseOpeningError("no database at " + shard.string());
    return Xapian::Remote::open("xapian-progsrv", fs::absolute(shard).string(), kRemoteTimeoutMs);
}

Xapian::Database open_line(const StubLine& l, const fs::path& base, bool parallel) {
    if (l.words[0] == "remote") return open_remote(l);
    const std::string& where = l.words.size() > 1 ? l.words[1] : l.words[0];
    fs::path p = fs::path(where).is_absolute() ? fs::path(where) : base / where;
    return parallel ? open_in_process(p) : Xapian::Database(p.string());
}

// A database in a temporary folder holding only the synonym dictionary.
std::pair<Xapian::Database, std::shared_ptr<void>> synonyms_database() {
    fs::path dir = fs::temp_directory_path() / ("imrsearch-synonyms-" + std::to_string(std::random_device{}()));
    {
        Xapian::WritableDatabase w(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        install_synonyms(w, std::string(schema::field("concept").prefix));
        w.commit();
    }
    std::shared_ptr<void> cleanup(new fs::path(dir), [](void* p) {
        auto* path = static_cast<fs::path*>(p);
        std::error_code ec;
        fs::remove_all(*path, ec);
        delete path;
    });
    return {Xapian::Database(dir.string()), cleanup};
}

}  // namespace

OpenedIndex open_index(const fs::path& path, bool partial, bool parallel) {
    fs::path stub;
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) stub = path;
    else if (fs::exists(path / "XAPIANDB", ec)) stub = path / "XAPIANDB";
    OpenedIndex out;
    if (stub.empty()) {
        out.db = Xapian::Database(path.string());
        return out;
    }
    out.single = false;
    std::vector<StubLine> lines = read_stub(stub);
    for (const auto& l : lines) {
        try {
            out.db.add_database(open_line(l, stub.parent_path(), parallel));
        } catch (const Xapian::Error& e) {
            std::string why = "shard '" + l.text + "' in " + stub.string() + " cannot be opened: " + e.get_msg();
            if (!partial) throw Error(ErrorKind::index, why);
            out.missing.push_back(why);
        }
    }
    if (out.missing.size() == lines.size()) throw Error(ErrorKind::index, stub.string() + ": no shard could be opened");
    if (parallel || names_remote(lines)) {
        out.in_process = false;
        auto [db, cleanup] = synonyms_database();
        out.db.add_database(db);
        out.scratch = cleanup;
    }
    return out;
}

}  // namespace imr::detail
