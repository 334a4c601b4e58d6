#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "datasets/input_error.h"
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

// The hand example above with a class prior pi = (3/4, 1/4): the joint is
// (3/4 0.8 0.08, 1/4 0.2 0.28) = (0.048, 0.014), marginal 0.062, posterior (24/31, 7/31).
// P(a0 spammed) = 0.4 0.5 (3/4 0.08 + 1/4 0.28) / 0.062 = 0.026 / 0.062 = 13/31.
TEST(Mace, ClassPriorEntersTheEStep) {
  const SparseAnnotations labels = labels_of(2, 2, 2, {{0, 0, 0}, {0, 1, 1}});  // item 1 has no labels
  MaceParameters parameters;
  parameters.spamming = {0.4, 0.6, 0.8, 0.2};
  parameters.strategy = {0.5, 0.5, 0.9, 0.1};
  parameters.class_prior = {0.75, 0.25};
  const MaceExpectations expected = mace_e_step(labels, parameters);
  EXPECT_NEAR(expected.posteriors.at(0, 0), 24.0 / 31.0, 1e-14);
  EXPECT_NEAR(expected.spam_counts[0], 13.0 / 31.0, 1e-14);
  EXPECT_NEAR(expected.log_marginal_likelihood, std::log(0.062 + 1e-8), 1e-14);
  EXPECT_EQ(expected.posteriors.at(1, 0), 0.75);  // an item without labels gets the prior
}

// 120 items, 12 annotators, 3 classes, 5 labels per item from annotators right 40 + 5 m percent
// of the time (else a uniform draw): a fixed, platform-independent draw (std::mt19937_64).
SparseAnnotations three_class_crowd() {
  std::mt19937_64 rng(2);
  SparseAnnotations labels;
  labels.num_items = 120;
  labels.num_annotators = 12;
  labels.num_classes = 3;
  for (std::size_t n = 0; n + 1 < 120; ++n) {
    const int truth = static_cast<int>(rng() % 3);
    for (int j = 0; j < 5; ++j) {
      const std::size_t m = rng() % 12;
      const bool right = (rng() % 100) < 40 + 5 * m;
      labels.add(n, m, right ? truth : static_cast<int>(rng() % 3));
    }
  }
  return labels;
}

// class_prior = 0 is the uniform model of before the option: the same bits as the default, and
// the numbers MACE gave on this crowd before class_prior existed (commit 92a5702, seed 3).
TEST(Mace, UniformClassPriorIsTheResultOfBefore) {
  const SparseAnnotations labels = three_class_crowd();
  AggregationSettings settings;
  settings.seed = 3;
  const Aggregation by_default = make_aggregator("mace")->fit(labels, settings);
  const Aggregation uniform = make_aggregator("mace", {{"class_prior", 0}})->fit(labels, settings);
  EXPECT_EQ(uniform.posteriors.values, by_default.posteriors.values);
  EXPECT_EQ(uniform.annotator_skill, by_default.annotator_skill);
  EXPECT_EQ(uniform.labels, by_default.labels);
  EXPECT_DOUBLE_EQ(uniform.posteriors.at(0, 0), 0.9999997734690438);
  EXPECT_DOUBLE_EQ(uniform.posteriors.at(5, 1), 0.8940401673807373);
  EXPECT_DOUBLE_EQ(uniform.posteriors.at(34, 0), 0.45805908656398747);
  EXPECT_DOUBLE_EQ(uniform.posteriors.at(34, 2), 0.5240660133629856);
  EXPECT_DOUBLE_EQ(uniform.annotator_skill[0], 0.328128682305183);
  EXPECT_DOUBLE_EQ(uniform.annotator_skill[3], 0.5349678828184171);
}

// A skewed binary crowd: 2000 items, 90 % class 0, three labels per item from ten annotators
// whose labels are right with 0.95, 0.9, ..., 0.6, 0.6, 0.55 (symmetric errors; simulate_crowd,
// seed 1; 89.4 % of its items are class 0). Under a uniform prior MACE explains the flood of 0s
// as spamming towards 0, so a single 1 among an item's labels weighs more than two 0s: the mean
// posterior of class 0 is 0.516 and 0.680 of the items are right, below the majority vote's
// 0.829. The prior fixed at the mean label shares (0.682 for class 0: label noise pulls it towards
// 1/2) gives 0.860; re-estimated in every M-step it settles at 0.896 and gives 0.938, as
// Dawid-Skene does (0.938).
TEST(Mace, EstimatedClassPriorHelpsOnASkewedCrowd) {
  std::vector<ConfusionRows> annotators;
  for (const double right : {0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.6, 0.55})
    annotators.push_back({{right, 1 - right}, {1 - right, right}});
  const SimulatedCrowd crowd = simulate_crowd(2000, annotators, {0.9, 0.1}, 3, 1);
  const auto accuracy = [&](double class_prior) {
    return aggregation_accuracy(make_aggregator("mace", {{"class_prior", class_prior}})->fit(crowd.labels, {}).labels,
                                crowd.truth);
  };
  const double uniform = accuracy(0), once = accuracy(1), reestimated = accuracy(2);
  EXPECT_NEAR(uniform, 0.680, 0.0005);
  EXPECT_NEAR(once, 0.8595, 0.0005);
  EXPECT_NEAR(reestimated, 0.938, 0.0005);
  EXPECT_GT(once, uniform + 0.1);
  EXPECT_GT(reestimated, once);
}

TEST(Mace, ClassPriorOptionIsRangeChecked) {
  EXPECT_THROW(make_aggregator("mace", {{"class_prior", 3}}), ConfigError);
  EXPECT_THROW(make_aggregator("mace", {{"class_prior", 0.5}}), ConfigError);
}

}  // namespace
}  // namespace annotbench
