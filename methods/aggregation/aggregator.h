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
  // Known answers (a gold set): one entry per item, its true class or kMissingLabel where it is not
  // known; empty: none. An aggregator that uses them (gold_use() below) answers a gold item with
  // its gold class (a one-hot posterior) and learns its annotators from those items; one that
  // cannot ignores them. Every aggregator refuses a malformed vector (check_aggregation_settings),
  // so a bad gold file fails the same way whichever aggregator reads it. An evaluation of a fit
  // with gold must leave the gold items out (they are answered by the gold, not inferred).
  std::vector<int> gold;
  // A start for the per-annotator confusion matrices, in the layout of
  // Aggregation::annotator_confusion: P(annotator m says y | true c) at [(m * C + y) * C + c],
  // each column (m, c) summing to 1 (e.g. from an earlier batch of the same crowd); empty: the
  // aggregator's own start. Only aggregators whose uses_initial_confusion() is true read it.
  std::vector<double> initial_confusion;
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

// What an aggregator does with AggregationSettings::gold.
enum class GoldUse {
  ignored,   // the result is the same with or without gold (mv, wawa, zbs, kos, m-msr, mace)
  used,      // gold items are clamped to their class and teach the model (ds, one-coin-ds, glad)
  required,  // the model is defined by the gold (gold-mv): ConfigError without any gold entry
};

class Aggregator {
 public:
  virtual ~Aggregator() = default;
  virtual std::string name() const = 0;
  // Every option in force, defaults included.
  virtual AggregatorOptions options() const = 0;
  // Throws ConfigError when the labels do not suit the model (e.g. KOS on more than 2 classes) or
  // the settings do not suit the labels (check_aggregation_settings).
  virtual Aggregation fit(const SparseAnnotations& annotations, const AggregationSettings& settings) const = 0;
  // Whether fit reads AggregationSettings::gold; an aggregator says nothing only if it ignores it.
  virtual GoldUse gold_use() const { return GoldUse::ignored; }
  bool uses_gold() const { return gold_use() != GoldUse::ignored; }
  // Whether fit starts from AggregationSettings::initial_confusion when one is given.
  virtual bool uses_initial_confusion() const { return false; }
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

// ConfigError naming the aggregator and the problem when `settings` do not fit `annotations`: a
// gold vector that is neither empty nor one entry per item, a gold class outside [0, C) (other
// than kMissingLabel); an initial_confusion that is neither empty nor M * C * C finite entries in
// [0, 1], or one of whose columns (m, c) does not sum to 1 within 1e-6. Every aggregator calls it
// first, whether or not it reads the fields.
void check_aggregation_settings(const std::string& aggregator, const SparseAnnotations& annotations,
                                const AggregationSettings& settings);
// Whether `gold` names the class of at least one item.
bool has_gold(const std::vector<int>& gold);
// Sets the row of every gold item to the one-hot of its class; rows of other items are untouched.
void clamp_to_gold(const std::vector<int>& gold, Matrix<double>& posteriors);

// Share of items with a known truth (not kMissingLabel) whose label equals it; NaN when none has.
double aggregation_accuracy(const std::vector<int>& labels, const std::vector<int>& truth);

}  // namespace annotbench
