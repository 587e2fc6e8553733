#include <algorithm>
#include <set>
#include "imr/ascii.h"

#include "imr/indexer.h"

namespace imr {

namespace fs = std::filesystem;

namespace {

bool is_letter_name(const fs::path& p) {
    std::string ext = ascii_lower(p.extension().string());
    return ext == ".txt" || ext == ".text" || ext == ".pdf";
}

bool hidden(const fs::path& p) {
    std::string name = p.filename().string();
    return !name.empty() && name[0] == '.';
}

// Recursion by hand rather than recursive_directory_iterator, so that a symbolic link
// loop is reported where it is and the walk goes on past it.
// Paths are kept as strings: a std::filesystem::path also holds its parsed components,
// 300 bytes for a letter's path, which made the list of a 466,454-letter folder 290 MB.
void walk(const fs::path& dir, std::set<fs::path>& visiting, std::vector<std::string>& files,
          std::vector<LetterFailure>& failures) {
    std::error_code ec;
    fs::path real = fs::canonical(dir, ec);
    if (ec) {
        failures.push_back({dir.string(), "cannot resolve folder: " + ec.message()});
        return;
    }
    if (!visiting.insert(real).second) {
        failures.push_back({dir.string(), "symbolic link loop: leads back to " + real.string() + "; skipped"});
        return;
    }
    std::vector<std::string> entries;
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
        failures.push_back({dir.string(), "cannot list folder: " + ec.message()});
        visiting.erase(real);
        return;
    }
    for (; it != end; it.increment(ec)) {
        if (ec) break;
        entries.push_back(it->path().string());
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& entry : entries) {
        const fs::path p(entry);
        if (hidden(p)) continue;
        std::error_code sec;
        fs::file_status st = fs::status(p, sec);
        if (sec) {
            failures.push_back({p.string(), sec == std::errc::too_many_symbolic_link_levels
                                                ? "symbolic link loop"
                                                : "cannot read: " + sec.message()});
        } else if (fs::is_directory(st)) {
            walk(p, visiting, files, failures);
        } else if (fs::is_regular_file(st) && is_letter_name(p)) {
            files.push_back(entry);
        }
    }
    visiting.erase(real);
}

}  // namespace

std::vector<std::string> collect_letter_files(const std::vector<fs::path>& roots,
                                              std::vector<LetterFailure>& failures) {
    std::vector<std::string> files;
    for (const auto& root : roots) {
        std::error_code ec;
        fs::file_status st = fs::status(root, ec);
        if (ec || !fs::exists(st)) {
            failures.push_back({root.string(), ec == std::errc::too_many_symbolic_link_levels
                                                   ? "symbolic link loop"
                                                   : "no such file or folder"});
        } else if (fs::is_directory(st)) {
            std::set<fs::path> visiting;
            walk(root, visiting, files, failures);
        } else {
            files.push_back(root.string());
        }
    }
    return files;
}

std::string canonical_path(const fs::path& path) {
    std::error_code ec;
    fs::path resolved = fs::weakly_canonical(path, ec);
    if (ec) resolved = fs::absolute(path, ec).lexically_normal();
    return resolved.string();
}

}  // namespace imr
