// `instance-dependent`: annotator m mislabels instance n with probability p_mn = min(1, s_m * w_n),
// where w_n grows with the instance's difficulty and s_m is solved so that the mean of p_mn over the
// instances is the configured rate r_m exactly (instances whose probability would pass 1 are capped
// there and the rest of the mass is spread over the others). The wrong class favours the classes whose
// mean lies nearest to the instance, the way people confuse similar-looking classes.
//
// Difficulty, measured in standardised feature space with the class means mu_c:
//  - difficulty = 0 (default): distance to the own class mean, ||x_n - mu_{y_n}||;
//  - difficulty = 1: the nearest-class-mean margin d_own / (d_own + d_nearest_other), which passes
//    1/2 where a nearest-mean classifier would already be wrong.
// The weight is difficulty^sharpness (option sharpness, default 1).

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>

#include "datasets/input_error.h"
#include "simulators/sampling.h"
#include "simulators/simulator_support.h"

namespace annotbench {

namespace {

constexpr const char* kName = "instance-dependent";

// p_n = min(1, s * w_n) with mean exactly `rate`: cap the k largest weights for the smallest k whose
// remaining mass can be scaled without passing 1 (water filling). Needs every w_n > 0 and rate < 1.
std::vector<double> flip_probabilities(const std::vector<double>& weights, double rate) {
  const std::size_t n = weights.size();
  std::vector<std::size_t> by_weight(n);
  std::iota(by_weight.begin(), by_weight.end(), std::size_t{0});
  std::sort(by_weight.begin(), by_weight.end(), [&](std::size_t a, std::size_t b) {
    return weights[a] != weights[b] ? weights[a] > weights[b] : a < b;
  });
  double uncapped_weight = std::accumulate(weights.begin(), weights.end(), 0.0);
  const double flips = rate * static_cast<double>(n);
  std::size_t capped = 0;
  double scale = flips / uncapped_weight;
  while (capped < n && scale * weights[by_weight[capped]] > 1.0) {
    uncapped_weight -= weights[by_weight[capped]];
    ++capped;
    scale = (flips - static_cast<double>(capped)) / uncapped_weight;
  }
  std::vector<double> probabilities(n);
  for (std::size_t i = 0; i < n; ++i) probabilities[i] = std::min(1.0, scale * weights[i]);
  for (std::size_t k = 0; k < capped; ++k) probabilities[by_weight[k]] = 1.0;
  return probabilities;
}

class InstanceDependentSimulator : public AnnotatorSimulator {
 public:
  std::string name() const override { return kName; }
  std::vector<std::string> option_names() const override {
    return {"rate_low", "rate_high", "difficulty", "sharpness"};
  }

  SimulatedAnnotations simulate(const Dataset& dataset, const SimulationConfig& config) const override {
    check_simulation_input(kName, dataset, config);
    check_simulator_options(kName, config, option_names());
    if (dataset.num_features() == 0)
      throw ConfigError(std::string(kName) + ": data set '" + dataset.name + "' has no features to measure difficulty");
    const std::vector<double> rates = annotator_rates(kName, config, 0.2);
    const double difficulty_option = simulator_option(config, "difficulty", 0.0);
    if (difficulty_option != 0.0 && difficulty_option != 1.0)
      throw ConfigError(std::string(kName) +
                        ": difficulty must be 0 (distance to the class mean) or 1 (nearest-class-mean margin)");
    const double sharpness = simulator_option(config, "sharpness", 1.0);
    if (!(sharpness >= 0.0 && sharpness <= 10.0))
      throw ConfigError(std::string(kName) + ": sharpness must lie in [0, 10]");

    const std::size_t n = dataset.true_labels.size();
    const std::size_t c_count = static_cast<std::size_t>(dataset.num_classes());
    const std::vector<std::vector<double>> rows = standardised_rows(dataset.features);
    const std::size_t d_count = dataset.num_features();
    std::vector<std::vector<double>> class_means(c_count, std::vector<double>(d_count, 0.0));
    std::vector<std::size_t> class_sizes(c_count, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const auto c = static_cast<std::size_t>(dataset.true_labels[i]);
      ++class_sizes[c];
      for (std::size_t j = 0; j < d_count; ++j) class_means[c][j] += rows[i][j];
    }
    for (std::size_t c = 0; c < c_count; ++c)
      for (double& value : class_means[c]) value /= static_cast<double>(std::max<std::size_t>(class_sizes[c], 1));

    // distances[i][c] = ||x_i - mu_c||; a class without instances is infinitely far.
    std::vector<std::vector<double>> distances(n, std::vector<double>(c_count, HUGE_VAL));
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t c = 0; c < c_count; ++c) {
        if (class_sizes[c] == 0) continue;
        double squared = 0.0;
        for (std::size_t j = 0; j < d_count; ++j) squared += (rows[i][j] - class_means[c][j]) * (rows[i][j] - class_means[c][j]);
        distances[i][c] = std::sqrt(squared);
      }

