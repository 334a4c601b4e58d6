#include <gtest/gtest.h>

#include <cmath>

#include "methods/aggregation/aggregator.h"
#include "tests/methods/aggregation/crowd_examples.h"

namespace annotbench {
namespace {

// Three annotators label 200 binary items; with three binary labels either all agree or exactly
// one differs: 109 items all agree, on 21 a0 differs, on 31 a1, on 39 a2. Agreement shares are
// a0-a1 (109 + 39)/200 = 0.74, a0-a2 0.70, a1-a2 0.65, so C = 2 share - 1 = 0.48, 0.40, 0.30,
// which is exactly s s' for s = (0.8, 0.6, 0.5). Each annotator has 2 partners, F = 0 (no
// trimming), and the rank-one fit is exact: skills p = s (C-1)/C + 1/C = (0.9, 0.8, 0.75).
TEST(MMsr, RecoversRankOneSkills) {
  SparseAnnotations labels;
  labels.num_items = 200;
  labels.num_annotators = 3;
  labels.num_classes = 2;
  const auto add_item = [&](std::size_t n, int odd_one_out) {
    for (int m = 0; m < 3; ++m) labels.add(n, static_cast<std::size_t>(m), m == odd_one_out ? 1 : 0);
  };
  std::size_t n = 0;
  for (int i = 0; i < 109; ++i) add_item(n++, -1);
  for (int i = 0; i < 21; ++i) add_item(n++, 0);
  for (int i = 0; i < 31; ++i) add_item(n++, 1);
  for (int i = 0; i < 39; ++i) add_item(n++, 2);
  const Aggregation result = make_aggregator("m-msr")->fit(labels, {});
  EXPECT_NEAR(result.annotator_skill[0], 0.9, 1e-6);
  EXPECT_NEAR(result.annotator_skill[1], 0.8, 1e-6);
  EXPECT_NEAR(result.annotator_skill[2], 0.75, 1e-6);
  // Weights log((C-1) p / (1-p)): on an item where a0 alone says 1, log 9 < log 4 + log 3, so 0 wins,
  // with posterior 1 / (1 + 9 / 12).
  EXPECT_EQ(result.labels[120], 0);
  EXPECT_NEAR(result.posteriors.at(120, 0), 1.0 / (1.0 + 9.0 / 12.0), 1e-5);
}

// Two groups that never share an item: a0 and a1 label items 0-19, a2 and a3 items 20-39, each
// pair agreeing on 18 of 20 (C = 2 0.9 - 1 = 0.8 > 0). On the observed pairs every sign is +1,
// so every skill is above chance. Read as Crowd-Kit does, the unobserved cross pairs count as
// disagreement (C = -1/(C-1) = -1): the sign graph splits {a0, a1} from {a2, a3}, the signs
// (+, +, -, -) sum to zero, Crowd-Kit's orientation sign(0) = 0 zeroes them all, and every
// skill is 1/C = 1/2.
TEST(MMsr, PairsWithoutCommonItemsAreNotDisagreement) {
  SparseAnnotations labels;
  labels.num_items = 40;
  labels.num_annotators = 4;
  labels.num_classes = 2;
  for (std::size_t n = 0; n < 40; ++n) {
    const std::size_t first = n < 20 ? 0 : 2;
    const int truth = static_cast<int>(n % 2);
    labels.add(n, first, truth);
    labels.add(n, first + 1, n % 20 < 2 ? 1 - truth : truth);
  }
  const Aggregation observed = make_aggregator("m-msr")->fit(labels, {});
  for (std::size_t m = 0; m < 4; ++m) EXPECT_GT(observed.annotator_skill[m], 0.6) << m;
  const Aggregation crowd_kit = make_aggregator("m-msr", {{"unobserved_as_disagreement", 1}})->fit(labels, {});
  for (std::size_t m = 0; m < 4; ++m) EXPECT_DOUBLE_EQ(crowd_kit.annotator_skill[m], 0.5) << m;
}

}  // namespace
}  // namespace annotbench

namespace annotbench {
namespace {

// Snow et al.'s temporal-ordering set made M-MSR divide 0 by 0: when every partner of an annotator
// agrees with it exactly at chance (C = 0) the reduced mean is 0, and the next half-step divides by
// it. A zero mean is replaced like Crowd-Kit's single zero, so skills and posteriors stay finite.
TEST(MMsrAggregator, AnnotatorsAgreeingExactlyAtChanceGiveFinitePosteriors) {
  SparseAnnotations labels;
  labels.num_items = 4;
  labels.num_annotators = 3;
  labels.num_classes = 2;
  // a0 and a1 agree on items 0, 1 and disagree on 2, 3: agreement 1/2, C = 2 * 1/2 - 1 = 0; a2 the same with a0.
  const int a0[] = {0, 1, 0, 1}, a1[] = {0, 1, 1, 0}, a2[] = {0, 1, 1, 0};
  for (std::size_t n = 0; n < 4; ++n) {
    labels.add(n, 0, a0[n]);
    labels.add(n, 1, a1[n]);
    labels.add(n, 2, a2[n]);
  }
  const Aggregation result = make_aggregator("m-msr")->fit(labels, {});
  for (const double p : result.posteriors.values) EXPECT_TRUE(std::isfinite(p));
  for (const double skill : result.annotator_skill) EXPECT_TRUE(std::isfinite(skill));
  ASSERT_EQ(result.labels.size(), 4u);
}

}  // namespace
}  // namespace annotbench
