#include <charconv>
#include <cstdio>

#include "parser_parts.h"

namespace imr::detail {

namespace {

bool read_number(std::string_view& s, int& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec != std::errc() || p == s.data()) return false;
    s.remove_prefix(static_cast<size_t>(p - s.data()));
    return true;
}

}  // namespace

std::string iso_date(std::string_view text) {
    text = trim(text);
    int month = 0, day = 0, year = 0;
    std::string_view s = text;
    bool ok = read_number(s, month) && !s.empty() && (s.front() == '/' || s.front() == '-');
    if (ok) s.remove_prefix(1);
    ok = ok && read_number(s, day) && !s.empty() && (s.front() == '/' || s.front() == '-');
    if (ok) s.remove_prefix(1);
    size_t digits_before = s.size();
    ok = ok && read_number(s, year) && s.empty();
    if (!ok || month < 1 || month > 12 || day < 1 || day > 31) return "";
    if (digits_before <= 2) year += year < 50 ? 2000 : 1900;
    if (year < 1900 || year > 2199) return "";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

}  // namespace imr::detail
