// Gold majority vote (Crowd-Kit's GoldMajorityVote): each annotator's weight is its accuracy on
// the gold items (AggregationSettings::gold), the share of its labels there that equal the gold
// class (identical repeated triples counted once, as Crowd-Kit's get_accuracy), and every item's
// posterior is the vote weighted by those accuracies (weighted_vote_shares). One shot.
//
// An annotator who labelled no gold item has no accuracy of its own. Crowd-Kit requires every
// worker to have one; here such an annotator gets the mean accuracy of the annotators who have
// one, i.e. it is weighed as the typical measured annotator. Laplace's (correct + 1) / (n + 2)
// would also cover it, but it gives every unmeasured annotator 1/2 whatever the number of
// classes (above chance for C > 2) and moves the weights of measured annotators away from
// Crowd-Kit's; the mean leaves those as Crowd-Kit has them.
//
// Gold items are answered by their gold class (one-hot posteriors), as every aggregator that uses
// gold does (aggregator.h). ConfigError when no item has gold or no annotator labelled a gold item.
// Ties are broken by a seeded draw. initial_confusion: ignored. annotator_skill: the weights.

#include <string>

#include "datasets/input_error.h"
#include "methods/aggregation/aggregator.h"
#include "methods/aggregation/weighted_vote.h"

namespace annotbench {

namespace {

class GoldMajorityVoteAggregator : public Aggregator {
 public:
  explicit GoldMajorityVoteAggregator(const AggregatorOptions& options) {
    check_aggregator_options("gold-mv", options, {});
  }
  std::string name() const override { return "gold-mv"; }
  AggregatorOptions options() const override { return {}; }
  GoldUse gold_use() const override { return GoldUse::required; }

  Aggregation fit(const SparseAnnotations& annotations, const AggregationSettings& settings) const override {
    check_aggregation_settings(name(), annotations, settings);
    const std::vector<int>& gold = settings.gold;
    if (!has_gold(gold))
      throw ConfigError("aggregator 'gold-mv': needs known answers (AggregationSettings::gold) for some items, "
                        "but none was given");
    std::vector<double> correct(annotations.num_annotators, 0.0);
    std::vector<double> answered(annotations.num_annotators, 0.0);
    for (const std::size_t k : distinct_label_indices(annotations)) {
      const int truth = gold[annotations.items[k]];
      if (truth == kMissingLabel) continue;
      answered[annotations.annotators[k]] += 1.0;
      if (annotations.labels[k] == truth) correct[annotations.annotators[k]] += 1.0;
    }
    double accuracy_total = 0.0;
    std::size_t measured = 0;
    for (std::size_t m = 0; m < annotations.num_annotators; ++m)
      if (answered[m] > 0) accuracy_total += correct[m] / answered[m], ++measured;
    if (measured == 0)
      throw ConfigError("aggregator 'gold-mv': no annotator labelled a gold item, so no accuracy can be measured");
    const double unmeasured = accuracy_total / static_cast<double>(measured);

    Aggregation result;
    result.annotator_skill.resize(annotations.num_annotators);
    for (std::size_t m = 0; m < annotations.num_annotators; ++m)
      result.annotator_skill[m] = answered[m] > 0 ? correct[m] / answered[m] : unmeasured;
    result.posteriors = weighted_vote_shares(annotations, result.annotator_skill);
    clamp_to_gold(gold, result.posteriors);
    result.labels = most_probable_labels(result.posteriors, settings.seed);
    result.iterations = 1;
    return result;
  }
};

}  // namespace

std::unique_ptr<Aggregator> make_gold_majority_vote_aggregator(const AggregatorOptions& options) {
  return std::make_unique<GoldMajorityVoteAggregator>(options);
}

}  // namespace annotbench