    std::vector<double> weights(n);
    std::vector<double> nearest_other(n, HUGE_VAL);
    for (std::size_t i = 0; i < n; ++i) {
      const auto truth = static_cast<std::size_t>(dataset.true_labels[i]);
      for (std::size_t c = 0; c < c_count; ++c)
        if (c != truth) nearest_other[i] = std::min(nearest_other[i], distances[i][c]);
      const double own = distances[i][truth];
      const double difficulty = difficulty_option == 0.0 ? own : own / (own + nearest_other[i]);
      weights[i] = std::pow(difficulty, sharpness);
    }
    // A floor keeps every weight positive, so any rate below 1 is reachable (an instance sitting on its
    // class mean would otherwise never be mislabelled, capping the achievable rate).
    const double mean_weight = std::accumulate(weights.begin(), weights.end(), 0.0) / static_cast<double>(n);
    for (double& weight : weights) weight = std::max(weight, 1e-6 * std::max(mean_weight, 1e-300));
    if (!(mean_weight > 0.0)) std::fill(weights.begin(), weights.end(), 1.0);

    SimulatedAnnotations result;
    result.annotations = AnnotationMatrix(n, config.num_annotators, kMissingLabel);
    result.annotator_ids = simulated_annotator_ids(config.num_annotators);
    std::vector<double> wrong_class_weights(c_count);
    for (std::size_t m = 0; m < config.num_annotators; ++m) {
      Rng rng = annotator_rng(config, m);
      const std::vector<double> probabilities = flip_probabilities(weights, rates[m]);
      const std::vector<bool> flipped = systematic_sample(probabilities, rng);
      std::size_t always_wrong = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (probabilities[i] >= 1.0) ++always_wrong;
        const int truth = dataset.true_labels[i];
        if (!flipped[i]) {
          result.annotations.at(i, m) = truth;
          continue;
        }
        for (std::size_t c = 0; c < c_count; ++c)
          wrong_class_weights[c] = static_cast<int>(c) == truth || class_sizes[c] == 0
                                       ? 0.0
                                       : std::exp(-(distances[i][c] - nearest_other[i]));
        // No other class has instances (so no mean to be near): any wrong class will do.
        result.annotations.at(i, m) = std::isfinite(nearest_other[i])
                                          ? static_cast<int>(draw_weighted(wrong_class_weights, rng))
                                          : uniform_wrong_class(truth, static_cast<int>(c_count), rng);
      }
      result.annotator_profiles.push_back(
          {{"annotator", result.annotator_ids[m]},
           {"kind", kName},
           {"rate", rates[m]},
           {"difficulty", difficulty_option == 0.0 ? "distance to class mean" : "nearest-class-mean margin"},
           {"sharpness", sharpness},
           {"max_flip_probability", *std::max_element(probabilities.begin(), probabilities.end())},
           {"always_wrong_fraction", static_cast<double>(always_wrong) / static_cast<double>(n)}});
    }
    return result;
  }
};

}  // namespace

std::unique_ptr<AnnotatorSimulator> make_instance_dependent_simulator() {
  return std::make_unique<InstanceDependentSimulator>();
}

}  // namespace annotbench
