#include "search_pool.h"

namespace imr::detail {

SearchPool::SearchPool(const std::filesystem::path& db, const SearcherOptions& options, unsigned workers, size_t queue)
    : capacity_(queue) {
    if (workers == 0) workers = std::max(1u, std::thread::hardware_concurrency());
    // Opened here, so that an index that cannot be opened fails the start, not a request.
    std::vector<std::unique_ptr<Searcher>> searchers;
    for (unsigned i = 0; i < workers; ++i) searchers.push_back(std::make_unique<Searcher>(db, options));
    for (auto& s : searchers) threads_.emplace_back([this, s = std::move(s)]() mutable { work(std::move(s)); });
}

SearchPool::~SearchPool() { stop(); }

bool SearchPool::submit(Job job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || jobs_.size() >= capacity_) return false;
        jobs_.push_back(std::move(job));
    }
    ready_.notify_one();
    return true;
}

void SearchPool::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_)
        if (t.joinable()) t.join();
}

void SearchPool::work(std::unique_ptr<Searcher> searcher) {
    while (true) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) return;  // stopping, and nothing left to do
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        ++in_flight_;
        job(*searcher);  // jobs catch their own errors: each answers its request
        --in_flight_;
    }
}

}  // namespace imr::detail
