// Nothing indexed is lost: paths in any form name the same file, prune stays under its roots,
// moved letters move, commands that do not build an index never make one, and a removed
// decision comes back when its file is indexed again.
#include <catch2/catch.hpp>

#include <set>

#include "imr/cli.h"
#include "imr/indexer.h"
#include "imr/searcher.h"
#include "test_support.h"

using namespace imr;
namespace fs = std::filesystem;

namespace {

// The seed letters copied into dir/name.
fs::path seed_copy(const test::TempDir& dir, const std::string& name) {
    fs::create_directories(dir / name);
    fs::copy(test::letters_dir() / "seeds", dir / name);
    return dir / name;
}

std::set<std::string> ids(const fs::path& db) {
    Searcher searcher(db);
    SearchOptions all;
    all.literal = true;
    all.limit = 1000;
    std::set<std::string> out;
    for (const auto& h : searcher.search("outcome:upheld OR outcome:overturned", all).hits) out.insert(h.record.id);
    return out;
}

// Two words that stand together in `text`, each of five letters or more: a phrase it says.
std::string two_words_of(const std::string& text) {
    std::vector<std::string> words;
    std::string w;
    for (unsigned char c : text + " ") {
        if (std::isalpha(c)) {
            w.push_back(static_cast<char>(std::tolower(c)));
            continue;
        }
        words.push_back(c == ' ' && w.size() >= 5 ? w : "");
        w.clear();
    }
    for (size_t i = 1; i < words.size(); ++i)
        if (!words[i - 1].empty() && !words[i].empty()) return words[i - 1] + " " + words[i];
    return "";
}

// The ids of the decisions `query` finds.
std::set<std::string> found(const fs::path& index, const std::string& query) {
    SearchOptions all;
    all.limit = kMaxLimit;
    std::set<std::string> out;
    for (const auto& h : Searcher(index).search(query, all).hits) out.insert(h.record.id);
    return out;
}

}  // namespace

TEST_CASE("prune with another path form, from another folder, through a link, removes nothing while the files exist",
          "[index][prune]") {
    test::TempDir dir;
    seed_copy(dir, "corpus");
    fs::create_directories(dir / "elsewhere");
    fs::create_directory_symlink(dir / "corpus", dir / "link");
    {
        test::WorkingFolder here(dir.path());
        CHECK(test::cli({"index", "--db", "index", "corpus"}).status == 0);
    }
    const std::set<std::string> before = ids(dir / "index");
    REQUIRE(before.size() == 10);
    {
        test::WorkingFolder elsewhere(dir / "elsewhere");
        const std::vector<std::string> roots = {(dir / "corpus").string(), "../corpus", (dir / "link").string(), "../link/"};
        for (const std::string& root : roots) {
            INFO(root);
            test::CliRun r = test::cli({"index", "--db", (dir / "index").string(), "--prune", "--json", root});
            CHECK(r.status == 0);
            CHECK(r.out.find("\"letters_removed\": 0") != std::string::npos);
            CHECK(r.out.find("\"letters_unchanged\": 5") != std::string::npos);
            CHECK(ids(dir / "index") == before);
        }
        // A file gone under the root, named through the link: that letter, and only it, goes.
        fs::remove(dir / "corpus" / "003_a5f95da6f992a566.txt");
        test::CliRun r = test::cli({"index", "--db", (dir / "index").string(), "--prune", "--json", "../link"});
        CHECK(r.out.find("\"letters_removed\": 1") != std::string::npos);
    }
    std::set<std::string> expected;
    for (const auto& id : before)
        if (!id.starts_with("003_")) expected.insert(id);
    CHECK(expected.size() == before.size() - 3);
    CHECK(ids(dir / "index") == expected);
}

