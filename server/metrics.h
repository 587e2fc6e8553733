// Internal: what /metrics reports, in Prometheus' text format: requests by route template and
// status, a latency histogram, searches in flight, the index's revision.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>

namespace imr::detail {

class Metrics {
public:
    void observe(const std::string& route, int status, double seconds);
    void set_in_flight(size_t n) { in_flight_ = n; }
    void set_index(size_t decisions, long long revision) {
        decisions_ = decisions;
        revision_ = revision;
    }
    std::string text() const;

private:
    static constexpr std::array<double, 10> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, unsigned long long> requests_;
    std::array<unsigned long long, kBuckets.size()> buckets_{};
    unsigned long long count_ = 0;
    double sum_ = 0;
    std::atomic<size_t> in_flight_{0}, decisions_{0};
    std::atomic<long long> revision_{-1};
};

}  // namespace imr::detail
