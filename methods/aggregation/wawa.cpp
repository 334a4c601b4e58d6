// Wawa, worker agreement with aggregate (Crowd-Kit's Wawa): majority vote, then each annotator's
// weight is the share of its labels that agree with the majority label (identical repeated
// triples counted once, as Crowd-Kit's get_accuracy), then a vote weighted by those shares.
// One shot: no iterations. Ties of both votes are broken by a seeded draw (Crowd-Kit takes the
// first class). annotator_skill: the agreement shares.
// Gold and initial_confusion (AggregationSettings): ignored, as gold_use() says; a malformed
// vector is still refused (check_aggregation_settings).

#include "methods/aggregation/aggregator.h"
#include "methods/aggregation/weighted_vote.h"

namespace annotbench {

namespace {

class WawaAggregator : public Aggregator {
 public:
  explicit WawaAggregator(const AggregatorOptions& options) { check_aggregator_options("wawa", options, {}); }
  std::string name() const override { return "wawa"; }
  AggregatorOptions options() const override { return {}; }

  Aggregation fit(const SparseAnnotations& annotations, const AggregationSettings& settings) const override {
    check_aggregation_settings(name(), annotations, settings);
    const Matrix<double> majority =
        weighted_vote_shares(annotations, std::vector<double>(annotations.num_annotators, 1.0));
    Aggregation result;
    result.annotator_skill = agreement_with_labels(annotations, most_probable_labels(majority, settings.seed));
    result.posteriors = weighted_vote_shares(annotations, result.annotator_skill);
    result.labels = most_probable_labels(result.posteriors, settings.seed);
    result.iterations = 1;
    return result;
  }
};

}  // namespace

std::unique_ptr<Aggregator> make_wawa_aggregator(const AggregatorOptions& options) {
  return std::make_unique<WawaAggregator>(options);
}

}  // namespace annotbench
