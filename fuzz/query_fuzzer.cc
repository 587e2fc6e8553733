// libFuzzer target: arbitrary bytes as a query, through understanding, parsing and search (a
// page with excerpts, facets, a spelling suggestion) over an index of data/letters built once.
// The first byte picks the options: literal or not, a page offset. The only acceptable failure
// is imr::Error; anything else (another exception, a crash, a hang, a sanitizer report) is a bug.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "imr/error.h"
#include "imr/indexer.h"
#include "imr/searcher.h"

namespace {

imr::Searcher* searcher = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const std::filesystem::path db = std::filesystem::temp_directory_path() / "imrsearch-query-fuzzer-index";
    std::filesystem::remove_all(db);
    {
        imr::Indexer indexer(db);
        indexer.index({std::filesystem::path(IMR_DATA_DIR) / "letters"});
    }
    imr::SearcherOptions one_thread;
    one_thread.threads = 1;
    searcher = new imr::Searcher(db, one_thread);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    imr::SearchOptions options;
    options.literal = (data[0] & 1) != 0;
    options.offset = (data[0] >> 1) & 7;
    const std::string query(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        (void)searcher->search(query, options);
    } catch (const imr::Error&) {
    }
    return 0;
}
