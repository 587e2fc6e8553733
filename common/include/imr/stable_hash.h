// FNV-1a, 64 bits: the same for the same bytes on every run and machine, which std::hash is
// not promised to be. Content hashes, shard routing and facet samples use it.
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

// stable_hash with its bits mixed (MurmurHash3's finaliser): FNV-1a's low bits follow the
// last bytes too closely to pick a random-looking sample of "CM16-0000001#1"-like ids.
inline std::uint64_t mixed_hash(std::string_view bytes) {
    std::uint64_t h = stable_hash(bytes);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

}  // namespace imr::detail
