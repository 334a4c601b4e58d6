#include "reports/published_ranks.h"

#include <algorithm>
#include <map>
#include <set>

#include "reports/ranking.h"

namespace annotbench {

PublishedRankComparison compare_published_ranks(const std::vector<ResultRow>& rows,
                                                const std::vector<PublishedResult>& published,
                                                const std::string& metric, bool lower_is_better,
                                                const std::vector<std::string>& excluded) {
  PublishedRankComparison comparison;
  comparison.metric = metric;
  // Our mean per (data set, row name), in the published numbers' unit (percent).
  std::map<std::pair<std::string, std::string>, std::pair<double, std::size_t>> ours;
  for (const ResultRow& row : rows) {
    const auto value = row.metrics.find(metric);
    if (value == row.metrics.end()) continue;
    auto& [sum, count] = ours[{row.dataset, row.method}];
    sum += 100.0 * value->second;
    ++count;
  }
  std::map<std::string, std::map<std::string, double>> paper;  // dataset -> method -> mean
  for (const PublishedResult& number : published) {
    if (number.metric != metric) continue;
    if (std::find(excluded.begin(), excluded.end(), number.method) != excluded.end()) continue;
    if (ours.count({number.dataset, number.method}) == 0) continue;
    paper[number.dataset][number.method] = number.mean_percent;
  }
  for (const auto& [dataset, methods] : paper)
    if (methods.size() >= 2) comparison.datasets.push_back(dataset);
  if (comparison.datasets.empty()) return comparison;
  // The rows every compared data set has, in the order the first lists them.
  for (const auto& [method, mean] : paper.at(comparison.datasets.front())) {
    (void)mean;
    const bool everywhere = std::all_of(comparison.datasets.begin(), comparison.datasets.end(),
                                        [&](const std::string& dataset) { return paper.at(dataset).count(method) > 0; });
    if (everywhere) comparison.methods.push_back(method);
  }
  if (comparison.methods.size() < 2) return comparison;
  for (const std::string& dataset : comparison.datasets) {
    std::vector<double> our_scores, paper_scores;
    for (const std::string& method : comparison.methods) {
      const auto& [sum, count] = ours.at({dataset, method});
      our_scores.push_back(sum / static_cast<double>(count));
      paper_scores.push_back(paper.at(dataset).at(method));
    }
    comparison.our_ranks.push_back(rank_scores(our_scores, lower_is_better));
    comparison.paper_ranks.push_back(rank_scores(paper_scores, lower_is_better));
    comparison.kendall_tau_per_dataset.push_back(kendall_tau_b(our_scores, paper_scores));
  }
  comparison.our_mean_ranks = mean_ranks(comparison.our_ranks);
  comparison.paper_mean_ranks = mean_ranks(comparison.paper_ranks);
  comparison.kendall_tau_mean_ranks = kendall_tau_b(comparison.our_mean_ranks, comparison.paper_mean_ranks);
  return comparison;
}

}  // namespace annotbench
