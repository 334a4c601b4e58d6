#include <gtest/gtest.h>

#include <cmath>

#include "methods/aggregation/aggregator.h"
#include "methods/aggregation/digamma.h"
#include "methods/aggregation/mace.h"
#include "tests/methods/aggregation/crowd_examples.h"

namespace annotbench {
namespace {

// One item, two classes. a0 knows with k = 0.6 and spams with strategy (0.5, 0.5) and says 0;
// a1 knows with k = 0.2, spams with (0.9, 0.1) and says 1. With P(y | c) = (1 - k) xi[y] + k [y = c]:
//   a0: P(0 | 0) = 0.4 0.5 + 0.6 = 0.8,   P(0 | 1) = 0.2
//   a1: P(1 | 0) = 0.8 0.1 = 0.08,        P(1 | 1) = 0.08 + 0.2 = 0.28
// and a uniform prior: joint (0.5 0.8 0.08, 0.5 0.2 0.28) = (0.032, 0.028), marginal 0.06,
// posterior (8/15, 7/15). P(a0 spammed) = P(spam and data) / P(data) = 0.4 0.5 (0.5 0.08 +
// 0.5 0.28) / 0.06 = 0.6; P(a1 spammed) = 0.8 0.1 (0.5 0.8 + 0.5 0.2) / 0.06 = 2/3.
TEST(Mace, SpamPosteriorMatchesTheHandComputation) {
  const SparseAnnotations labels = labels_of(1, 2, 2, {{0, 0, 0}, {0, 1, 1}});
  MaceParameters parameters;
  parameters.spamming = {0.4, 0.6, 0.8, 0.2};
  parameters.strategy = {0.5, 0.5, 0.9, 0.1};
  const MaceExpectations expected = mace_e_step(labels, parameters);
  EXPECT_NEAR(expected.posteriors.at(0, 0), 8.0 / 15.0, 1e-14);
  EXPECT_NEAR(expected.spam_counts[0], 0.6, 1e-14);
  EXPECT_NEAR(expected.spam_counts[1], 0.4, 1e-14);
  EXPECT_NEAR(expected.spam_counts[2], 2.0 / 3.0, 1e-14);
  EXPECT_NEAR(expected.spam_counts[3], 1.0 / 3.0, 1e-14);
  // Spammed labels count towards the strategy of the label given.
  EXPECT_NEAR(expected.strategy_counts[0], 0.6, 1e-14);
  EXPECT_NEAR(expected.strategy_counts[1], 0.0, 1e-14);
  EXPECT_NEAR(expected.strategy_counts[3], 2.0 / 3.0, 1e-14);
  EXPECT_NEAR(expected.log_marginal_likelihood, std::log(0.06 + 1e-8), 1e-14);
}

// psi(1) = -Euler's gamma; psi(1/2) = -gamma - 2 log 2; psi(x + 1) = psi(x) + 1/x.
TEST(Mace, DigammaMatchesKnownValues) {
  const double gamma = 0.57721566490153286;
  EXPECT_NEAR(digamma(1.0), -gamma, 1e-14);
  EXPECT_NEAR(digamma(0.5), -gamma - 2 * std::log(2.0), 1e-14);
  EXPECT_NEAR(digamma(7.25), digamma(6.25) + 1 / 6.25, 1e-14);
  EXPECT_NEAR(digamma(100.0), 4.6001618527380874, 1e-13);
}

// Ten annotators agree on 30 binary items; an eleventh always says 0. MACE must find the
// eleventh spamming (knows rarely) and the others knowing, and keep the majority labels.
TEST(Mace, FindsTheSpammer) {
  SparseAnnotations labels;
  labels.num_items = 30;
  labels.num_annotators = 11;
  labels.num_classes = 2;
  for (std::size_t n = 0; n < 30; ++n) {
    for (std::size_t m = 0; m < 3; ++m) labels.add(n, (n + m) % 10, static_cast<int>(n % 2));
    labels.add(n, 10, 0);
  }
  const Aggregation result = make_aggregator("mace")->fit(labels, {});
  for (std::size_t n = 0; n < 30; ++n) EXPECT_EQ(result.labels[n], static_cast<int>(n % 2));
  EXPECT_LT(result.annotator_skill[10], 0.5);
  for (std::size_t m = 0; m < 10; ++m) EXPECT_GT(result.annotator_skill[m], 0.8);
}

}  // namespace
}  // namespace annotbench
