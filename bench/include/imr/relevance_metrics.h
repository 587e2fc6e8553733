// nDCG@k, P@k and recall@k over graded judgments, as ../data/queries/README.md defines them:
// gains 2 and 1, log2 discount, ideal ranking from the judgments; P@k and recall@k count a
// grade of 1 or more as relevant.
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace imr::bench {

using Judgments = std::map<std::string, int>;  // decision id -> grade

inline double dcg(const std::vector<int>& gains, size_t k) {
    double sum = 0;
    for (size_t i = 0; i < gains.size() && i < k; ++i) sum += gains[i] / std::log2(static_cast<double>(i) + 2);
    return sum;
}

inline double ndcg_at(const std::vector<std::string>& ranked, const Judgments& judged, size_t k) {
    std::vector<int> gains, ideal;
    for (const auto& id : ranked) {
        auto it = judged.find(id);
        gains.push_back(it == judged.end() ? 0 : it->second);
    }
    for (const auto& [id, grade] : judged) ideal.push_back(grade);
    std::sort(ideal.rbegin(), ideal.rend());
    double best = dcg(ideal, k);
    return best == 0 ? 0 : dcg(gains, k) / best;
}

inline size_t relevant_in_top(const std::vector<std::string>& ranked, const Judgments& judged, size_t k) {
    size_t n = 0;
    for (size_t i = 0; i < ranked.size() && i < k; ++i) {
        auto it = judged.find(ranked[i]);
        if (it != judged.end() && it->second >= 1) ++n;
    }
    return n;
}

inline double precision_at(const std::vector<std::string>& ranked, const Judgments& judged, size_t k) {
    return static_cast<double>(relevant_in_top(ranked, judged, k)) / static_cast<double>(k);
}

inline double recall_at(const std::vector<std::string>& ranked, const Judgments& judged, size_t k) {
    size_t relevant = 0;
    for (const auto& [id, grade] : judged) relevant += grade >= 1;
    return relevant == 0 ? 0 : static_cast<double>(relevant_in_top(ranked, judged, k)) / static_cast<double>(relevant);
}

}  // namespace imr::bench
