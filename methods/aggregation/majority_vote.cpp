// Majority vote: the posterior of an item is the share of its labels per class (Crowd-Kit's
// MajorityVote probabilities); the label is the most frequent class, ties broken by a seeded draw.
// Gold and initial_confusion (AggregationSettings): ignored, as gold_use() says; a malformed
// vector is still refused (check_aggregation_settings).

#include "datasets/input_error.h"
#include "methods/aggregation/aggregator.h"

namespace annotbench {

namespace {

class MajorityVoteAggregator : public Aggregator {
 public:
  explicit MajorityVoteAggregator(const AggregatorOptions& options) { check_aggregator_options("mv", options, {}); }
  std::string name() const override { return "mv"; }
  AggregatorOptions options() const override { return {}; }

  Aggregation fit(const SparseAnnotations& annotations, const AggregationSettings& settings) const override {
    check_aggregation_settings(name(), annotations, settings);
    Aggregation result;
    const std::size_t classes = static_cast<std::size_t>(annotations.num_classes);
    result.posteriors = Matrix<double>(annotations.num_items, classes, 0.0);
    for (std::size_t k = 0; k < annotations.num_labels(); ++k)
      result.posteriors.at(annotations.items[k], static_cast<std::size_t>(annotations.labels[k])) += 1.0;
    for (std::size_t n = 0; n < annotations.num_items; ++n) {
      double* row = result.posteriors.row(n);
      double total = 0.0;
      for (std::size_t c = 0; c < classes; ++c) total += row[c];
      for (std::size_t c = 0; c < classes; ++c) row[c] = total > 0 ? row[c] / total : 1.0 / static_cast<double>(classes);
    }
    result.labels = most_probable_labels(result.posteriors, settings.seed);
    result.iterations = 1;
    return result;
  }
};

}  // namespace

std::unique_ptr<Aggregator> make_majority_vote_aggregator(const AggregatorOptions& options) {
  return std::make_unique<MajorityVoteAggregator>(options);
}

}  // namespace annotbench
