#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "methods/aggregation/aggregator.h"
#include "tests/methods/aggregation/crowd_examples.h"

namespace annotbench {
namespace {

constexpr double kFloor = 1e-10;  // Crowd-Kit's floor on confusion counts

// One EM step on three_annotators_four_items, by hand. Majority-vote posteriors q give the prior
// (1/2, 1/2) and the count tables N_m[y][c] = sum of q_ic over m's labels y:
//   a0: y=0 (items 0, 1, 3) -> (2, 1);        y=1 (item 2) -> (0, 1), floored to (eps, 1)
//   a1: y=0 (items 0, 1)    -> (5/3, 1/3);    y=1 (items 2, 3) -> (1/3, 5/3)
//   a2: y=0 (item 0)        -> (1, 0) -> (1, eps); y=1 (items 1, 2, 3) -> (1, 2)
// Normalised over y: e_a0[0|0] = 2/(2+eps), e_a0[0|1] = 1/2; e_a1 = (5/6 1/6; 1/6 5/6);
// e_a2[1|0] = 1/2, e_a2[1|1] = 2/(2+eps). The E-step then gives
//   item 1 (0, 0, 1): L0 = 2/(2+eps) 5/6 1/2, L1 = 1/2 1/6 2/(2+eps)  ->  q = (5/6, 1/6)
//   item 3 (0, 1, 1): L0 = 2/(2+eps) 1/6 1/2, L1 = 1/2 5/6 2/(2+eps)  ->  q = (1/6, 5/6)
//   item 0 (0, 0, 0): L1 / L0 = (1/2 1/6 eps/(2+eps)) / (2/(2+eps) 5/6 1/2)  ->  q1 = eps/(10+eps)
TEST(DawidSkene, OneEmStepMatchesTheHandComputedPosteriors) {
  AggregationSettings settings;
  settings.max_iterations = 1;
  const Aggregation result = make_aggregator("ds")->fit(three_annotators_four_items(), settings);
  EXPECT_EQ(result.iterations, 1);
  EXPECT_FALSE(result.converged);
  EXPECT_NEAR(result.posteriors.at(1, 0), 5.0 / 6.0, 1e-12);
  EXPECT_NEAR(result.posteriors.at(3, 1), 5.0 / 6.0, 1e-12);
  EXPECT_NEAR(result.posteriors.at(0, 1), kFloor / (10.0 + kFloor), 1e-20);
  EXPECT_NEAR(result.posteriors.at(2, 0), kFloor / (10.0 + kFloor), 1e-20);
}

// The M-step after that E-step (delta = eps/(10+eps) ~ 1e-11): the prior is
// (1 - delta + 5/6 + delta + 1/6) / 4 = 1/2, and annotator a1's table is
//   y=0: (1 - delta + 5/6, delta + 1/6),  y=1: (delta + 1/6, 1 - delta + 5/6),  columns sum to 2,
// so e_a1[0|0] = e_a1[1|1] = 11/12 - delta/2 and its P(correct) = sum_c p_c e[c|c] = 11/12 - delta/2.
TEST(DawidSkene, OneEmStepMatchesTheHandComputedConfusions) {
  AggregationSettings settings;
  settings.max_iterations = 1;
  const Aggregation result = make_aggregator("ds")->fit(three_annotators_four_items(), settings);
  const double delta = kFloor / (10.0 + kFloor);
  const auto confusion = [&](std::size_t m, std::size_t y, std::size_t c) { return result.annotator_confusion[(m * 2 + y) * 2 + c]; };
  ASSERT_EQ(result.annotator_confusion.size(), 3u * 2u * 2u);
  EXPECT_NEAR(confusion(1, 0, 0), 11.0 / 12.0 - delta / 2, 1e-12);
  EXPECT_NEAR(confusion(1, 1, 0), 1.0 / 12.0 + delta / 2, 1e-12);
  EXPECT_NEAR(confusion(1, 1, 1), 11.0 / 12.0 - delta / 2, 1e-12);
  EXPECT_NEAR(result.annotator_skill[1], 11.0 / 12.0 - delta / 2, 1e-12);
  // a2 said 0 only on item 0, whose q1 = delta < eps is floored to eps; its 1s carry
  // q1 = 1/6 + (1 - delta) + 5/6 = 2 - delta, so e_a2[0|1] / e_a2[1|1] = eps / (2 - delta).
  EXPECT_NEAR(confusion(2, 0, 1) / confusion(2, 1, 1) / (kFloor / (2.0 - delta)), 1.0, 1e-9);
}

// A label an annotator never gave has no entry: its column sums to 1 over the labels it gave.
TEST(DawidSkene, ConfusionColumnsSumToOneOverTheLabelsGiven) {
  const SparseAnnotations labels = labels_of(3, 2, 3, {{0, 0, 0}, {1, 0, 1}, {0, 1, 0}, {1, 1, 1}, {2, 1, 2}});
  const Aggregation result = make_aggregator("ds")->fit(labels, {});
  for (std::size_t m = 0; m < 2; ++m)
    for (std::size_t c = 0; c < 3; ++c) {
      double total = 0.0;
      for (std::size_t y = 0; y < 3; ++y) total += result.annotator_confusion[(m * 3 + y) * 3 + c];
      EXPECT_NEAR(total, 1.0, 1e-12);
    }
  EXPECT_EQ(result.annotator_confusion[(0 * 3 + 2) * 3 + 0], 0.0);  // a0 never said 2
}

// Dawid-Skene recovers known confusion matrices from 10^5 simulated labels: 20,000 items, each
// labelled by all five annotators, three classes drawn with prior (0.4, 0.3, 0.3). Each column
// e_m[., c] is estimated from about 20,000 p_c >= 6,000 labels, so an entry's binomial standard
// error is at most sqrt(0.25 / 6000) = 0.0065; five fair annotators make the posteriors nearly
// certain, so the estimate is close to that empirical share. 0.02 per entry is 3 standard errors.
TEST(DawidSkene, RecoversKnownConfusionMatricesFromSimulatedLabels) {
  const std::size_t items = 20000, annotators = 5, classes = 3;
  // true_confusion[m][c][y] = P(m says y | true c)
  const double true_confusion[5][3][3] = {
      {{0.9, 0.05, 0.05}, {0.1, 0.8, 0.1}, {0.1, 0.1, 0.8}},
      {{0.7, 0.2, 0.1}, {0.2, 0.7, 0.1}, {0.05, 0.05, 0.9}},
      {{0.8, 0.1, 0.1}, {0.3, 0.6, 0.1}, {0.2, 0.2, 0.6}},
      {{0.6, 0.3, 0.1}, {0.1, 0.85, 0.05}, {0.1, 0.3, 0.6}},
      {{0.95, 0.0, 0.05}, {0.0, 0.9, 0.1}, {0.25, 0.05, 0.7}}};
  std::mt19937_64 rng(12);
  std::discrete_distribution<int> prior({0.4, 0.3, 0.3});
  SparseAnnotations labels;
  labels.num_items = items;
  labels.num_annotators = annotators;
  labels.num_classes = static_cast<int>(classes);
  for (std::size_t n = 0; n < items; ++n) {
    const int truth = prior(rng);
    for (std::size_t m = 0; m < annotators; ++m) {
      const double* row = true_confusion[m][truth];
      std::discrete_distribution<int> say({row[0], row[1], row[2]});
      labels.add(n, m, say(rng));
    }
  }
  ASSERT_EQ(labels.num_labels(), 100000u);
  const Aggregation result = make_aggregator("ds")->fit(labels, {});
  for (std::size_t m = 0; m < annotators; ++m)
    for (std::size_t c = 0; c < classes; ++c)
      for (std::size_t y = 0; y < classes; ++y)
        EXPECT_NEAR(result.annotator_confusion[(m * classes + y) * classes + c], true_confusion[m][c][y], 0.02)
            << "annotator " << m << ", true " << c << ", said " << y;
}

}  // namespace
}  // namespace annotbench
