// KOS (Karger, Oh & Shah 2011/2014): belief propagation-like message passing for binary tasks.
// Class 0 is +1, class 1 is -1; on every label edge l = (item i, annotator m) with answer A_l,
//   x_l = sum_{l' of i, l' != l} A_l' y_l'     (item to annotator)
//   y_l = sum_{l' of m, l' != l} A_l' x_l'     (annotator to item),
// each repeated label its own edge, as Crowd-Kit. The item's score is sum_l A_l y_l and its label
// the score's sign. Initialisation: y_l ~ N(1, 1) from a stream of the seed (as Crowd-Kit).
// Stopping: exactly max_iterations (default 100) rounds. The messages are linear in the start,
// so each round is divided by its largest magnitude; signs are unchanged and nothing overflows
// (Crowd-Kit instead stops early when a sum passes 1e300).
// Posteriors: KOS estimates no probabilities, so each item's row is one-hot on its sign (uniform
// for a zero score). ConfigError unless the annotations have exactly 2 classes. No annotator skill.
// Gold and initial_confusion (AggregationSettings): ignored, as gold_use() says; a malformed
// vector is still refused (check_aggregation_settings).

#include <algorithm>
#include <cmath>
#include <random>

#include "datasets/input_error.h"
#include "datasets/random.h"
#include "methods/aggregation/aggregator.h"

namespace annotbench {

namespace {

constexpr int kDefaultIterations = 100;

void scale_to_unit_maximum(std::vector<double>& messages) {
  double largest = 0.0;
  for (const double v : messages) largest = std::max(largest, std::abs(v));
  if (largest > 0) for (double& v : messages) v /= largest;
}

class KosAggregator : public Aggregator {
 public:
  explicit KosAggregator(const AggregatorOptions& options) { check_aggregator_options("kos", options, {}); }
  std::string name() const override { return "kos"; }
  AggregatorOptions options() const override { return {}; }

  Aggregation fit(const SparseAnnotations& annotations, const AggregationSettings& settings) const override {
    check_aggregation_settings(name(), annotations, settings);
    if (annotations.num_classes != 2)
      throw ConfigError("kos: binary tasks only, but the annotations have " + std::to_string(annotations.num_classes) +
                        " classes");
    const int iterations = settings.max_iterations > 0 ? settings.max_iterations : kDefaultIterations;
    const std::size_t labels = annotations.num_labels();
    std::vector<double> answer(labels);
    for (std::size_t k = 0; k < labels; ++k) answer[k] = annotations.labels[k] == 0 ? 1.0 : -1.0;
    Rng rng(derive_seed(settings.seed, "kos reliabilities"));
    std::normal_distribution<double> start(1.0, 1.0);
    std::vector<double> reliability(labels);
    for (double& y : reliability) y = start(rng);
    std::vector<double> to_annotator(labels);
    std::vector<double> item_sum(annotations.num_items);
    std::vector<double> annotator_sum(annotations.num_annotators);
    for (int iteration = 0; iteration < iterations; ++iteration) {
      std::fill(item_sum.begin(), item_sum.end(), 0.0);
      for (std::size_t k = 0; k < labels; ++k) item_sum[annotations.items[k]] += answer[k] * reliability[k];
      for (std::size_t k = 0; k < labels; ++k) to_annotator[k] = item_sum[annotations.items[k]] - answer[k] * reliability[k];
      std::fill(annotator_sum.begin(), annotator_sum.end(), 0.0);
      for (std::size_t k = 0; k < labels; ++k) annotator_sum[annotations.annotators[k]] += answer[k] * to_annotator[k];
      for (std::size_t k = 0; k < labels; ++k)
        reliability[k] = annotator_sum[annotations.annotators[k]] - answer[k] * to_annotator[k];
      scale_to_unit_maximum(reliability);
    }
    std::fill(item_sum.begin(), item_sum.end(), 0.0);
    for (std::size_t k = 0; k < labels; ++k) item_sum[annotations.items[k]] += answer[k] * reliability[k];
    Aggregation result;
    result.posteriors = Matrix<double>(annotations.num_items, 2, 0.5);
    for (std::size_t n = 0; n < annotations.num_items; ++n) {
      if (item_sum[n] > 0) result.posteriors.at(n, 0) = 1.0, result.posteriors.at(n, 1) = 0.0;
      if (item_sum[n] < 0) result.posteriors.at(n, 0) = 0.0, result.posteriors.at(n, 1) = 1.0;
    }
    result.labels = most_probable_labels(result.posteriors, settings.seed);
    result.iterations = iterations;
    return result;
  }
};

}  // namespace

std::unique_ptr<Aggregator> make_kos_aggregator(const AggregatorOptions& options) {
  return std::make_unique<KosAggregator>(options);
}

}  // namespace annotbench
