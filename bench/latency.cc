#include "imr/latency.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace imr::bench {

namespace {

double at(const std::vector<double>& sorted, double p) {
    const size_t i = static_cast<size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(i, sorted.size() - 1)];
}

}  // namespace

Latency latency_of(std::vector<double> ms) {
    Latency l;
    l.samples = ms.size();
    if (ms.empty()) return l;
    std::sort(ms.begin(), ms.end());
    const double total = std::accumulate(ms.begin(), ms.end(), 0.0);
    l.qps = total > 0 ? 1000.0 * static_cast<double>(ms.size()) / total : 0;
    l.p50 = at(ms, 0.5);
    l.p95 = at(ms, 0.95);
    l.p99 = at(ms, 0.99);
    return l;
}

std::string latency_line(const std::string& name, const Latency& l) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s %.1f %.2f %.2f %.2f\n", name.c_str(), l.qps, l.p50, l.p95, l.p99);
    return buf;
}

}  // namespace imr::bench
