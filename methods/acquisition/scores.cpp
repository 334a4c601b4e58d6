#include "methods/acquisition/scores.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "datasets/random.h"

namespace annotbench {

double entropy(const float* proba, std::size_t classes) {
  double total = 0.0;
  for (std::size_t c = 0; c < classes; ++c)
    if (proba[c] > 0.0f) total -= static_cast<double>(proba[c]) * std::log(static_cast<double>(proba[c]));
  return total;
}

std::vector<double> entropy_scores(const FeatureMatrix& proba) {
  std::vector<double> scores(proba.rows);
  for (std::size_t i = 0; i < proba.rows; ++i) scores[i] = entropy(proba.row(i), proba.cols);
  return scores;
}

std::vector<double> margin_scores(const FeatureMatrix& proba) {
  std::vector<double> scores(proba.rows);
  for (std::size_t i = 0; i < proba.rows; ++i) {
    double first = -1.0, second = -1.0;
    for (std::size_t c = 0; c < proba.cols; ++c) {
      const double p = proba.at(i, c);
      if (p > first) {
        second = first;
        first = p;
      } else if (p > second) {
        second = p;
      }
    }
    scores[i] = -(first - std::max(second, 0.0));
  }
  return scores;
}

std::vector<double> least_confidence_scores(const FeatureMatrix& proba) {
  std::vector<double> scores(proba.rows);
  for (std::size_t i = 0; i < proba.rows; ++i)
    scores[i] = -static_cast<double>(*std::max_element(proba.row(i), proba.row(i) + proba.cols));
  return scores;
}

std::vector<double> loss_scores(const FeatureMatrix& proba, const std::vector<int>& labels) {
  std::vector<double> scores(proba.rows);
  for (std::size_t i = 0; i < proba.rows; ++i)
    scores[i] = -std::log(std::max(1e-12, static_cast<double>(proba.at(i, static_cast<std::size_t>(labels[i])))));
  return scores;
}

std::vector<double> joint_scores(const FeatureMatrix& proba, const std::vector<int>& labels) {
  std::vector<double> scores = loss_scores(proba, labels);
  for (std::size_t i = 0; i < proba.rows; ++i) scores[i] -= std::max(entropy(proba.row(i), proba.cols) - 0.30, 0.0);
  return scores;
}

std::vector<std::size_t> top_positions(const std::vector<double>& scores, std::size_t count) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  count = std::min(count, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count), order.end(),
                    [&](std::size_t a, std::size_t b) { return scores[a] > scores[b] || (scores[a] == scores[b] && a < b); });
  order.resize(count);
  return order;
}

std::vector<std::size_t> random_positions(std::size_t size, std::size_t count, std::uint64_t seed) {
  std::vector<std::size_t> order(size);
  std::iota(order.begin(), order.end(), std::size_t{0});
  Rng rng(seed);
  count = std::min(count, size);
  // A partial Fisher–Yates shuffle: the first `count` entries are a uniform sample.
  for (std::size_t k = 0; k < count; ++k)
    std::swap(order[k], order[std::uniform_int_distribution<std::size_t>(k, size - 1)(rng)]);
  order.resize(count);
  return order;
}

std::vector<std::size_t> pick(const std::vector<std::size_t>& items, const std::vector<std::size_t>& positions) {
  std::vector<std::size_t> picked;
  picked.reserve(positions.size());
  for (const std::size_t k : positions) picked.push_back(items[k]);
  return picked;
}

}  // namespace annotbench
