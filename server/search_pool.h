// Internal: the bounded pool of search workers. Each worker thread opens a Searcher of its own
// and runs the jobs handed to it; a job waits in a bounded queue, and when the queue is full it
// is refused at once (the service answers 503 with Retry-After) rather than piled up.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "imr/searcher.h"

namespace imr::detail {

class SearchPool {
public:
    using Job = std::function<void(Searcher&)>;

    // Throws imr::Error (index) when the index cannot be opened.
    SearchPool(const std::filesystem::path& db, const SearcherOptions& options, unsigned workers, size_t queue);
    ~SearchPool();

    // Queues `job`; false when the queue is full or the pool is stopping.
    bool submit(Job job);

    // Runs what is queued, then joins the workers.
    void stop();

    size_t in_flight() const { return in_flight_; }

private:
    void work(std::unique_ptr<Searcher> searcher);

    size_t capacity_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Job> jobs_;
    bool stopping_ = false;
    std::atomic<size_t> in_flight_{0};
    std::vector<std::thread> threads_;
};

}  // namespace imr::detail
