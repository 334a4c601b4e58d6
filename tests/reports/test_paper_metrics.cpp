// The annot-mix paper's outputs besides accuracy, against values computed by hand: balanced
// accuracy, the training-label noise rate, and the AUROC and average precision of an
// annotator-performance estimate, ties included.

#include <cmath>

#include <gtest/gtest.h>

#include "reports/metrics.h"

namespace annotbench {
namespace {

FeatureMatrix one_hot_predictions(const std::vector<int>& classes, std::size_t num_classes) {
  FeatureMatrix probabilities(classes.size(), num_classes, 0.0f);
  for (std::size_t i = 0; i < classes.size(); ++i) probabilities.at(i, static_cast<std::size_t>(classes[i])) = 1.0f;
  return probabilities;
}

TEST(PaperMetrics, BalancedAccuracyIsTheMeanRecallOfTheClassesPresent) {
  // Truth 0,0,0,1 predicted 0,0,1,1: recall 2/3 for class 0, 1 for class 1; class 2 never occurs.
  const FeatureMatrix predictions = one_hot_predictions({0, 0, 1, 1}, 3);
  EXPECT_DOUBLE_EQ(balanced_accuracy(predictions, {0, 0, 0, 1}), (2.0 / 3.0 + 1.0) / 2.0);
  EXPECT_DOUBLE_EQ(accuracy(predictions, {0, 0, 0, 1}), 0.75);
}

TEST(PaperMetrics, NoiseRateCountsWrongAmongGivenLabels) {
  AnnotationMatrix annotations(3, 2, kMissingLabel);
  annotations.at(0, 0) = 0;  // right
  annotations.at(0, 1) = 1;  // wrong
  annotations.at(1, 1) = 1;  // right
  annotations.at(2, 0) = 0;  // wrong
  EXPECT_DOUBLE_EQ(label_noise_rate(annotations, {0, 1, 2}), 0.5);
}

TEST(PaperMetrics, RocAucCountsTiedPairsAsOneHalf) {
  // Positives score 0.9 and 0.8, negatives 0.8 and 0.3. Of the 4 positive-negative pairs, 3 are
  // ordered right and 1 is tied: (3 + 0.5) / 4.
  EXPECT_DOUBLE_EQ(roc_auc({0.9, 0.8, 0.8, 0.3}, {true, false, true, false}), 0.875);
  EXPECT_DOUBLE_EQ(roc_auc({0.1, 0.2, 0.3}, {false, false, true}), 1.0);
  EXPECT_DOUBLE_EQ(roc_auc({0.5, 0.5}, {true, false}), 0.5);
  EXPECT_TRUE(std::isnan(roc_auc({0.5, 0.7}, {true, true})));
}

TEST(PaperMetrics, AveragePrecisionSumsRecallStepsTimesPrecisionAtEachThreshold) {
  // Thresholds 0.9 (1 of 1 right, recall 1/2), 0.8 (2 of 3 right, recall 1), 0.3 (recall gains
  // nothing): 1/2 * 1 + 1/2 * 2/3.
  EXPECT_DOUBLE_EQ(average_precision({0.9, 0.8, 0.8, 0.3}, {true, false, true, false}), 0.5 + 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(average_precision({0.9, 0.1}, {true, false}), 1.0);
  // All tied: one threshold, precision = the share of positives.
  EXPECT_DOUBLE_EQ(average_precision({0.4, 0.4, 0.4, 0.4}, {true, false, false, false}), 0.25);
  EXPECT_TRUE(std::isnan(average_precision({0.4}, {false})));
}

TEST(PaperMetrics, AnnotatorPerformanceScoresPairEachGivenLabelWithItsEstimate) {
  AnnotationMatrix annotations(2, 2, kMissingLabel);
  annotations.at(0, 1) = 2;
  annotations.at(1, 0) = 0;
  FeatureMatrix estimate(2, 2, 0.0f);
  estimate.at(0, 1) = 0.75f;
  estimate.at(1, 0) = 0.25f;
  const AnnotatorPerformanceScores scores = annotator_performance_scores(estimate, annotations, {2, 1});
  EXPECT_EQ(scores.estimate, (std::vector<double>{0.75, 0.25}));
  EXPECT_EQ(scores.correct, (std::vector<bool>{true, false}));
}

}  // namespace
}  // namespace annotbench
