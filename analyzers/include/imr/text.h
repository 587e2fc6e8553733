// Text as it comes from files and PDFs, made into clean UTF-8 lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace imr {

// Bytes of a text file to UTF-8: UTF-8 (with or without a byte-order mark), UTF-16 with a
// byte-order mark, or Windows-1252 when no byte sequence of the file is valid multi-byte
// UTF-8. Throws imr::Error (bad_input) naming `name` for binary data and for text that
// mixes valid and invalid UTF-8.
std::string decode_text(std::string_view bytes, const std::string& name);

// Unicode NFKC (ligatures, odd spaces and full-width forms folded), via ICU.
std::string normalise_nfkc(std::string_view utf8);

// One non-blank line of a letter, with the page it stands on (1-based; form feeds
// separate pages).
struct Line {
    std::string text;
    int page = 1;
};

// Lines of a letter: trimmed, runs of white space (redaction gaps among them) made one
// space, blank lines dropped, control characters removed.
std::vector<Line> clean_lines(std::string_view text);

// Lines joined into running text: a space between lines, except where a line ends in a
// hyphen after a letter and the next starts with a lower-case letter ("post-" "laminectomy").
std::string join_lines(std::vector<Line>::const_iterator first, std::vector<Line>::const_iterator last);

}  // namespace imr
