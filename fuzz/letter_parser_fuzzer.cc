// libFuzzer target: arbitrary bytes through decoding, parsing and recognition. The only
// acceptable failure is imr::Error; anything else (a crash, a hang, a sanitizer report) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "imr/analyzers.h"
#include "imr/error.h"
#include "imr/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        std::string text = imr::decode_text(bytes, "fuzz");
        imr::Letter letter = imr::parse_letter(text, "fuzz.txt", true);
        for (const auto& d : letter.decisions) (void)imr::recognise(letter, d);
    } catch (const imr::Error&) {
    }
    return 0;
}
