#pragma once
// The paper's second model of every run (annot-mix.md, evaluation protocol): after each epoch the
// model is scored on the validation split with its true labels, and the epoch with the highest
// validation accuracy (the first on ties) is the "best" model, whose test outputs are reported as
// best_test_*. Scoring runs in evaluation mode without gradients and draws no random numbers, so the
// training itself, and the last-epoch results, are the same with or without it.

#include <chrono>

#include "datasets/dataset.h"
#include "methods/method.h"

namespace annotbench {

class BestEpochTracker {
 public:
  // `method` is the one being fitted; `test` must have true labels for anything to be kept.
  BestEpochTracker(const Method& method, const Dataset& valid, const Dataset& test);

  // Call once after each epoch (from TrainingSettings::on_epoch).
  void after_epoch(int epoch);

  bool has_best() const { return best_epoch_ > 0; }
  int best_epoch() const { return best_epoch_; }  // 1-based
  double best_valid_accuracy() const { return best_valid_accuracy_; }
  const FeatureMatrix& test_probabilities() const { return test_probabilities_; }
  const FeatureMatrix& test_performance() const { return test_performance_; }  // empty without a model of it
  // Time spent scoring, which the caller takes off the training time.
  double scoring_seconds() const { return scoring_seconds_; }

 private:
  const Method& method_;
  const Dataset& valid_;
  const Dataset& test_;
  int best_epoch_ = 0;
  double best_valid_accuracy_ = -1.0;
  FeatureMatrix test_probabilities_;
  FeatureMatrix test_performance_;
  double scoring_seconds_ = 0.0;
};

}  // namespace annotbench
