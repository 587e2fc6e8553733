#include "imr/facet_codes.h"

#include <charconv>
#include <cstdio>

#include "imr/big_endian.h"

namespace imr::schema {

namespace {

constexpr char kEntrySeparator = '\x1f';

std::optional<std::uint32_t> number(std::string_view digits, int base) {
    std::uint32_t n = 0;
    const char* end = digits.data() + digits.size();
    const auto [at, error] = std::from_chars(digits.data(), end, n, base);
    if (digits.empty() || error != std::errc() || at != end) return std::nullopt;
    return n;
}

}  // namespace

std::string facet_code_key(std::uint32_t book, std::uint32_t code) {
    return facet_code_prefix(book) + std::to_string(code);
}

std::string facet_code_prefix(std::uint32_t book) { return kFacetCodePrefix + book_name(book) + ":"; }

std::optional<std::pair<std::uint32_t, std::uint32_t>> code_of_key(std::string_view key) {
    const std::string_view prefix(kFacetCodePrefix);
    if (!key.starts_with(prefix) || key.size() < prefix.size() + 10 || key[prefix.size() + 8] != ':') return std::nullopt;
    const auto book = book_of_name(key.substr(prefix.size(), 8));
    const auto code = number(key.substr(prefix.size() + 9), 10);
    if (!book || !code) return std::nullopt;
    return std::pair{*book, *code};
}

std::string facet_code_entry(size_t field, std::string_view value) {
    return std::to_string(field) + kEntrySeparator + std::string(value);
}

std::optional<std::pair<size_t, std::string>> facet_code_value(std::string_view entry) {
    const size_t sep = entry.find(kEntrySeparator);
    if (sep == std::string_view::npos) return std::nullopt;
    const auto field = number(entry.substr(0, sep), 10);
    if (!field) return std::nullopt;
    return std::pair<size_t, std::string>{*field, std::string(entry.substr(sep + 1))};
}

std::string book_name(std::uint32_t book) {
    char name[9];
    std::snprintf(name, sizeof name, "%08x", book);
    return name;
}

std::optional<std::uint32_t> book_of_name(std::string_view name) {
    if (name.size() != 8) return std::nullopt;
    return number(name, 16);
}

// The book's four bytes, most significant first, then each code in 7-bit groups, least
// significant first, the high bit set on every group but a code's last.
std::string encode_facet_codes(std::uint32_t book, const std::vector<std::uint32_t>& codes) {
    std::string out;
    out.reserve(4 + codes.size() * 2);
    detail::append_u32(out, book);
    for (std::uint32_t code : codes) {
        while (code >= 0x80) {
            out += static_cast<char>((code & 0x7f) | 0x80);
            code >>= 7;
        }
        out += static_cast<char>(code);
    }
    return out;
}

std::optional<std::uint32_t> decode_facet_codes(std::string_view coded, std::vector<std::uint32_t>& out) {
    out.clear();
    if (coded.size() < 4) return std::nullopt;
    const std::uint32_t book = detail::read_u32(coded, 0);
    std::uint32_t code = 0;
    int shift = 0;
    for (size_t i = 4; i < coded.size(); ++i) {
        const auto byte = static_cast<unsigned char>(coded[i]);
        code |= static_cast<std::uint32_t>(byte & 0x7f) << shift;
        if (byte & 0x80) {
            shift += 7;
            if (shift > 28) return std::nullopt;  // no code of ours is this long: not a coded value
            continue;
        }
        out.push_back(code);
        code = 0;
        shift = 0;
    }
    if (shift != 0) return std::nullopt;
    return book;
}

}  // namespace imr::schema
