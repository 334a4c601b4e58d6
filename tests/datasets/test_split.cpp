// Stratified splits (each class in proportion within one instance, exact totals, seeded) and
// standardisation fitted on the training part only.

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include <gtest/gtest.h>

#include "datasets/split.h"

namespace annotbench {
namespace {

// 1000 instances over 4 classes of unequal size: 500, 300, 150, 50.
std::vector<int> unbalanced_labels() {
  std::vector<int> labels;
  const int sizes[] = {500, 300, 150, 50};
  for (int c = 0; c < 4; ++c) labels.insert(labels.end(), static_cast<std::size_t>(sizes[c]), c);
  // Interleave so that class members are not contiguous in the file.
  std::vector<int> shuffled(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) shuffled[(i * 7919) % labels.size()] = labels[i];
  return shuffled;
}

std::vector<std::size_t> class_counts(const std::vector<int>& labels, const std::vector<std::size_t>& indices) {
  std::vector<std::size_t> counts(4, 0);
  for (const std::size_t i : indices) ++counts[static_cast<std::size_t>(labels[i])];
  return counts;
}

TEST(StratifiedSplit, PaperLetterShapeTwentyPercentTestAndFiveHundredValid) {
  const std::vector<int> labels = unbalanced_labels();
  const Split split = stratified_split(labels, 4, {0.2, 500}, 7);
  EXPECT_EQ(split.test.size(), 200u);
  EXPECT_EQ(split.valid.size(), 500u);
  EXPECT_EQ(split.train.size(), 300u);
}

TEST(StratifiedSplit, EveryClassWithinOneInstanceOfItsShare) {
  const std::vector<int> labels = unbalanced_labels();
  for (std::uint64_t seed : {0u, 1u, 2u, 99u}) {
    const Split split = stratified_split(labels, 4, {0.23, 0.17}, seed);
    const std::size_t class_sizes[] = {500, 300, 150, 50};
    const auto test = class_counts(labels, split.test);
    const auto valid = class_counts(labels, split.valid);
    for (std::size_t c = 0; c < 4; ++c) {
      const double test_share = 0.23 * static_cast<double>(class_sizes[c]);
      EXPECT_LE(std::abs(static_cast<double>(test[c]) - test_share), 1.0) << "class " << c;
      // Validation is apportioned over what the test part left: 170 of the remaining 770.
      const double valid_share = 170.0 / 770.0 * (static_cast<double>(class_sizes[c]) - static_cast<double>(test[c]));
      EXPECT_LE(std::abs(static_cast<double>(valid[c]) - valid_share), 1.0) << "class " << c;
    }
  }
}

TEST(StratifiedSplit, PartsAreDisjointAndCoverEveryInstance) {
  const std::vector<int> labels = unbalanced_labels();
  const Split split = stratified_split(labels, 4, {0.2, 0.1}, 3);
  std::vector<std::size_t> all = split.train;
  all.insert(all.end(), split.valid.begin(), split.valid.end());
  all.insert(all.end(), split.test.begin(), split.test.end());
  std::sort(all.begin(), all.end());
  std::vector<std::size_t> expected(labels.size());
  std::iota(expected.begin(), expected.end(), 0);
  EXPECT_EQ(all, expected);
}

TEST(StratifiedSplit, SameSeedSameSplitOtherSeedOtherSplit) {
  const std::vector<int> labels = unbalanced_labels();
  const Split first = stratified_split(labels, 4, {0.2, 0.1}, 11);
  const Split again = stratified_split(labels, 4, {0.2, 0.1}, 11);
  const Split other = stratified_split(labels, 4, {0.2, 0.1}, 12);
  EXPECT_EQ(first.test, again.test);
  EXPECT_EQ(first.valid, again.valid);
  EXPECT_NE(first.test, other.test);
}

TEST(StratifiedSplit, RejectsASplitWithoutTrainingInstances) {
  const std::vector<int> labels = unbalanced_labels();
  EXPECT_THROW(stratified_split(labels, 4, {0.5, 500}, 0), std::invalid_argument);
  EXPECT_THROW(stratified_split(labels, 4, {1.0, 0}, 0), std::invalid_argument);
}

TEST(Standardiser, FitsMeanAndPopulationStdOnTheGivenRowsOnly) {
  FeatureMatrix train(4, 2);
  train.values = {1, 10, 2, 10, 3, 10, 6, 10};  // column 0: mean 3, population std sqrt(3.5)
  const Standardiser standardiser = Standardiser::fit(train);
  EXPECT_FLOAT_EQ(standardiser.mean[0], 3.0f);
  EXPECT_FLOAT_EQ(standardiser.scale[0], std::sqrt(3.5f));
  EXPECT_FLOAT_EQ(standardiser.scale[1], 1.0f);  // constant column keeps scale 1
  FeatureMatrix test(1, 2);
  test.values = {10, 4};
  standardiser.apply(test);
  EXPECT_FLOAT_EQ(test.at(0, 0), 7.0f / std::sqrt(3.5f));
  EXPECT_FLOAT_EQ(test.at(0, 1), -6.0f);
}

TEST(SplitAndStandardise, TrainingPartHasZeroMeanUnitStd) {
  Dataset dataset;
  dataset.name = "synthetic";
  dataset.class_names = {"a", "b", "c", "d"};
  dataset.true_labels = unbalanced_labels();
  dataset.features = FeatureMatrix(dataset.true_labels.size(), 1);
  for (std::size_t i = 0; i < dataset.true_labels.size(); ++i)
    dataset.features.at(i, 0) = static_cast<float>(i % 17) * 3.0f + 5.0f;
  const PreparedData prepared = split_and_standardise(dataset, {0.2, 100}, 5);
  double sum = 0, squares = 0;
  for (const float value : prepared.train.features.values) {
    sum += value;
    squares += value * value;
  }
  const double n = static_cast<double>(prepared.train.num_instances());
  EXPECT_NEAR(sum / n, 0.0, 1e-5);
  EXPECT_NEAR(squares / n, 1.0, 1e-4);
  EXPECT_EQ(prepared.test.num_instances(), 200u);
  EXPECT_EQ(prepared.valid.num_instances(), 100u);
  EXPECT_EQ(prepared.test.true_labels[0], dataset.true_labels[prepared.split.test[0]]);
}

}  // namespace
}  // namespace annotbench
