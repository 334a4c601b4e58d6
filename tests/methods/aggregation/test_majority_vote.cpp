#include <gtest/gtest.h>

#include "methods/aggregation/aggregator.h"

namespace annotbench {
namespace {

// Three items, three annotators, three classes:
//   item 0: 0, 0, 1   -> shares (2/3, 1/3, 0), label 0
//   item 1: 2         -> (0, 0, 1), label 2
//   item 2: 0, 1      -> (1/2, 1/2, 0), a tie
SparseAnnotations small_matrix() {
  SparseAnnotations labels;
  labels.num_items = 3;
  labels.num_annotators = 3;
  labels.num_classes = 3;
  labels.add(0, 0, 0);
  labels.add(0, 1, 0);
  labels.add(0, 2, 1);
  labels.add(1, 1, 2);
  labels.add(2, 0, 0);
  labels.add(2, 2, 1);
  return labels;
}

TEST(MajorityVoteAggregator, PosteriorsAreVoteShares) {
  const Aggregation result = make_aggregator("mv")->fit(small_matrix(), {});
  EXPECT_DOUBLE_EQ(result.posteriors.at(0, 0), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(result.posteriors.at(0, 1), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(result.posteriors.at(1, 2), 1.0);
  EXPECT_DOUBLE_EQ(result.posteriors.at(2, 0), 0.5);
  EXPECT_EQ(result.labels[0], 0);
  EXPECT_EQ(result.labels[1], 2);
}

TEST(MajorityVoteAggregator, TiesAreBrokenBySeedBothWays) {
  // Over 64 seeds the tie of item 2 must go both ways, and each seed must repeat itself.
  int zeros = 0;
  for (std::uint64_t seed = 0; seed < 64; ++seed) {
    AggregationSettings settings;
    settings.seed = seed;
    const int label = make_aggregator("mv")->fit(small_matrix(), settings).labels[2];
    ASSERT_TRUE(label == 0 || label == 1);
    EXPECT_EQ(make_aggregator("mv")->fit(small_matrix(), settings).labels[2], label);
    zeros += label == 0;
  }
  EXPECT_GT(zeros, 10);
  EXPECT_LT(zeros, 54);
}

}  // namespace
}  // namespace annotbench
