// Internal: a list of plain words (an OR, as the parser makes it) cut down to the words that
// tell decisions apart, so that a long question or a pasted sentence is matched on them.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace imr::detail {

// A word of the default text that more than this share of the decisions hold is left out of a
// list of words: BM25 weighs it at most log 1.5, a telling word 2 to 9, so it reorders
// nothing, but reading its postings was most of a long question's match (bench/engines at
// 100k decisions, paired: questions and pasted sentences in 0.80 of the time, the whole mix
// in 0.89). `bench/relevance` stays at 0.834 with 0.5 (0.833 with 0.3); it fell to 0.813
// before the named values below reached their decisions.
inline constexpr double kCommonShare = 0.5;

// A list of more words than this, an operator typed or --literal, is searched by its most
// telling ones (Xapian's OP_ELITE_SET): a pasted paragraph is "decisions like this text".
inline constexpr Xapian::termcount kEliteTerms = 24;

// A list of more plain words than this (a pasted sentence, a long question), no operator typed,
// is searched by this many words that the fewest decisions hold, and the others are named: a
// sentence's most common words hold the longest posting lists and add the least weight. Paired
// at 100k decisions (bench/engines, 7 pairs each): pasted sentences in 0.82 of the time
// (0.80-0.83), questions 0.98 (noise), the whole mix 0.98; bench/relevance 0.834 either way.
// Eight words gave the mix 0.87, but a question of thirteen words lost its subject ("...
// acupuncture denied because there was no functional improvement after six prior visits"
// searched without 'functional improvement'), though not on the judged queries.
inline constexpr size_t kTellingTerms = 12;

// A list of at least this many parts (a question, a pasted sentence) searches joined words
// apart; in a shorter one they stay a phrase, as the words of a term of art often are:
// searched apart, "EMG/NCV lower extremities not medically necessary" fell from 0.941 to 0.882
// nDCG@10 (bench/relevance q13).
inline constexpr size_t kApartFrom = 10;

struct TellingWords {
    Xapian::Query query;
    std::vector<std::string> common_terms;              // the terms left out
    std::vector<std::vector<std::string>> apart_terms;  // each joined word's terms, searched apart
    std::vector<std::string> untelling_terms;           // the words past the kTellingTerms most telling
    std::vector<std::string> reach_terms;               // the named values the list reaches, weightless
};

// The parts of an OR, nested ORs (the parser groups words between punctuation) opened, added
// to `out`; `q` itself when it is no OR.
void or_parts(const Xapian::Query& q, std::vector<Xapian::Query>& out);

// How a list of words may be cut down.
struct Cuts {
    bool every_word = false;    // an operator typed, or --literal: no word left out, no word apart
    bool keep_joined = false;   // a phrase or a field typed: words joined by punctuation stay a phrase
};

// `q` with its list of words (`q` itself, or the first part of a FILTER or AND_NOT, whose
// filters and exclusions stay) cut down: the common words left out while another part stays;
// in a list of kApartFrom parts or more, words the parser joined into a phrase ("MTUS/ACOEM",
// "11/30/2016", "plain-film") searched as all of their words, anywhere in the decision (none
// with `keep_joined`); then its plain words cut to the kTellingTerms most telling; with
// `every_word`, only the kEliteTerms best by weight.
//
// A joined word's phrase was checked on positions at every decision holding its words, and
// doubled the time of the pasted sentences holding one (42 against 26 ms, 38 against 18, at
// 100k decisions); in a list of words its terms weigh the same either way, and nearness in a
// pasted sentence says little. A common word matched nearly every decision, so a decision of
// a value the words name (`named`: "reviewed by a chiropractor") was reached through it and
// ranked by the value's boost; where words were left out, the named values join the list,
// weightless, and reach them still.
TellingWords telling_words(const Xapian::Database& db, const Xapian::Query& q, const std::vector<Xapian::Query>& named,
                           const Cuts& cuts);

}  // namespace imr::detail
