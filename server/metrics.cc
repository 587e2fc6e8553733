#include "metrics.h"

#include <cstdio>

namespace imr::detail {

void Metrics::observe(const std::string& route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
    for (size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) ++buckets_[i];
    ++count_;
    sum_ += seconds;
}

std::string Metrics::text() const {
    std::lock_guard lock(mutex_);
    std::string out;
    out += "# HELP imrsearch_requests_total Requests answered, by route template and status.\n";
    out += "# TYPE imrsearch_requests_total counter\n";
    for (const auto& [key, n] : requests_)
        out += "imrsearch_requests_total{route=\"" + key.first + "\",status=\"" + std::to_string(key.second) + "\"} " +
               std::to_string(n) + "\n";
    out += "# HELP imrsearch_request_duration_seconds Time to answer a request.\n";
    out += "# TYPE imrsearch_request_duration_seconds histogram\n";
    char line[128];
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        std::snprintf(line, sizeof line, "imrsearch_request_duration_seconds_bucket{le=\"%g\"} %llu\n", kBuckets[i], buckets_[i]);
        out += line;
    }
    out += "imrsearch_request_duration_seconds_bucket{le=\"+Inf\"} " + std::to_string(count_) + "\n";
    std::snprintf(line, sizeof line, "imrsearch_request_duration_seconds_sum %.6f\n", sum_);
    out += line;
    out += "imrsearch_request_duration_seconds_count " + std::to_string(count_) + "\n";
    out += "# HELP imrsearch_searches_in_flight Searches running now.\n# TYPE imrsearch_searches_in_flight gauge\n";
    out += "imrsearch_searches_in_flight " + std::to_string(in_flight_.load()) + "\n";
    out += "# HELP imrsearch_index_decisions Decisions in the index served.\n# TYPE imrsearch_index_decisions gauge\n";
    out += "imrsearch_index_decisions " + std::to_string(decisions_.load()) + "\n";
    out += "# HELP imrsearch_index_revision The index's revision (-1 for shards).\n# TYPE imrsearch_index_revision gauge\n";
    out += "imrsearch_index_revision " + std::to_string(revision_.load()) + "\n";
    return out;
}

}  // namespace imr::detail
