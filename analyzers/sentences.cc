// Sentences by ICU's English sentence breaker: the one definition of a sentence, for excerpts
// and for the connectors (/s; /n within one sentence).
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "imr/analyzers.h"

namespace imr {

namespace {

// `sentence`, cut after every kMaxSentenceWords words (runs of non-space), into `out`: the
// index keeps a sentence's words within a fixed span of positions (schema.h, kSentenceGap).
void add_pieces(const std::string& sentence, std::vector<std::string>& out) {
    size_t words = 0, start = 0;
    bool in_word = false;
    for (size_t i = 0; i < sentence.size(); ++i) {
        const bool space = sentence[i] == ' ' || sentence[i] == '\n' || sentence[i] == '\t' || sentence[i] == '\r';
        if (!space && !in_word && ++words > kMaxSentenceWords) {
            out.push_back(sentence.substr(start, i - start));
            start = i;
            words = 1;
        }
        in_word = !space;
    }
    out.push_back(sentence.substr(start));
}

}  // namespace

std::vector<std::string> sentences_of(const std::string& text) {
    // A break iterator is costly to make: one a thread, reset for each text.
    thread_local std::unique_ptr<icu::BreakIterator> it = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> made(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
        return U_FAILURE(status) ? nullptr : std::move(made);
    }();
    if (!it) return {text};
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    it->setText(u);
    std::vector<std::string> out;
    for (int32_t start = it->first(), end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
        std::string sentence;
        u.tempSubStringBetween(start, end).toUTF8String(sentence);
        add_pieces(sentence, out);
    }
    return out;
}

}  // namespace imr
