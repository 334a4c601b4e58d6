#pragma once
// Truth inference: given only who said what, estimate each item's true class. One interface for
// every aggregator (majority vote, Dawid-Skene, GLAD, MACE, ...), registered by name like the
// learning methods. No torch: aggregators are closed-form or small iterative estimators.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "datasets/dataset.h"
#include "datasets/sparse_annotations.h"

namespace annotbench {

// An aggregator's hyper-parameters by name (as given on the CLI or in a config).
using AggregatorOptions = std::map<std::string, double>;

struct AggregationSettings {
  std::uint64_t seed = 0;  // ties, random initialisations
  int max_iterations = 0;  // 0: the aggregator's own default
  double tolerance = -1;   // < 0: the aggregator's own default
};

struct Aggregation {
  // items x classes, each row a distribution. An item without labels gets the aggregator's prior
  // (uniform where it has none).
  Matrix<double> posteriors;
  // The most probable class of each item, ties broken by a draw from the seed.
  std::vector<int> labels;
  // One number per annotator where the model has one (probability of a correct label, or the
  // model's own weight: each aggregator says which), else empty.
  std::vector<double> annotator_skill;
  // Models with per-annotator confusion matrices (ds, one-coin-ds): P(annotator m says y | true
  // class c) at [(m * C + y) * C + c]; entries of labels m never gave are 0. Else empty.
  std::vector<double> annotator_confusion;
  int iterations = 0;      // EM / fixed-point iterations run (1 for one-shot aggregators)
  bool converged = true;   // false: stopped at max_iterations
};

class Aggregator {
 public:
  virtual ~Aggregator() = default;
  virtual std::string name() const = 0;
  // Every option in force, defaults included.
  virtual AggregatorOptions options() const = 0;
  // Throws ConfigError when the labels do not suit the model (e.g. KOS on more than 2 classes).
  virtual Aggregation fit(const SparseAnnotations& annotations, const AggregationSettings& settings) const = 0;
};

struct AggregatorInfo {
  std::string name;
  std::string summary;
  std::function<std::unique_ptr<Aggregator>(const AggregatorOptions&)> make;
};

// All registered aggregators, in the order reports list them.
const std::vector<AggregatorInfo>& registered_aggregators();
const AggregatorInfo& aggregator_info(const std::string& name);  // ConfigError listing known names
std::unique_ptr<Aggregator> make_aggregator(const std::string& name, const AggregatorOptions& options = {});

// Row-wise argmax of `posteriors`; among classes within 1e-12 of the row's maximum one is drawn
// uniformly from a stream of `seed` of its own.
std::vector<int> most_probable_labels(const Matrix<double>& posteriors, std::uint64_t seed);

// Throws ConfigError when `options` names a key outside `known` (a typo must not fall back to a default).
void check_aggregator_options(const std::string& aggregator, const AggregatorOptions& options,
                              const std::vector<std::string>& known);
// options[key] if given, else the default.
double aggregator_option_or(const AggregatorOptions& options, const std::string& key, double fallback);

// The range an option's value must lie in: finite, in [lowest, highest] ((lowest, highest] when
// `above_lowest`), and a whole number when `whole` (a switch is whole in [0, 1]).
struct AggregatorOptionRange {
  std::string key;
  double lowest;
  double highest;
  bool above_lowest = false;
  bool whole = false;
};
inline constexpr double kNoUpperBound = 1e300;

// ConfigError naming the aggregator, the option and its range for the first given option out of
// range (probe N20: mace smoothing -1, glad alpha_prior_mean nan, ds elbo_stopping 7 were run).
void check_aggregator_ranges(const std::string& aggregator, const AggregatorOptions& options,
                             const std::vector<AggregatorOptionRange>& ranges);

// Share of items with a known truth (not kMissingLabel) whose label equals it; NaN when none has.
double aggregation_accuracy(const std::vector<int>& labels, const std::vector<int>& truth);

}  // namespace annotbench
