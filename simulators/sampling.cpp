#include "simulators/sampling.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace annotbench {

double uniform01(Rng& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

std::size_t uniform_index(Rng& rng, std::size_t count) {
  const std::uint64_t range = static_cast<std::uint64_t>(count);
  // Reject the top partial block so that every residue is equally likely.
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % range;
  std::uint64_t value = rng();
  while (value >= limit) value = rng();
  return static_cast<std::size_t>(value % range);
}

double standard_normal(Rng& rng) {
  // Box-Muller; 1 - U keeps the logarithm's argument in (0, 1].
  const double radius = std::sqrt(-2.0 * std::log(1.0 - uniform01(rng)));
  return radius * std::cos(2.0 * M_PI * uniform01(rng));
}

double gamma_variate(Rng& rng, double shape) {
  if (shape < 1.0) {
    const double boosted = gamma_variate(rng, shape + 1.0);
    return boosted * std::pow(1.0 - uniform01(rng), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    double x = 0.0;
    double v = 0.0;
    do {
      x = standard_normal(rng);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = 1.0 - uniform01(rng);
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

double beta_variate(Rng& rng, double a, double b) {
  const double x = gamma_variate(rng, a);
  const double y = gamma_variate(rng, b);
  // Both can underflow to 0 for tiny shapes; the mean a / (a + b) is then the honest answer.
  if (x + y <= 0.0) return a / (a + b);
  return x / (x + y);
}

std::vector<double> dirichlet_variate(Rng& rng, std::size_t count, double concentration) {
  std::vector<double> values(count);
  double total = 0.0;
  for (double& value : values) total += value = gamma_variate(rng, concentration);
  if (total <= 0.0) return std::vector<double>(count, 1.0 / static_cast<double>(count));
  for (double& value : values) value /= total;
  return values;
}

std::vector<std::size_t> random_permutation(std::size_t count, Rng& rng) {
  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), std::size_t{0});
  shuffle_in_place(order, rng);
  return order;
}

std::size_t draw_weighted(const std::vector<double>& weights, Rng& rng) {
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  const double target = uniform01(rng) * total;
  double cumulative = 0.0;
  std::size_t last_positive = 0;
  for (std::size_t k = 0; k < weights.size(); ++k) {
    if (weights[k] <= 0.0) continue;
    cumulative += weights[k];
    last_positive = k;
    if (target < cumulative) return k;
  }
  return last_positive;  // rounding left target at the very end
}

std::vector<bool> systematic_sample(const std::vector<double>& probabilities, Rng& rng) {
  std::vector<bool> chosen(probabilities.size(), false);
  const std::vector<std::size_t> order = random_permutation(probabilities.size(), rng);
  // Points start + 0, start + 1, ... on the line of cumulative probabilities; an item whose interval
  // [before, after) holds a point is chosen. An interval of length p <= 1 holds one with probability p.
  const double start = uniform01(rng);
  double before = 0.0;
  double next_point = start;
  for (const std::size_t i : order) {
    const double after = before + probabilities[i];
    if (next_point < after) {
      chosen[i] = true;
      next_point += 1.0;
    }
    before = after;
  }
  return chosen;
}

std::vector<int> systematic_assign(std::size_t count, const std::vector<double>& category_probabilities,
                                   Rng& rng) {
  std::vector<int> categories(count, 0);
  if (count == 0) return categories;
  const std::vector<std::size_t> order = random_permutation(count, rng);
  const double start = uniform01(rng);
  const double n = static_cast<double>(count);
  std::size_t category = 0;
  double bin_end = n * category_probabilities[0];
  const std::size_t last = category_probabilities.size() - 1;
  // The j-th item of the random order sits at start + j on [0, count): uniform there, so it lands in
  // category k's stretch of length count * p_k with probability p_k.
  for (std::size_t j = 0; j < count; ++j) {
    const double point = start + static_cast<double>(j);
    while (category < last && point >= bin_end) bin_end += n * category_probabilities[++category];
    categories[order[j]] = static_cast<int>(category);
  }
  return categories;
}

int uniform_wrong_class(int true_class, int num_classes, Rng& rng) {
  const int draw = static_cast<int>(uniform_index(rng, static_cast<std::size_t>(num_classes - 1)));
  return draw >= true_class ? draw + 1 : draw;
}

std::vector<std::size_t> apportion(std::size_t total, const std::vector<double>& shares) {
  std::vector<std::size_t> parts(shares.size(), 0);
  const double sum = std::accumulate(shares.begin(), shares.end(), 0.0);
  if (shares.empty() || sum <= 0.0) return parts;
  std::vector<double> remainders(shares.size());
  std::size_t assigned = 0;
  for (std::size_t k = 0; k < shares.size(); ++k) {
    const double exact = static_cast<double>(total) * shares[k] / sum;
    parts[k] = static_cast<std::size_t>(std::floor(exact));
    remainders[k] = exact - static_cast<double>(parts[k]);
    assigned += parts[k];
  }
  std::vector<std::size_t> order(shares.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; assigned < total && k < order.size(); ++k, ++assigned) ++parts[order[k]];
  return parts;
}

}  // namespace annotbench