TEST_CASE("prune keeps letters from outside its roots, and letters whose files moved", "[index][prune]") {
    test::TempDir dir;
    seed_copy(dir, "a");
    fs::create_directories(dir / "b");
    fs::copy(test::seed("000_58e21317fa2091e5"), dir / "b");
    fs::remove(dir / "a" / "000_58e21317fa2091e5.txt");
    Indexer indexer(dir / "index");
    indexer.index({dir / "a", dir / "b"});
    const std::set<std::string> before = ids(dir / "index");
    REQUIRE(before.size() == 10);
    fs::remove(dir / "b" / "000_58e21317fa2091e5.txt");
    CHECK(indexer.prune({dir / "a"}) == 0);
    CHECK(ids(dir / "index") == before);

    // The folder moves: indexing the new place and pruning both keeps every letter, now read
    // from where the files are.
    fs::rename(dir / "a", dir / "moved");
    IndexSummary s = indexer.index({dir / "moved"});
    CHECK(s.letters_indexed == 4);
    CHECK(indexer.prune({dir / "a", dir / "moved"}) == 0);
    std::set<std::string> expected = before;
    expected.erase("000_58e21317fa2091e5#1");
    expected.erase("000_58e21317fa2091e5#2");
    CHECK(indexer.prune({dir / "b"}) == 1);
    CHECK(ids(dir / "index") == expected);
    for (const auto& r : Searcher(dir / "index").lookup("001_e066e2eff228d9d9")) {
        CHECK(r.file == fs::canonical(dir / "moved" / "001_e066e2eff228d9d9.txt").string());
    }
    // A copy of a letter whose file still exists is a duplicate, not a second letter.
    fs::create_directories(dir / "copy");
    fs::copy(dir / "moved" / "001_e066e2eff228d9d9.txt", dir / "copy");
    CHECK(indexer.index({dir / "copy"}).letters_duplicate == 1);
    CHECK(ids(dir / "index") == expected);
}

TEST_CASE("commands that do not build an index never create one", "[index][cli]") {
    test::TempDir dir;
    const std::string missing = (dir / "no-index").string();
    const std::vector<std::vector<std::string>> commands = {
        {"remove", "--db", missing, "CM16-0213037"}, {"search", "--db", missing, "knee"},
        {"show", "--db", missing, "CM16-0213037"},   {"stats", "--db", missing},
        {"similar", "--db", missing, "CM16-0213037#1"},
    };
    for (const auto& args : commands) {
        INFO(args[0]);
        test::CliRun r = test::cli(args);
        CHECK(r.status == kExitCannotRun);
        CHECK(r.err.find(missing) != std::string::npos);
        CHECK_FALSE(fs::exists(missing));
    }
    // A folder that is not an index is not made one either.
    fs::create_directories(dir / "empty");
    test::CliRun r = test::cli({"remove", "--db", (dir / "empty").string(), "CM16-0213037"});
    CHECK(r.status == kExitCannotRun);
    CHECK(r.err.find("not an imrsearch index") != std::string::npos);
    CHECK(fs::is_empty(dir / "empty"));
}

TEST_CASE("a removed decision comes back when its unchanged file is indexed again", "[index][remove]") {
    test::TempDir dir;
    const fs::path letters = seed_copy(dir, "letters");
    Indexer indexer(dir / "index");
    indexer.index({letters});
    const std::set<std::string> before = ids(dir / "index");
    const std::vector<DecisionRecord> letter_before = Searcher(dir / "index").lookup("002_ff7e911861468fa8");
    REQUIRE(letter_before.size() >= 2);
    REQUIRE_FALSE(letter_before[0].case_summary.empty());

    // Its first decision, which holds the letter's case summary: the summary stays with the letter.
    CHECK(indexer.remove("002_ff7e911861468fa8#1") == 1);
    std::vector<DecisionRecord> rest = Searcher(dir / "index").lookup("002_ff7e911861468fa8");
    REQUIRE(rest.size() == letter_before.size() - 1);
    CHECK(rest[0].case_summary == letter_before[0].case_summary);
    // And its phrases find the letter's decisions still: the new holder keeps its positions.
    const std::string phrase = two_words_of(letter_before[0].case_summary);
    REQUIRE_FALSE(phrase.empty());
    INFO("summary:\"" << phrase << "\"");
    const std::set<std::string> said = found(dir / "index", "summary:\"" + phrase + "\"");
    for (const auto& r : rest) CHECK(said.count(r.id) == 1);
    SearchOptions literal;
    literal.literal = true;
    CHECK(Searcher(dir / "index").search("id:002_ff7e911861468fa8#1", literal).total == 0);

    IndexSummary again = indexer.index({letters});
    CHECK(again.letters_indexed == 1);
    CHECK(again.letters_unchanged == 4);
    CHECK(ids(dir / "index") == before);
    std::vector<DecisionRecord> restored = Searcher(dir / "index").lookup("002_ff7e911861468fa8");
    REQUIRE(restored.size() == letter_before.size());
    for (size_t i = 0; i < restored.size(); ++i) {
        CHECK(restored[i].id == letter_before[i].id);
        CHECK(restored[i].rationale == letter_before[i].rationale);
        CHECK(restored[i].case_summary == letter_before[i].case_summary);
    }
    // Removing a whole letter, then indexing: it is back too.
    CHECK(indexer.remove("004_d5de75f73db54f04") == 2);
    CHECK(indexer.index({letters}).letters_indexed == 1);
    CHECK(ids(dir / "index") == before);
}
