// Brier score and top-label ECE (reports/metrics.h), against sums worked out by hand.

#include <gtest/gtest.h>

#include "reports/metrics.h"

namespace annotbench {
namespace {

FeatureMatrix rows_of(const std::vector<std::vector<float>>& rows) {
  FeatureMatrix matrix(rows.size(), rows.front().size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t k = 0; k < rows[i].size(); ++k) matrix.at(i, k) = rows[i][k];
  return matrix;
}

TEST(BrierScore, MeanSquaredDistanceToTheOneHotLabel) {
  // Row 1, label 0: (0.75-1)^2 + 0.25^2 + 0^2 = 0.125. Row 2, label 2: 0.5^2 + 0.25^2 + (0.25-1)^2
  // = 0.25 + 0.0625 + 0.5625 = 0.875. Mean 0.5. (Quarters are exact in float.)
  const FeatureMatrix probabilities = rows_of({{0.75f, 0.25f, 0.0f}, {0.5f, 0.25f, 0.25f}});
  EXPECT_DOUBLE_EQ(brier_score(probabilities, {0, 2}), 0.5);
}

TEST(BrierScore, ZeroWhenSureAndRightTwoWhenSureAndWrong) {
  const FeatureMatrix sure = rows_of({{1.0f, 0.0f}, {0.0f, 1.0f}});
  EXPECT_DOUBLE_EQ(brier_score(sure, {0, 1}), 0.0);
  EXPECT_DOUBLE_EQ(brier_score(sure, {1, 0}), 2.0);
}

TEST(ExpectedCalibrationError, WeightedGapBetweenAccuracyAndConfidencePerBin) {
  // 15 bins of width 1/15. Top-label confidences and outcomes:
  //   0.95 right, 0.95 wrong -> bin (14/15, 1]: accuracy 0.5, confidence 0.95, gap 0.45, weight 2/5
  //   0.625 right, 0.625 right, 0.625 wrong -> bin (9/15, 10/15]: accuracy 2/3, confidence 0.625,
  //   gap 1/24, weight 3/5
  // ECE = 2/5 * 0.45 + 3/5 * (2/3 - 0.625) = 0.18 + 0.025 = 0.205.
  const FeatureMatrix probabilities =
      rows_of({{0.95f, 0.05f}, {0.95f, 0.05f}, {0.375f, 0.625f}, {0.375f, 0.625f}, {0.625f, 0.375f}});
  const std::vector<int> truth{0, 1, 1, 1, 1};
  EXPECT_NEAR(expected_calibration_error(probabilities, truth), 0.205, 1e-7);
}

TEST(ExpectedCalibrationError, AConfidenceOnABinEdgeFallsInTheLowerBin) {
  // With 2 bins, (0, 0.5] and (0.5, 1]: a confidence of exactly 0.5 is in the first bin with the
  // 0.25 row; both wrong, so that bin's gap is 0.375 on 2 of 3 rows. The 1.0 row is right: gap 0.
  // ECE = 2/3 * 0.375 = 0.25. Were 0.5 put in the upper bin, the gaps would be 0.25/3 + 2/3*0.25.
  const FeatureMatrix probabilities = rows_of({{0.5f, 0.5f}, {0.25f, 0.25f}, {1.0f, 0.0f}});
  EXPECT_NEAR(expected_calibration_error(probabilities, {1, 1, 0}, 2), 0.25, 1e-7);
}

TEST(ExpectedCalibrationError, PerfectlyCalibratedIsZero) {
  // Confidence 0.75 with three of four right in one bin.
  const FeatureMatrix probabilities = rows_of({{0.75f, 0.25f}, {0.75f, 0.25f}, {0.75f, 0.25f}, {0.75f, 0.25f}});
  EXPECT_NEAR(expected_calibration_error(probabilities, {0, 0, 0, 1}), 0.0, 1e-12);
}

TEST(LowerIsBetter, LossesAndErrorsByName) {
  for (const char* metric : {"test_log_loss", "best_test_brier", "test_ece", "train_annotator_performance_mae",
                             "train_noise_rate"})
    EXPECT_TRUE(metric_is_lower_better(metric)) << metric;
  for (const char* metric : {"test_accuracy", "best_test_accuracy", "test_ap_auroc", "alc", "test_balanced_accuracy"})
    EXPECT_FALSE(metric_is_lower_better(metric)) << metric;
}

}  // namespace
}  // namespace annotbench
