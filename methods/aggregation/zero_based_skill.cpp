// Zero-based skill (Crowd-Kit's ZeroBasedSkill): a weighted majority vote whose weights move
// towards each annotator's agreement with the current vote,
//   s_m <- s_m + lr (agreement_m - s_m),
// starting from s_m = 1/C + 1e-5 (eps) with lr = 1 (lr_init), halved (lr_reduce_factor) at every
// iteration divisible by 20 (lr_steps_to_reduce), including the first update of such an iteration.
// Stopping: none, as Crowd-Kit: exactly max_iterations (default 100) updates, then the final vote.
// Ties are broken by a seeded draw. annotator_skill: s_m.
// Gold and initial_confusion (AggregationSettings): ignored, as gold_use() says; a malformed
// vector is still refused (check_aggregation_settings).

#include "datasets/input_error.h"
#include "methods/aggregation/aggregator.h"
#include "methods/aggregation/weighted_vote.h"

namespace annotbench {

namespace {

constexpr int kDefaultIterations = 100;

class ZeroBasedSkillAggregator : public Aggregator {
 public:
  explicit ZeroBasedSkillAggregator(const AggregatorOptions& options)
      : lr_init_(aggregator_option_or(options, "lr_init", 1.0)),
        lr_steps_to_reduce_(static_cast<int>(aggregator_option_or(options, "lr_steps_to_reduce", 20))),
        lr_reduce_factor_(aggregator_option_or(options, "lr_reduce_factor", 0.5)),
        eps_(aggregator_option_or(options, "eps", 1e-5)) {
    check_aggregator_options("zbs", options, {"lr_init", "lr_steps_to_reduce", "lr_reduce_factor", "eps"});
    check_aggregator_ranges("zbs", options, {{"lr_init", 0, kNoUpperBound, true}, {"lr_steps_to_reduce", 1, 1e9, false, true},
                                             {"lr_reduce_factor", 0, 1, true}, {"eps", 0, 1, true}});
    if (lr_steps_to_reduce_ < 1) throw ConfigError("zbs: lr_steps_to_reduce must be at least 1");
  }
  std::string name() const override { return "zbs"; }
  AggregatorOptions options() const override {
    return {{"lr_init", lr_init_}, {"lr_steps_to_reduce", lr_steps_to_reduce_}, {"lr_reduce_factor", lr_reduce_factor_}, {"eps", eps_}};
  }

  Aggregation fit(const SparseAnnotations& annotations, const AggregationSettings& settings) const override {
    check_aggregation_settings(name(), annotations, settings);
    const int iterations = settings.max_iterations > 0 ? settings.max_iterations : kDefaultIterations;
    std::vector<double> skills(annotations.num_annotators, 1.0 / annotations.num_classes + eps_);
    double learning_rate = lr_init_;
    const std::vector<std::size_t> distinct = distinct_label_indices(annotations);
    for (int iteration = 1; iteration <= iterations; ++iteration) {
      if (iteration % lr_steps_to_reduce_ == 0) learning_rate *= lr_reduce_factor_;
      const std::vector<int> labels = most_probable_labels(weighted_vote_shares(annotations, skills), settings.seed);
      const std::vector<double> agreement = agreement_with_labels(annotations, labels, distinct);
      for (std::size_t m = 0; m < skills.size(); ++m) skills[m] += learning_rate * (agreement[m] - skills[m]);
    }
    Aggregation result;
    result.posteriors = weighted_vote_shares(annotations, skills);
    result.labels = most_probable_labels(result.posteriors, settings.seed);
    result.annotator_skill = std::move(skills);
    result.iterations = iterations;
    return result;
  }

 private:
  double lr_init_;
  int lr_steps_to_reduce_;
  double lr_reduce_factor_;
  double eps_;
};

}  // namespace

std::unique_ptr<Aggregator> make_zero_based_skill_aggregator(const AggregatorOptions& options) {
  return std::make_unique<ZeroBasedSkillAggregator>(options);
}

}  // namespace annotbench
