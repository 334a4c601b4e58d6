#include "simulators/kmeans.h"

#include <algorithm>
#include <cmath>

#include "simulators/sampling.h"

namespace annotbench {

namespace {

double squared_distance(const std::vector<double>& a, const std::vector<double>& b) {
  double total = 0.0;
  for (std::size_t j = 0; j < a.size(); ++j) total += (a[j] - b[j]) * (a[j] - b[j]);
  return total;
}

}  // namespace

std::vector<int> kmeans_clusters(const std::vector<std::vector<double>>& rows, std::size_t k, Rng& rng,
                                 int max_iterations) {
  const std::size_t n = rows.size();
  std::vector<int> assignment(n, 0);
  k = std::min(k, n);
  if (k <= 1 || n == 0) return assignment;

  // k-means++: each next centre is drawn with probability proportional to the squared distance to
  // the nearest centre so far.
  std::vector<std::vector<double>> centres;
  centres.push_back(rows[uniform_index(rng, n)]);
  std::vector<double> nearest(n);
  for (std::size_t i = 0; i < n; ++i) nearest[i] = squared_distance(rows[i], centres[0]);
  while (centres.size() < k) {
    const bool all_covered = std::all_of(nearest.begin(), nearest.end(), [](double v) { return v <= 0.0; });
    const std::size_t pick = all_covered ? uniform_index(rng, n) : draw_weighted(nearest, rng);
    centres.push_back(rows[pick]);
    for (std::size_t i = 0; i < n; ++i) nearest[i] = std::min(nearest[i], squared_distance(rows[i], centres.back()));
  }

  for (int iteration = 0; iteration < max_iterations; ++iteration) {
    bool changed = iteration == 0;
    for (std::size_t i = 0; i < n; ++i) {
      int best = 0;
      double best_distance = squared_distance(rows[i], centres[0]);
      for (std::size_t c = 1; c < k; ++c) {
        const double distance = squared_distance(rows[i], centres[c]);
        if (distance < best_distance) {
          best_distance = distance;
          best = static_cast<int>(c);
        }
      }
      if (assignment[i] != best) changed = true;
      assignment[i] = best;
    }
    if (!changed) break;
    std::vector<std::vector<double>> sums(k, std::vector<double>(rows[0].size(), 0.0));
    std::vector<std::size_t> counts(k, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const auto c = static_cast<std::size_t>(assignment[i]);
      ++counts[c];
      for (std::size_t j = 0; j < rows[i].size(); ++j) sums[c][j] += rows[i][j];
    }
    for (std::size_t c = 0; c < k; ++c) {
      if (counts[c] == 0) continue;  // an emptied cluster keeps its old centre
      for (std::size_t j = 0; j < sums[c].size(); ++j) centres[c][j] = sums[c][j] / static_cast<double>(counts[c]);
    }
  }
  return assignment;
}

}  // namespace annotbench
