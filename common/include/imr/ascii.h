// ASCII case folding for identifiers, keys and file extensions: letters outside ASCII are left
// alone (text that needs Unicode case folding goes through ICU, see schema::slug).
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace imr {

inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

inline std::string ascii_upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace imr
