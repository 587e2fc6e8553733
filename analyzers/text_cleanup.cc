#include <cctype>

#include "imr/text.h"

namespace imr {

namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v'; }

// Trims and folds runs of white space into one space; drops other control bytes.
std::string tidy(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    bool space = false;
    for (unsigned char c : raw) {
        if (is_space(c)) {
            space = true;
            continue;
        }
        if (c < 0x20 || c == 0x7f) continue;
        if (space && !out.empty()) out.push_back(' ');
        space = false;
        out.push_back(static_cast<char>(c));
    }
    return out;
}

}  // namespace

std::vector<Line> clean_lines(std::string_view text) {
    std::vector<Line> lines;
    int page = 1;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view raw = text.substr(start, end - start);
        // A form feed starts a new page wherever it stands in the line.
        size_t ff;
        while ((ff = raw.find('\f')) != std::string_view::npos) {
            std::string before = tidy(raw.substr(0, ff));
            if (!before.empty()) lines.push_back({std::move(before), page});
            ++page;
            raw.remove_prefix(ff + 1);
        }
        std::string line = tidy(raw);
        if (!line.empty()) lines.push_back({std::move(line), page});
        start = end + 1;
    }
    return lines;
}

std::string join_lines(std::vector<Line>::const_iterator first, std::vector<Line>::const_iterator last) {
    std::string out;
    for (auto it = first; it != last; ++it) {
        const std::string& line = it->text;
        if (!out.empty()) {
            bool hyphenated = out.size() >= 2 && out.back() == '-' &&
                              std::isalpha(static_cast<unsigned char>(out[out.size() - 2])) &&
                              std::islower(static_cast<unsigned char>(line.front()));
            if (!hyphenated) out.push_back(' ');
        }
        out += line;
    }
    return out;
}

}  // namespace imr
