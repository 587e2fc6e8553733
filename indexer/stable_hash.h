// Internal: FNV-1a, 64 bits: the same for the same bytes on every run and machine, which
// std::hash is not promised to be. Content hashes and shard routing use it.
#pragma once

#include <cstdint>
#include <string_view>

namespace imr::detail {

inline std::uint64_t stable_hash(std::string_view bytes) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace imr::detail
