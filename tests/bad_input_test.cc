// Bad input: each fixture is made here, gets a one-line error naming the file and the reason,
// and the rest of the batch is indexed.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "imr/indexer.h"
#include "imr/searcher.h"
#include "test_support.h"

using namespace imr;

namespace {

struct Fixture {
    std::string name;
    std::string reason;  // part of the error message
};

std::string minimal_letter_without_rationale() {
    return "IMR ISSUES, DECISIONS AND RATIONALES\nMRI of the knee: Upheld\n"
           "Claims Administrator guideline: Decision based on MTUS.\n"
           "MAXIMUS guideline: Decision based on MTUS.\n";
}

// A PDF with one empty page: what a scan looks like to a text extractor.
std::string pdf_without_text() {
    return "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
           "2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
           "3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>> endobj\n"
           "trailer <</Root 1 0 R>>\n%%EOF\n";
}

}  // namespace

TEST_CASE("bad files are reported one by one while the batch goes on", "[errors][indexer]") {
    test::TempDir dir;
    auto in = dir / "in";
    std::filesystem::create_directories(in);
    std::string real_pdf = test::read_file(test::data_dir() / "pdf" / "CM16-0213037.pdf");

    std::vector<Fixture> fixtures = {
        {"empty.txt", "empty file"},
        {"junk.txt", "binary data"},
        {"truncated.pdf", "damaged or truncated PDF"},
        {"scan.pdf", "no text layer"},
        {"memo.txt", "no disputed item found"},
        {"no-rationale.txt", "has no decision rationale"},
        {"broken-utf8.txt", "invalid UTF-8"},
        {"huge.txt", "over the limit"},
    };
    test::write_file(in / "empty.txt", "");
    test::write_file(in / "junk.txt", std::string("\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16) + std::string(4096, '\x03'));
    test::write_file(in / "truncated.pdf", real_pdf.substr(0, 3000));
    test::write_file(in / "scan.pdf", pdf_without_text());
    test::write_file(in / "memo.txt", "Dear sir,\nThank you for your letter of the 5th.\n");
    test::write_file(in / "no-rationale.txt", minimal_letter_without_rationale());
    test::write_file(in / "broken-utf8.txt", "Decisi\xC3\xB3n and \xC3\x28 broken\n");
    test::write_file(in / "huge.txt", std::string(150000, 'a'));
    if (std::system("command -v qpdf >/dev/null 2>&1") == 0) {
        std::string cmd = "qpdf --encrypt user owner 256 -- '" + (test::data_dir() / "pdf" / "CM16-0213037.pdf").string() +
                          "' '" + (in / "locked.pdf").string() + "'";
        REQUIRE(std::system(cmd.c_str()) == 0);
        fixtures.push_back({"locked.pdf", "needs a user password"});
    } else {
        WARN("qpdf is not installed (scripts/install-deps.sh installs it): no user-password PDF fixture");
    }
    // A folder whose symbolic link leads back to itself.
    std::filesystem::create_directories(in / "loop");
    std::filesystem::create_directory_symlink(in / "loop", in / "loop" / "again");
    fixtures.push_back({"again", "symbolic link loop"});
    if (geteuid() != 0) {  // root reads files whatever their mode
        test::write_file(in / "unreadable.txt", "x");
        chmod((in / "unreadable.txt").c_str(), 0);
        fixtures.push_back({"unreadable.txt", "cannot open"});
    }
    std::filesystem::copy_file(test::seed("004_d5de75f73db54f04"), in / "004_d5de75f73db54f04.txt");
    std::filesystem::copy_file(test::seed("000_58e21317fa2091e5"), in / "000_58e21317fa2091e5.txt");

    IndexOptions options;
    options.max_file_bytes = 100000;
    Indexer indexer(dir / "index", options);
    IndexSummary s = indexer.index({in});
    CHECK(s.letters_indexed == 2);
    CHECK(s.decisions_indexed == 3);
    CHECK(s.failures.size() == fixtures.size());
    for (const auto& f : fixtures) {
        INFO(f.name);
        bool named = false;
        for (const auto& failure : s.failures) {
            if (failure.file.find(f.name) != std::string::npos) {
                named = true;
                CHECK(failure.reason.find(f.reason) != std::string::npos);
                CHECK(failure.reason.find('\n') == std::string::npos);
            }
        }
        CHECK(named);
    }
}

TEST_CASE("what was indexed survives a later batch of bad files", "[errors][indexer]") {
    test::TempDir dir;
    {
        Indexer indexer(dir / "index");
        indexer.index({test::seed("004_d5de75f73db54f04")});
    }
    test::write_file(dir / "junk.pdf", "%PDF-1.7 and then nothing");
    {
        Indexer indexer(dir / "index");
        IndexSummary s = indexer.index({dir / "junk.pdf", dir / "does-not-exist.txt"});
        CHECK(s.failures.size() == 2);
    }
    CHECK(Searcher(dir / "index").stats().decisions == 2);
}
