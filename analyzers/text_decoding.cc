// Byte-level decoding and Unicode normalisation, both through ICU.
#include <memory>

#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "imr/error.h"
#include "imr/text.h"

namespace imr {

namespace {

struct Utf8Scan {
    size_t multibyte = 0;  // valid multi-byte sequences
    size_t invalid = 0;    // bytes that start no valid sequence
};

Utf8Scan scan_utf8(std::string_view s) {
    Utf8Scan scan;
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t i = 0;
    const auto n = static_cast<int32_t>(s.size());
    while (i < n) {
        int32_t before = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) {
            ++scan.invalid;
        } else if (i - before > 1) {
            ++scan.multibyte;
        }
    }
    return scan;
}

// Binary data: NUL bytes, or many control characters that no letter contains.
bool looks_binary(std::string_view s) {
    size_t control = 0;
    for (unsigned char c : s) {
        if (c == 0) return true;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
    }
    return control * 100 > s.size();
}

std::string convert(std::string_view bytes, const char* charset, const std::string& name) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), charset);
    if (u.isBogus()) throw input_error(name, std::string("cannot convert from ") + charset);
    (void)status;
    std::string out;
    u.toUTF8String(out);
    return out;
}

}  // namespace

std::string decode_text(std::string_view bytes, const std::string& name) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    else if (bytes.starts_with("\xFF\xFE")) return convert(bytes.substr(2), "UTF-16LE", name);
    else if (bytes.starts_with("\xFE\xFF")) return convert(bytes.substr(2), "UTF-16BE", name);

    if (looks_binary(bytes)) throw input_error(name, "binary data, not a letter's text");
    Utf8Scan scan = scan_utf8(bytes);
    if (scan.invalid == 0) return std::string(bytes);
    if (scan.multibyte > 0) {
        throw input_error(name, "invalid UTF-8 (" + std::to_string(scan.invalid) +
                                    " bad bytes among valid UTF-8 text)");
    }
    return convert(bytes, "windows-1252", name);
}

std::string normalise_nfkc(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) return std::string(utf8);
    icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
    if (nfkc->isNormalized(in, status) && U_SUCCESS(status)) return std::string(utf8);
    status = U_ZERO_ERROR;
    icu::UnicodeString out = nfkc->normalize(in, status);
    if (U_FAILURE(status)) return std::string(utf8);
    std::string result;
    out.toUTF8String(result);
    return result;
}

}  // namespace imr
