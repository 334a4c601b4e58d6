#include "reports/ranking.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace annotbench {

std::vector<double> rank_ascending(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  std::size_t start = 0;
  while (start < order.size()) {
    std::size_t stop = start + 1;
    while (stop < order.size() && values[order[stop]] == values[order[start]]) ++stop;
    // Positions start..stop-1 hold equal values: each gets the mean of ranks start+1..stop.
    const double shared_rank = 0.5 * static_cast<double>(start + 1 + stop);
    for (std::size_t i = start; i < stop; ++i) ranks[order[i]] = shared_rank;
    start = stop;
  }
  return ranks;
}

std::vector<double> rank_scores(const std::vector<double>& scores, bool lower_is_better) {
  if (lower_is_better) return rank_ascending(scores);
  std::vector<double> negated(scores.size());
  std::transform(scores.begin(), scores.end(), negated.begin(), [](double s) { return -s; });
  return rank_ascending(negated);
}

std::vector<std::vector<double>> rank_table(const ScoreTable& table) {
  std::vector<std::vector<double>> ranks;
  ranks.reserve(table.scores.size());
  for (const std::vector<double>& row : table.scores) ranks.push_back(rank_scores(row, table.lower_is_better));
  return ranks;
}

std::vector<double> mean_ranks(const std::vector<std::vector<double>>& ranks) {
  if (ranks.empty()) return {};
  std::vector<double> means(ranks.front().size(), 0.0);
  for (const std::vector<double>& row : ranks)
    for (std::size_t m = 0; m < row.size(); ++m) means[m] += row[m];
  for (double& mean : means) mean /= static_cast<double>(ranks.size());
  return means;
}

double kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = std::min(x.size(), y.size());
  double concordant = 0.0, discordant = 0.0, tied_x = 0.0, tied_y = 0.0, pairs = 0.0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      pairs += 1.0;
      const double dx = x[i] - x[j], dy = y[i] - y[j];
      if (dx == 0.0) tied_x += 1.0;
      if (dy == 0.0) tied_y += 1.0;
      if (dx * dy > 0.0) concordant += 1.0;
      else if (dx * dy < 0.0) discordant += 1.0;
    }
  const double denominator = std::sqrt((pairs - tied_x) * (pairs - tied_y));
  return denominator > 0.0 ? (concordant - discordant) / denominator : NAN;
}

}  // namespace annotbench
