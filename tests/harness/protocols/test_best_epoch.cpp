// The best-validation-epoch model (annot-mix-reference-study.md §5.1): highest validation accuracy
// with the clean labels, the first epoch on ties, and its test outputs kept.

#include <gtest/gtest.h>

#include "harness/protocols/learning/best_epoch.h"

namespace annotbench {
namespace {

// A "method" whose predictions follow a script, one entry per epoch: on the validation rows it is
// right on the first `valid_correct[e]` of them; on the test rows it predicts class e % 2.
class ScriptedMethod : public Method {
 public:
  explicit ScriptedMethod(std::vector<int> valid_correct) : valid_correct_(std::move(valid_correct)) {}
  std::string name() const override { return "scripted"; }
  MethodOptions hyperparameters() const override { return {}; }
  void fit(const Dataset&, const Dataset*, const TrainingSettings&) override {}
  void next_epoch() { ++epoch_; }
  FeatureMatrix predict_proba(const FeatureMatrix& features) const override {
    FeatureMatrix probabilities(features.rows, 2, 0.0f);
    const bool valid_rows = features.cols == 1;  // the test set below has two columns
    for (std::size_t i = 0; i < features.rows; ++i) {
      int label = epoch_ % 2;
      if (valid_rows) label = static_cast<int>(i) < valid_correct_[epoch_] ? 0 : 1;  // every valid label is 0
      probabilities.at(i, static_cast<std::size_t>(label)) = 1.0f;
    }
    return probabilities;
  }

 private:
  std::vector<int> valid_correct_;
  int epoch_ = 0;
};

TEST(BestEpoch, KeepsTheFirstEpochWithTheHighestValidationAccuracy) {
  Dataset valid;
  valid.features = FeatureMatrix(4, 1);
  valid.true_labels = {0, 0, 0, 0};
  valid.class_names = {"a", "b"};
  Dataset test;
  test.features = FeatureMatrix(3, 2);
  test.true_labels = {1, 1, 1};
  test.class_names = {"a", "b"};
  // Validation accuracies 1/4, 3/4, 2/4, 3/4: epoch 2 (1-based) is the best, epoch 4 only ties it.
  ScriptedMethod method({1, 3, 2, 3});
  BestEpochTracker tracker(method, valid, test);
  for (int epoch = 1; epoch <= 4; ++epoch) {
    tracker.after_epoch(epoch);
    method.next_epoch();
  }
  ASSERT_TRUE(tracker.has_best());
  EXPECT_EQ(tracker.best_epoch(), 2);
  EXPECT_DOUBLE_EQ(tracker.best_valid_accuracy(), 0.75);
  // At epoch 2 (script index 1) the test predictions are class 1 for every row.
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(tracker.test_probabilities().at(i, 1), 1.0f);
  EXPECT_TRUE(tracker.test_performance().empty());  // the test set has no annotations
}

}  // namespace
}  // namespace annotbench
