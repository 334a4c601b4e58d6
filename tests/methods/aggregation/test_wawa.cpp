#include <gtest/gtest.h>

#include "methods/aggregation/aggregator.h"
#include "tests/methods/aggregation/crowd_examples.h"

namespace annotbench {
namespace {

// Three classes (item: a0 a1 a2):  0: 0 0 1   1: 2 2 2 (+ a2's 2 again)   2: 1 0 1.
// Majority labels 0, 2, 1. Agreement with them: a0 3/3 = 1, a1 2/3, and a2 2/3: its repeated
// identical label on item 1 counts once (Crowd-Kit's get_accuracy drops duplicate triples), not 3/4.
// Weighted vote: item 0 gives class 0 weight 1 + 2/3 and class 1 weight 2/3 -> (5/7, 2/7, 0);
// item 2 gives class 1 weight 1 + 2/3 and class 0 weight 2/3 -> (2/7, 5/7, 0).
TEST(Wawa, WeightsAreAgreementWithTheMajority) {
  const SparseAnnotations labels = labels_of(
      3, 3, 3, {{0, 0, 0}, {0, 1, 0}, {0, 2, 1}, {1, 0, 2}, {1, 1, 2}, {1, 2, 2}, {1, 2, 2}, {2, 0, 1}, {2, 1, 0}, {2, 2, 1}});
  const Aggregation result = make_aggregator("wawa")->fit(labels, {});
  EXPECT_NEAR(result.annotator_skill[0], 1.0, 1e-15);
  EXPECT_NEAR(result.annotator_skill[1], 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(result.annotator_skill[2], 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(result.posteriors.at(0, 0), 5.0 / 7.0, 1e-15);
  EXPECT_NEAR(result.posteriors.at(2, 1), 5.0 / 7.0, 1e-15);
  EXPECT_NEAR(result.posteriors.at(2, 2), 0.0, 1e-15);
  EXPECT_EQ(result.labels, (std::vector<int>{0, 2, 1}));
}

}  // namespace
}  // namespace annotbench
