// Two-stage learning: an aggregator infers the training labels from the annotations alone, then the
// GT model learns from them, with mixup as the reference's majority-vote baseline does. ds-mixup is
// the annot-mix paper's Dawid-Skene row (its reference repository has no code for it); any other
// registered aggregator gives the same method under its own name (glad-mixup, mace-mixup, ...).
//
// Options: alpha (mixup's Beta(alpha, alpha); 0 = no mixup, default 1 as the reference's
// majority-vote config), soft (1: train on the aggregator's posteriors instead of its most
// probable labels; default 0, hard labels as the paper).

#include "datasets/input_error.h"
#include "datasets/sparse_annotations.h"
#include "methods/end_to_end/aggregate_classifier.h"
#include "methods/aggregation/aggregator.h"

namespace annotbench {

namespace {

class TwoStageClassifier : public AggregateClassifier {
 public:
  TwoStageClassifier(std::string aggregator, const MethodOptions& options)
      : AggregateClassifier(aggregator + "-mixup", options, /*default_alpha=*/1.0, {"soft"}),
        aggregator_(std::move(aggregator)),
        soft_(option_or(options, "soft", 0.0)) {
    if (soft_ != 0.0 && soft_ != 1.0) throw ConfigError("method '" + name() + "': soft must be 0 or 1");
  }

  MethodOptions hyperparameters() const override {
    MethodOptions options = AggregateClassifier::hyperparameters();
    options["soft"] = soft_;
    return options;
  }

 protected:
  std::vector<int> training_labels(const Dataset& train, const TrainingSettings& settings) const override {
    std::vector<int> labels = aggregate(train, settings).labels;
    const std::vector<bool> labelled = has_label(train);
    for (std::size_t n = 0; n < labels.size(); ++n)
      if (!labelled[n]) labels[n] = kMissingLabel;
    return labels;
  }

  FeatureMatrix training_targets(const Dataset& train, const TrainingSettings& settings) const override {
    if (soft_ == 0.0) return AggregateClassifier::training_targets(train, settings);
    const Aggregation aggregation = aggregate(train, settings);
    const std::vector<bool> labelled = has_label(train);
    FeatureMatrix targets(aggregation.posteriors.rows, aggregation.posteriors.cols, 0.0f);
    for (std::size_t n = 0; n < targets.rows; ++n) {
      if (!labelled[n]) continue;  // an aggregator's prior is no evidence about an unlabelled instance
      for (std::size_t c = 0; c < targets.cols; ++c)
        targets.at(n, c) = static_cast<float>(aggregation.posteriors.at(n, c));
    }
    return targets;
  }

 private:
  Aggregation aggregate(const Dataset& train, const TrainingSettings& settings) const {
    AggregationSettings aggregation_settings;
    aggregation_settings.seed = settings.seed;
    return make_aggregator(aggregator_)->fit(sparse_annotations(train.annotations, train.num_classes()),
                                             aggregation_settings);
  }

  static std::vector<bool> has_label(const Dataset& train) {
    std::vector<bool> labelled(train.num_instances(), false);
    for (std::size_t n = 0; n < train.num_instances(); ++n)
      for (std::size_t m = 0; m < train.num_annotators(); ++m)
        if (train.annotations.at(n, m) != kMissingLabel) labelled[n] = true;
    return labelled;
  }

  std::string aggregator_;
  double soft_;
};

}  // namespace

// One method per registered aggregator, named "<aggregator>-mixup", but for those that need gold
// (GoldUse::required): a learning method is given crowd labels only, so they would always fail.
std::vector<MethodInfo> two_stage_methods() {
  std::vector<MethodInfo> methods;
  for (const AggregatorInfo& info : registered_aggregators()) {
    if (info.make({})->gold_use() == GoldUse::required) continue;
    const std::string aggregator = info.name;
    methods.push_back({aggregator + "-mixup",
                       "two-stage: the GT model with mixup on the labels of the '" + aggregator + "' aggregator",
                       [aggregator](const MethodOptions& options) -> std::unique_ptr<Method> {
                         return std::make_unique<TwoStageClassifier>(aggregator, options);
                       }});
  }
  return methods;
}

}  // namespace annotbench
