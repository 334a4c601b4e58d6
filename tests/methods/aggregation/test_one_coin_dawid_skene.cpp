#include <gtest/gtest.h>

#include "methods/aggregation/aggregator.h"
#include "tests/methods/aggregation/crowd_examples.h"

namespace annotbench {
namespace {

// One EM step of one-coin Dawid-Skene on three_annotators_four_items, by hand. From the
// majority-vote shares, each skill is the mean share of the label the annotator gave:
//   s_a0 = (1 + 2/3 + 1 + 1/3) / 4 = 3/4,  s_a1 = (1 + 2/3 + 1 + 2/3) / 4 = 5/6,
//   s_a2 = (1 + 1/3 + 1 + 2/3) / 4 = 3/4;  with two classes a wrong label has 1 - s.
// E-step (prior 1/2, 1/2):
//   item 0 (0, 0, 0): L0 = 3/4 5/6 3/4 = 45/96, L1 = 1/4 1/6 1/4 = 1/96  ->  q0 = 45/46
//   item 1 (0, 0, 1): L0 = 3/4 5/6 1/4 = 15/96, L1 = 1/4 1/6 3/4 = 3/96  ->  q0 = 5/6
//   item 3 (0, 1, 1): L0 = 3/4 1/6 1/4 = 3/96,  L1 = 1/4 5/6 3/4 = 15/96 ->  q0 = 1/6
// and the next M-step gives s_a1 = (45/46 + 5/6 + 45/46 + 5/6) / 4.
TEST(OneCoinDawidSkene, OneEmStepMatchesTheHandComputedValues) {
  AggregationSettings settings;
  settings.max_iterations = 1;
  const Aggregation result = make_aggregator("one-coin-ds")->fit(three_annotators_four_items(), settings);
  EXPECT_NEAR(result.posteriors.at(0, 0), 45.0 / 46.0, 1e-12);
  EXPECT_NEAR(result.posteriors.at(1, 0), 5.0 / 6.0, 1e-12);
  EXPECT_NEAR(result.posteriors.at(2, 1), 45.0 / 46.0, 1e-12);
  EXPECT_NEAR(result.posteriors.at(3, 0), 1.0 / 6.0, 1e-12);
  EXPECT_NEAR(result.annotator_skill[1], (45.0 / 46.0 + 5.0 / 6.0 + 45.0 / 46.0 + 5.0 / 6.0) / 4.0, 1e-12);
  // The confusion is one number: e[y|c] = s for y = c, (1 - s)/(C - 1) otherwise.
  EXPECT_NEAR(result.annotator_confusion[(1 * 2 + 0) * 2 + 0], result.annotator_skill[1], 1e-12);
  EXPECT_NEAR(result.annotator_confusion[(1 * 2 + 1) * 2 + 0], 1.0 - result.annotator_skill[1], 1e-12);
}

// With three classes a wrong label has (1 - s)/2: one item, a0 says 0 and a1 says 1 on a second
// item they share; checked on the returned confusion, which must spread 1 - s evenly.
TEST(OneCoinDawidSkene, ErrorsAreUniformOverTheOtherClasses) {
  const SparseAnnotations labels = labels_of(2, 2, 3, {{0, 0, 0}, {0, 1, 0}, {1, 0, 1}, {1, 1, 2}});
  const Aggregation result = make_aggregator("one-coin-ds")->fit(labels, {});
  const double s = result.annotator_skill[0];
  EXPECT_NEAR(result.annotator_confusion[(0 * 3 + 1) * 3 + 0], (1 - s) / 2, 1e-12);
  EXPECT_NEAR(result.annotator_confusion[(0 * 3 + 0) * 3 + 2], (1 - s) / 2, 1e-12);
}

}  // namespace
}  // namespace annotbench
