// Four-byte numbers in strings, most significant byte first: fixed widths need no separator
// (a separator byte can stand inside a number's bytes), and the bytes sort as the numbers do.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace imr::detail {

inline void append_u32(std::string& out, std::uint32_t n) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((n >> shift) & 0xff);
}

// The number at `at`; `bytes` holds at least four bytes from there.
inline std::uint32_t read_u32(std::string_view bytes, size_t at) {
    std::uint32_t n = 0;
    for (size_t i = at; i < at + 4; ++i) n = (n << 8) | static_cast<unsigned char>(bytes[i]);
    return n;
}

}  // namespace imr::detail
