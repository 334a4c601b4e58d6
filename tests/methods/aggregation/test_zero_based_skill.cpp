#include <gtest/gtest.h>

#include "methods/aggregation/aggregator.h"
#include "tests/methods/aggregation/crowd_examples.h"

namespace annotbench {
namespace {

// Wawa's example (agreement with the unweighted vote: 1, 2/3, 2/3). Skills start at 1/C + eps =
// 1/3 + 1e-5, and all-equal skills vote as the plain majority. With lr_steps_to_reduce = 1 the
// rate is halved before the first update, so s = s0 + 0.5 (agreement - s0).
TEST(ZeroBasedSkill, FirstUpdateMovesHalfwayToTheAgreement) {
  const SparseAnnotations labels =
      labels_of(3, 3, 3, {{0, 0, 0}, {0, 1, 0}, {0, 2, 1}, {1, 0, 2}, {1, 1, 2}, {1, 2, 2}, {2, 0, 1}, {2, 1, 0}, {2, 2, 1}});
  AggregationSettings settings;
  settings.max_iterations = 1;
  const Aggregation result = make_aggregator("zbs", {{"lr_steps_to_reduce", 1}})->fit(labels, settings);
  const double start = 1.0 / 3.0 + 1e-5;
  EXPECT_NEAR(result.annotator_skill[0], start + 0.5 * (1.0 - start), 1e-15);
  EXPECT_NEAR(result.annotator_skill[1], start + 0.5 * (2.0 / 3.0 - start), 1e-15);
  EXPECT_EQ(result.iterations, 1);
}

// At the default rate 1 the first update lands on the agreement; the vote then stays put, so
// after 100 iterations the skills are still the agreement shares.
TEST(ZeroBasedSkill, FixedPointIsTheAgreementOfItsOwnVote) {
  const SparseAnnotations labels =
      labels_of(3, 3, 3, {{0, 0, 0}, {0, 1, 0}, {0, 2, 1}, {1, 0, 2}, {1, 1, 2}, {1, 2, 2}, {2, 0, 1}, {2, 1, 0}, {2, 2, 1}});
  const Aggregation result = make_aggregator("zbs")->fit(labels, {});
  EXPECT_NEAR(result.annotator_skill[0], 1.0, 1e-15);
  EXPECT_NEAR(result.annotator_skill[2], 2.0 / 3.0, 1e-15);
  EXPECT_EQ(result.iterations, 100);
}

}  // namespace
}  // namespace annotbench
