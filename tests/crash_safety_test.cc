// A killed indexer leaves an index that opens, checks clean and holds whole letters only;
// searches run while an index is written.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <thread>

#include <xapian.h>

#include "imr/analyzers.h"
#include "imr/indexer.h"
#include "imr/record.h"
#include "imr/searcher.h"
#include "test_support.h"

using namespace imr;

namespace {

// Decisions per letter key, from the letters themselves.
std::map<std::string, size_t> expected_decisions() {
    std::map<std::string, size_t> out;
    for (const auto& f : test::letter_files()) {
        Letter l = parse_letter(test::read_file(f), f.string());
        out[l.key()] = l.decisions.size();
    }
    return out;
}

// Runs the indexer over data/letters in a child process, committing every few letters,
// and kills it with SIGKILL once it has read `files_before_kill` files.
void index_and_kill(const std::filesystem::path& db, size_t files_before_kill) {
    int pipefd[2];
    REQUIRE(pipe(pipefd) == 0);
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        close(pipefd[0]);
        try {
            IndexOptions options;
            options.letters_per_commit = 7;
            Indexer indexer(db, options);
            indexer.index({test::letters_dir()}, [&](size_t, size_t) {
                char c = 1;
                (void)!write(pipefd[1], &c, 1);
            });
        } catch (...) {
        }
        _exit(0);
    }
    close(pipefd[1]);
    char c;
    for (size_t read_files = 0; read_files < files_before_kill && read(pipefd[0], &c, 1) == 1;) ++read_files;
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    close(pipefd[0]);
}

}  // namespace

TEST_CASE("an indexer killed at any point leaves whole letters and a clean index", "[crash][indexer]") {
    const auto expected = expected_decisions();
    size_t total = 0;
    for (const auto& [key, n] : expected) total += n;

    for (size_t kill_after : {1u, 15u, 60u, 140u}) {
        DYNAMIC_SECTION("killed after " << kill_after << " files") {
            test::TempDir dir;
            const auto db = dir / "index";
            index_and_kill(db, kill_after);

            std::string check = "xapian-check '" + db.string() + "' >/dev/null 2>&1";
            CHECK(std::system(check.c_str()) == 0);

            Xapian::Database x(db.string());
            std::map<std::string, size_t> indexed;
            for (auto it = x.postlist_begin(""); it != x.postlist_end(""); ++it) {
                ++indexed[DecisionRecord::from_data(x.get_document(*it).get_data()).letter_key];
            }
            for (const auto& [key, n] : indexed) {
                INFO(key);
                CHECK(n == expected.at(key));
            }

            IndexSummary s = Indexer(db).index({test::letters_dir()});
            CHECK(s.failures.empty());
            CHECK(s.letters_indexed + s.letters_unchanged == expected.size());
            CHECK(Searcher(db).stats().decisions == total);
        }
    }
}

TEST_CASE("searches succeed while the index is being written", "[concurrency]") {
    test::TempDir dir;
    const auto db = dir / "index";
    Indexer(db).index({test::seed("004_d5de75f73db54f04")});

    std::atomic<bool> done{false};
    std::thread writer([&] {
        IndexOptions options;
        options.letters_per_commit = 3;
        Indexer indexer(db, options);
        indexer.index({test::letters_dir()});
        done = true;
    });
    size_t searches = 0, failures = 0;
    size_t last_total = 0;
    try {
        Searcher searcher(db);
        while (!done || searches < 5) {
            try {
                SearchResults r = searcher.search("acupuncture functional improvement");
                ++searches;
                last_total = r.total;
            } catch (const std::exception& e) {
                ++failures;
                WARN("search failed while writing: " << e.what());
            }
        }
    } catch (...) {
        writer.join();
        throw;
    }
    writer.join();
    CHECK(failures == 0);
    CHECK(searches >= 5);
    CHECK(last_total > 0);
    CHECK(Searcher(db).stats().decisions == 346);
}
