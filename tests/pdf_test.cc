// The state's PDFs read with poppler give exactly the decisions of their text versions,
// and cite the pages they stand on.
#include <catch2/catch.hpp>

#include "imr/analyzers.h"
#include "imr/indexer.h"
#include "imr/letter_source.h"
#include "imr/searcher.h"
#include "test_support.h"

using namespace imr;

namespace {

std::vector<std::filesystem::path> pdf_files() {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(test::data_dir() / "pdf"))
        if (e.path().extension() == ".pdf") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

Letter parse_path(const std::filesystem::path& p) {
    SourceText s = read_source(p);
    return parse_letter(s.text, p.string(), s.paged);
}

}  // namespace

TEST_CASE("PDFs give the decisions of their text versions", "[pdf]") {
    auto pdfs = pdf_files();
    REQUIRE(pdfs.size() >= 5);
    for (const auto& pdf : pdfs) {
        INFO(pdf.string());
        Letter from_pdf = parse_path(pdf);
        Letter from_text = parse_path(test::letters_dir() / "dwc-2016-2017" / (pdf.stem().string() + ".txt"));
        CHECK(from_pdf.paged);
        CHECK_FALSE(from_text.paged);
        CHECK(from_pdf.case_number == from_text.case_number);
        CHECK(from_pdf.decision_date == from_text.decision_date);
        REQUIRE(from_pdf.decisions.size() == from_text.decisions.size());
        for (size_t i = 0; i < from_pdf.decisions.size(); ++i) {
            const Decision& a = from_pdf.decisions[i];
            const Decision& b = from_text.decisions[i];
            CHECK(from_pdf.decision_id(a) == from_text.decision_id(b));
            CHECK(a.title == b.title);
            CHECK(a.outcome == b.outcome);
            CHECK(a.rationale == b.rationale);
            CHECK(a.reviewer_guideline == b.reviewer_guideline);
            CHECK(a.heading_pages.first >= 1);
            CHECK(a.rationale_pages.first >= a.heading_pages.first);
            CHECK(a.rationale_pages.last >= a.rationale_pages.first);
        }
    }
}

TEST_CASE("the reader is chosen by content, not by the file's name", "[pdf]") {
    test::TempDir dir;
    std::filesystem::copy_file(test::data_dir() / "pdf" / "CM16-0213037.pdf", dir / "letter.txt");
    SourceText s = read_source(dir / "letter.txt");
    CHECK(s.paged);
    CHECK(parse_letter(s.text, "letter.txt", true).case_number == "CM16-0213037");
}

TEST_CASE("hits from PDFs cite their pages", "[pdf][e2e]") {
    test::TempDir dir;
    Indexer(dir / "index").index({test::data_dir() / "pdf"});
    Searcher searcher(dir / "index");
    auto found = searcher.lookup("CM16-0229336#1");
    REQUIRE(found.size() == 1);
    // The heading of this partial authorisation runs from page 1 onto page 2.
    CHECK(found[0].heading_page == 1);
    CHECK(found[0].rationale_first_page == 2);
}
