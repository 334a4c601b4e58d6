// The annotation process of annot-mix (labels per instance from {2,3,4}, annotators chosen without
// replacement by Beta(1,3) probabilities) and the missing-fraction alternative.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "datasets/input_error.h"
#include "simulators/annotation_process.h"

namespace annotbench {
namespace {

AnnotationMatrix complete_matrix(std::size_t rows, std::size_t cols) {
  AnnotationMatrix matrix(rows, cols, 0);
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t m = 0; m < cols; ++m) matrix.at(i, m) = static_cast<int>((i + m) % 3);
  return matrix;
}

std::vector<std::size_t> labels_per_row(const AnnotationMatrix& matrix) {
  std::vector<std::size_t> counts(matrix.rows, 0);
  for (std::size_t i = 0; i < matrix.rows; ++i)
    for (std::size_t m = 0; m < matrix.cols; ++m) counts[i] += matrix.at(i, m) != kMissingLabel;
  return counts;
}

TEST(SimulatorsAnnotationProcess, CountsPerInstanceComeUniformlyFromTheList) {
  const AnnotationMatrix complete = complete_matrix(30000, 20);
  AnnotationProcess process;
  process.labels_per_instance = {2, 3, 4};
  const ProcessedAnnotations processed = apply_annotation_process(complete, process, 5);
  std::map<std::size_t, double> frequency;
  double total = 0.0;
  for (const std::size_t count : labels_per_row(processed.annotations)) {
    frequency[count] += 1.0 / 30000;
    total += static_cast<double>(count);
  }
  ASSERT_EQ(frequency.size(), 3u);
  for (const std::size_t count : {2u, 3u, 4u}) EXPECT_NEAR(frequency[count], 1.0 / 3, 0.015);  // se 0.0027
  EXPECT_NEAR(total / 30000, 3.0, 0.02);  // mean of {2, 3, 4}
  // Kept labels keep their value.
  for (std::size_t k = 0; k < complete.values.size(); ++k)
    if (processed.annotations.values[k] != kMissingLabel) {
      ASSERT_EQ(processed.annotations.values[k], complete.values[k]);
    }
  double sum = 0.0;
  for (const double p : processed.selection_probabilities) sum += p;
  EXPECT_NEAR(sum, 1.0, 1e-12);
}

TEST(SimulatorsAnnotationProcess, OneLabelPerInstanceFollowsTheSelectionProbabilities) {
  // With one label per instance, annotator m is chosen with probability p_m itself.
  const AnnotationMatrix complete = complete_matrix(40000, 6);
  AnnotationProcess process;
  process.labels_per_instance = {1};
  const ProcessedAnnotations processed = apply_annotation_process(complete, process, 8);
  for (std::size_t m = 0; m < 6; ++m) {
    double share = 0.0;
    for (std::size_t i = 0; i < 40000; ++i) share += processed.annotations.at(i, m) != kMissingLabel;
    EXPECT_NEAR(share / 40000, processed.selection_probabilities[m], 0.01) << "annotator " << m;
  }
}

TEST(SimulatorsAnnotationProcess, TwoLabelsFollowSuccessiveSamplingWithoutReplacement) {
  // Two draws, the second renormalised over the rest: P(m kept) = p_m + sum_{j != m} p_j p_m / (1 - p_j).
  const AnnotationMatrix complete = complete_matrix(40000, 4);
  AnnotationProcess process;
  process.labels_per_instance = {2};
  const ProcessedAnnotations processed = apply_annotation_process(complete, process, 13);
  const std::vector<double>& p = processed.selection_probabilities;
  for (std::size_t m = 0; m < 4; ++m) {
    double expected = p[m];
    for (std::size_t j = 0; j < 4; ++j)
      if (j != m) expected += p[j] * p[m] / (1.0 - p[j]);
    double kept = 0.0;
    for (std::size_t i = 0; i < 40000; ++i) kept += processed.annotations.at(i, m) != kMissingLabel;
    EXPECT_NEAR(kept / 40000, expected, 0.012) << "annotator " << m;  // se <= 0.0025
  }
  for (const std::size_t count : labels_per_row(processed.annotations)) ASSERT_EQ(count, 2u);
}

TEST(SimulatorsAnnotationProcess, SelectionProbabilitiesAreBetaOneThreeNormalised) {
  // p_m = b_m / sum b with b_m ~ Beta(1, 3): with M = 2000 annotators sum b ~ 2000 * 0.25, so
  // M * p_m ~ 4 b_m: mean 1, and P(4 b_m > 2) = P(b > 0.5) = 0.5^3 = 0.125.
  const AnnotationMatrix complete = complete_matrix(2, 2000);
  AnnotationProcess process;
  process.labels_per_instance = {1};
  const ProcessedAnnotations processed = apply_annotation_process(complete, process, 21);
  double above = 0.0;
  for (const double p : processed.selection_probabilities) above += 2000 * p > 2.0;
  EXPECT_NEAR(above / 2000, 0.125, 0.03);
}

TEST(SimulatorsAnnotationProcess, MissingFractionDropsExactlyThatShareAndKeepsOnePerInstance) {
  const AnnotationMatrix complete = complete_matrix(5000, 5);
  AnnotationProcess process;
  process.missing_fraction = 0.6;
  const ProcessedAnnotations processed = apply_annotation_process(complete, process, 3);
  const std::vector<std::size_t> counts = labels_per_row(processed.annotations);
  std::size_t kept = 0;
  for (const std::size_t count : counts) {
    ASSERT_GE(count, 1u);
    kept += count;
  }
  EXPECT_EQ(kept, 25000u - 15000u);  // 0.6 of 25000 dropped
  EXPECT_TRUE(processed.selection_probabilities.empty());
}

TEST(SimulatorsAnnotationProcess, EmptyProcessKeepsEverything) {
  const AnnotationMatrix complete = complete_matrix(100, 3);
  EXPECT_EQ(apply_annotation_process(complete, AnnotationProcess{}, 1).annotations.values, complete.values);
}

TEST(SimulatorsAnnotationProcess, BadProcessesAreConfigErrors) {
  AnnotationProcess too_many;
  too_many.labels_per_instance = {2, 5};
  EXPECT_THROW(check_annotation_process(too_many, 4), ConfigError);
  AnnotationProcess zero;
  zero.labels_per_instance = {0};
  EXPECT_THROW(check_annotation_process(zero, 4), ConfigError);
  AnnotationProcess both;
  both.labels_per_instance = {2};
  both.missing_fraction = 0.1;
  EXPECT_THROW(check_annotation_process(both, 4), ConfigError);
  AnnotationProcess all_gone;
  all_gone.missing_fraction = 0.8;  // 4 annotators: at most 3/4 can go
  EXPECT_THROW(check_annotation_process(all_gone, 4), ConfigError);
  AnnotationProcess fine;
  fine.labels_per_instance = {2, 3, 4};
  EXPECT_NO_THROW(check_annotation_process(fine, 4));
}

}  // namespace
}  // namespace annotbench
