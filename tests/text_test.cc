// Text clean-up, decoding and normalisation, table-driven.
#include <catch2/catch.hpp>

#include "imr/error.h"
#include "imr/stopwords.h"
#include "imr/text.h"

using namespace imr;

TEST_CASE("clean_lines trims, folds redaction gaps, drops blank lines and counts pages", "[text]") {
    auto lines = clean_lines(" first  line   \n\n  \nBased on the   report by     the\n\fsecond page\r\nlast");
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].text == "first line");
    CHECK(lines[1].text == "Based on the report by the");
    CHECK(lines[2].text == "second page");
    CHECK(lines[2].page == 2);
    CHECK(lines[0].page == 1);
    CHECK(lines[3].text == "last");
}

TEST_CASE("join_lines mends hyphenated breaks only before lower case", "[text]") {
    auto lines = clean_lines("s/p L4-5 revision, post-\nlaminectomy syndrome with reduced function-\nADLs");
    CHECK(join_lines(lines.begin(), lines.end()) ==
          "s/p L4-5 revision, post-laminectomy syndrome with reduced function- ADLs");
}

TEST_CASE("decode_text reads the encodings letters come in", "[text]") {
    CHECK(decode_text("\xEF\xBB\xBFPage(s): 98", "a") == "Page(s): 98");
    CHECK(decode_text(std::string("\xFF\xFE" "9\0" "7\0" "9\0" "2\0", 10), "b") == "9792");
    CHECK(decode_text(std::string("\xFE\xFF\0\xA7\0" "1", 6), "c") == "\xC2\xA7" "1");
    // Windows-1252: section sign and smart quotes.
    CHECK(decode_text("\xA7 9792.24.1 \x93quoted\x94", "d") == "\xC2\xA7 9792.24.1 \xE2\x80\x9Cquoted\xE2\x80\x9D");
    CHECK(decode_text("caf\xC3\xA9", "e") == "caf\xC3\xA9");
}

TEST_CASE("decode_text refuses binary data and broken UTF-8, naming the file", "[text][errors]") {
    CHECK_THROWS_WITH(decode_text(std::string("\x7F" "ELF\0\0\x01", 7), "junk.bin"),
                      Catch::Contains("junk.bin") && Catch::Contains("binary"));
    CHECK_THROWS_WITH(decode_text("caf\xC3\xA9 and \xC3\x28 broken", "bad.txt"),
                      Catch::Contains("bad.txt") && Catch::Contains("invalid UTF-8"));
}

TEST_CASE("NFKC folds what PDFs produce", "[text]") {
    CHECK(normalise_nfkc("\xEF\xAC\x81" "brosis") == "fibrosis");      // fi ligature
    CHECK(normalise_nfkc("a\xC2\xA0" "b") == "a b");                   // no-break space
    CHECK(normalise_nfkc("\xEF\xBC\x91\xEF\xBC\x90") == "10");         // full-width digits
}

TEST_CASE("stopwords leave phrases, and only phrases, before the query parser sees them", "[text][query]") {
    struct Case {
        const char* typed;
        const char* parsed;
    };
    const Case cases[] = {
        {"\"lack of documentation of\" pain", "\"lack  documentation \" pain"},
        {"follow-up visit", "follow visit"},
        {"peer-to-peer up-to-date", "peer-peer date"},
        {"the failure of PT", "the failure of PT"},  // the parser's stopper drops these
        {"\"it's a trial\"", "\"it's  trial\""},
        {"specialty:\"physical medicine and rehabilitation\"", "specialty:\"physical medicine and rehabilitation\""},
        {"\"and so\" \"so knee\"", "\"and so\" \" knee\""},  // stopwords alone find nothing, as unquoted
        {"item:follow-up OR \"x of y", "item:follow-up OR \"x  y"},
    };
    for (const auto& c : cases) CHECK(without_phrase_stopwords(c.typed) == c.parsed);
}
