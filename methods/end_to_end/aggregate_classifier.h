#pragma once
// Training the GT model alone on one label per instance (reference maml/classifiers/_aggregate.py):
// the base of the ground-truth upper bound and the majority-vote lower bound, which differ only in
// where that label comes from. Internal header.

#include <memory>
#include <string>
#include <vector>

#include "methods/method.h"

namespace annotbench {

class AggregateClassifier : public Method {
 public:
  // alpha > 0 mixes instances and one-hot labels with lambda ~ Beta(alpha, alpha), as the
  // reference does for majority-vote (conf/classifier/majority_vote.yaml: alpha 1.0).
  AggregateClassifier(std::string name, const MethodOptions& options, double default_alpha,
                      const std::vector<std::string>& other_options = {});
  ~AggregateClassifier() override;

  std::string name() const override { return name_; }
  MethodOptions hyperparameters() const override;
  void fit(const Dataset& train, const Dataset* valid, const TrainingSettings& settings) override;
  FeatureMatrix predict_proba(const FeatureMatrix& features) const override;

 protected:
  // One class index per training instance, kMissingLabel where the instance has none.
  virtual std::vector<int> training_labels(const Dataset& train, const TrainingSettings& settings) const = 0;
  // The training target of each instance as a distribution over the classes (N x C; an all-zero
  // row: no label). By default the one-hot of training_labels(); two-stage methods may give an
  // aggregator's posteriors instead (soft labels).
  virtual FeatureMatrix training_targets(const Dataset& train, const TrainingSettings& settings) const;

 private:
  struct Model;
  std::string name_;
  double alpha_;
  std::unique_ptr<Model> model_;
};

}  // namespace annotbench
