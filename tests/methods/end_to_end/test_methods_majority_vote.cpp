// Per-instance majority vote: the most frequent class, ties broken uniformly at random by the seed.

#include <gtest/gtest.h>

#include "methods/end_to_end/majority_vote.h"

namespace annotbench {
namespace {

TEST(MajorityVote, TakesTheMostFrequentClassAndSkipsUnlabelledInstances) {
  AnnotationMatrix z(2, 3, kMissingLabel);
  z.at(0, 0) = 2; z.at(0, 1) = 2; z.at(0, 2) = 1;  // 2 wins 2:1
  const auto labels = majority_vote_labels(z, 3, 0);
  EXPECT_EQ(labels[0], 2);
  EXPECT_EQ(labels[1], kMissingLabel);  // nobody labelled instance 1
}

TEST(MajorityVote, BreaksTiesUniformlyAtRandomAndReproducibly) {
  // 2000 instances with one vote each for classes 0 and 2: each should win about half the ties
  // (binomial sd = sqrt(2000 / 4) ~ 22, so +-110 is 5 sd); class 1 never.
  AnnotationMatrix z(2000, 2, kMissingLabel);
  for (std::size_t n = 0; n < z.rows; ++n) { z.at(n, 0) = 0; z.at(n, 1) = 2; }
  const auto labels = majority_vote_labels(z, 3, 42);
  int zeros = 0;
  for (const int label : labels) {
    ASSERT_TRUE(label == 0 || label == 2);
    zeros += label == 0;
  }
  EXPECT_NEAR(zeros, 1000, 110);
  EXPECT_EQ(labels, majority_vote_labels(z, 3, 42));
  EXPECT_NE(labels, majority_vote_labels(z, 3, 43));
}

}  // namespace
}  // namespace annotbench
