// Reading one letter file: the only place that touches letter files on disk.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace imr {

struct SourceText {
    std::string text;   // UTF-8; pages separated by form feeds
    bool paged = false; // true for PDFs: page numbers are real
    std::string hash;   // content hash of the file's bytes
};

inline constexpr std::uintmax_t kDefaultMaxFileBytes = 32u << 20;  // 32 MiB

// Reads `path` as a PDF (by its "%PDF-" signature, whatever its extension) or as text in
// UTF-8, UTF-16 with a byte-order mark or Windows-1252. Throws imr::Error (bad_input) naming
// the file: unreadable, empty, larger than `max_bytes`, binary, a damaged PDF, a PDF that needs
// a password, a PDF without a text layer.
SourceText read_source(const std::filesystem::path& path, std::uintmax_t max_bytes = kDefaultMaxFileBytes);

// The content hash read_source gives, of bytes already in memory.
std::string content_hash(std::string_view bytes);

}  // namespace imr
