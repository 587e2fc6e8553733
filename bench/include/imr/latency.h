// Latency figures of a run of searches: queries/s over the time spent searching, and
// percentiles by nearest rank.
#pragma once

#include <string>
#include <vector>

namespace imr::bench {

struct Latency {
    size_t samples = 0;
    double qps = 0, p50 = 0, p95 = 0, p99 = 0;
};

Latency latency_of(std::vector<double> ms);

// "NAME QPS P50 P95 P99": the line bench/engines.sh reads, from every engine alike.
std::string latency_line(const std::string& name, const Latency& l);

}  // namespace imr::bench
