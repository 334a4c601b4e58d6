// `class-dependent`: annotator m labels an instance of true class c with class k with probability
// T_m[c][k], a confusion matrix of its own. Two variants:
//  - random (default): diagonal entries spread around 1 - r_m (option diagonal_spread), each row's
//    off-diagonal mass split over the wrong classes by a Dirichlet(concentration) draw;
//  - pair-flip (option pair_flip = 1): the off-diagonal mass of row c goes to class c + 1 mod C
//    (Han et al., NeurIPS 2018).
// The diagonal's mean weighted by the class frequencies is 1 - r_m exactly, so the achieved overall
// noise rate is r_m; with diagonal_spread = 0 that is also the plain mean of the diagonal.

#include <algorithm>
#include <memory>
#include <numeric>

#include "datasets/input_error.h"
#include "simulators/sampling.h"
#include "simulators/simulator_support.h"

namespace annotbench {

namespace {

constexpr const char* kName = "class-dependent";

double clip01(double value) { return std::min(1.0, std::max(0.0, value)); }

// Shifts every entry by one amount, clipped to [0, 1], so that the weighted mean is `target`. The
// weighted mean of the clipped entries grows monotonically with the shift, so bisection finds it.
std::vector<double> with_weighted_mean(const std::vector<double>& values, const std::vector<double>& weights,
                                       double target) {
  auto mean_after = [&](double shift) {
    double total = 0.0;
    for (std::size_t c = 0; c < values.size(); ++c) total += weights[c] * clip01(values[c] + shift);
    return total;
  };
  double low = -2.0, high = 2.0;
  for (int step = 0; step < 200; ++step) {
    const double middle = 0.5 * (low + high);
    (mean_after(middle) < target ? low : high) = middle;
  }
  std::vector<double> shifted(values.size());
  for (std::size_t c = 0; c < values.size(); ++c) shifted[c] = clip01(values[c] + 0.5 * (low + high));
  return shifted;
}

std::vector<std::vector<double>> confusion_matrix_for(double rate, const std::vector<double>& class_frequencies,
                                                      bool pair_flip, double spread, double concentration,
                                                      Rng& rng) {
  const std::size_t c_count = class_frequencies.size();
  std::vector<double> diagonal(c_count, 1.0 - rate);
  if (spread > 0.0) {
    for (double& value : diagonal) value += spread * (2.0 * uniform01(rng) - 1.0);
    diagonal = with_weighted_mean(diagonal, class_frequencies, 1.0 - rate);
  }
  std::vector<std::vector<double>> confusion(c_count, std::vector<double>(c_count, 0.0));
  for (std::size_t c = 0; c < c_count; ++c) {
    confusion[c][c] = diagonal[c];
    const double off_diagonal = 1.0 - diagonal[c];
    if (pair_flip) {
      confusion[c][(c + 1) % c_count] = off_diagonal;
      continue;
    }
    const std::vector<double> split = dirichlet_variate(rng, c_count - 1, concentration);
    for (std::size_t k = 0, j = 0; k < c_count; ++k)
      if (k != c) confusion[c][k] = off_diagonal * split[j++];
  }
  return confusion;
}

class ClassDependentSimulator : public AnnotatorSimulator {
 public:
  std::string name() const override { return kName; }
  std::vector<std::string> option_names() const override {
    return {"rate_low", "rate_high", "mean_diagonal", "pair_flip", "diagonal_spread", "concentration"};
  }

  SimulatedAnnotations simulate(const Dataset& dataset, const SimulationConfig& config) const override {
    check_simulation_input(kName, dataset, config);
    check_simulator_options(kName, config, option_names());
    SimulationConfig rate_config = config;
    if (config.options.count("mean_diagonal") > 0) {
      if (!config.rates.empty())
        throw ConfigError(std::string(kName) + ": give either a rate or mean_diagonal (= 1 - rate), not both");
      rate_config.rates = {1.0 - config.options.at("mean_diagonal")};
    }
    const std::vector<double> rates = annotator_rates(kName, rate_config, 0.2);
    const double pair_flip_option = simulator_option(config, "pair_flip", 0.0);
    if (pair_flip_option != 0.0 && pair_flip_option != 1.0)
      throw ConfigError(std::string(kName) + ": pair_flip must be 0 (random confusion) or 1 (pair flip)");
    const bool pair_flip = pair_flip_option == 1.0;
    const double spread = simulator_option(config, "diagonal_spread", 0.0);
    if (!(spread >= 0.0 && spread <= 1.0))
      throw ConfigError(std::string(kName) + ": diagonal_spread must lie in [0, 1]");
    const double concentration = simulator_option(config, "concentration", 1.0);
    if (!(concentration > 0.0)) throw ConfigError(std::string(kName) + ": concentration must be positive");

    const std::size_t n = dataset.true_labels.size();
    const std::size_t c_count = static_cast<std::size_t>(dataset.num_classes());
    std::vector<std::vector<std::size_t>> members(c_count);
    for (std::size_t i = 0; i < n; ++i) members[static_cast<std::size_t>(dataset.true_labels[i])].push_back(i);
    std::vector<double> class_frequencies(c_count);
    for (std::size_t c = 0; c < c_count; ++c)
      class_frequencies[c] = static_cast<double>(members[c].size()) / static_cast<double>(n);

    SimulatedAnnotations result;
    result.annotations = AnnotationMatrix(n, config.num_annotators, kMissingLabel);
    result.annotator_ids = simulated_annotator_ids(config.num_annotators);
    for (std::size_t m = 0; m < config.num_annotators; ++m) {
      Rng rng = annotator_rng(config, m);
      const auto confusion = confusion_matrix_for(rates[m], class_frequencies, pair_flip, spread, concentration, rng);
      // Per class, the labels are dealt out in the row's proportions (floor or ceil of each count), so
      // the empirical confusion matrix matches the configured one up to one instance per cell.
      for (std::size_t c = 0; c < c_count; ++c) {
        const std::vector<int> labels = systematic_assign(members[c].size(), confusion[c], rng);
        for (std::size_t j = 0; j < members[c].size(); ++j) result.annotations.at(members[c][j], m) = labels[j];
      }
      double diagonal_sum = 0.0, weighted_diagonal = 0.0;
      for (std::size_t c = 0; c < c_count; ++c) {
        diagonal_sum += confusion[c][c];
        weighted_diagonal += class_frequencies[c] * confusion[c][c];
      }
      result.annotator_profiles.push_back({{"annotator", result.annotator_ids[m]},
                                           {"kind", kName},
                                           {"variant", pair_flip ? "pair-flip" : "random"},
                                           {"rate", 1.0 - weighted_diagonal},
                                           {"mean_diagonal", diagonal_sum / static_cast<double>(c_count)},
                                           {"confusion_matrix", confusion}});
    }
    return result;
  }
};

}  // namespace

std::unique_ptr<AnnotatorSimulator> make_class_dependent_simulator() {
  return std::make_unique<ClassDependentSimulator>();
}

}  // namespace annotbench
