#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "datasets/input_error.h"
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

// Gold item 3 = class 0 on three_annotators_four_items (majority 1/3 : 2/3 for class 1). The
// start clamps it: q = (1, 0), (2/3, 1/3), (0, 1), (1, 0), so the prior is (2/3, 1/3) and the
// first M-step's counts N_m[y][c] are
//   a0: y=0 (items 0, 1, 3) -> (8/3, 1/3);  y=1 (item 2) -> (eps, 1)        columns (8/3 + eps, 4/3)
//   a1: y=0 (items 0, 1)    -> (5/3, 1/3);  y=1 (items 2, 3) -> (1, 1)      columns (8/3, 4/3)
//   a2: y=0 (item 0)        -> (1, eps);    y=1 (items 1, 2, 3) -> (5/3, 4/3)  columns (8/3, 4/3 + eps)
// so e_a0[0|0] = 1, e_a0[0|1] = 1/4; e_a1[0|0] = 5/8, e_a1[0|1] = 1/4; e_a2[1|0] = 5/8,
// e_a2[1|1] = 1 (to 1e-10). Item 1 (labels 0, 0, 1) then has
//   L0 = 2/3 1 5/8 5/8 = 25/96,  L1 = 1/3 1/4 1/4 1 = 1/48 = 2/96  ->  q = (25/27, 2/27),
// where without gold it was (5/6, 1/6): a0 and a1, who said 0 on the gold item, gained weight.
TEST(DawidSkene, GoldIsCertainInTheFirstMStep) {
  AggregationSettings settings;
  settings.max_iterations = 1;
  settings.gold = {kMissingLabel, kMissingLabel, kMissingLabel, 0};
  const Aggregation result = make_aggregator("ds")->fit(three_annotators_four_items(), settings);
  EXPECT_NEAR(result.posteriors.at(1, 0), 25.0 / 27.0, 1e-9);
  EXPECT_EQ(result.posteriors.at(3, 0), 1.0);
  EXPECT_EQ(result.posteriors.at(3, 1), 0.0);
  EXPECT_EQ(result.labels[3], 0);
}

// A colluding majority: five of seven annotators swap classes 0 and 1 (P(says 1 | 0) =
// P(says 0 | 1) = 0.8) and are right on class 2; two are right with 0.8. 600 items, three
// classes uniform, every annotator labels every item (simulate_crowd, seed 1). Dawid-Skene from
// the majority vote settles on the colluders' story (a swapped solution fits the labels as well
// as the true one): 0.300 right on the odd items. With the even items' classes as gold it learns
// the swap and reads the colluders back: 0.990 on the odd items, which are the only ones scored.
std::vector<ConfusionRows> colluding_majority() {
  const ConfusionRows swapped = {{0.1, 0.8, 0.1}, {0.8, 0.1, 0.1}, {0.1, 0.1, 0.8}};
  const ConfusionRows honest = {{0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.1, 0.1, 0.8}};
  return {swapped, swapped, swapped, swapped, swapped, honest, honest};
}

TEST(DawidSkene, GoldOnHalfTheItemsDefeatsAColludingMajority) {
  const SimulatedCrowd crowd = simulate_crowd(600, colluding_majority(), {1.0 / 3, 1.0 / 3, 1.0 / 3}, 0, 1);
  AggregationSettings with_gold;
  with_gold.gold.assign(600, kMissingLabel);
  std::vector<int> truth_of_the_rest = crowd.truth;  // the score sees no gold item
  for (std::size_t n = 0; n < 600; n += 2) {
    with_gold.gold[n] = crowd.truth[n];
    truth_of_the_rest[n] = kMissingLabel;
  }
  std::size_t scored = 0;
  for (std::size_t n = 0; n < 600; ++n) {
    scored += truth_of_the_rest[n] != kMissingLabel;
    if (truth_of_the_rest[n] != kMissingLabel) {
      ASSERT_EQ(with_gold.gold[n], kMissingLabel) << "item " << n;
    }
  }
  ASSERT_EQ(scored, 300u);
  const double without = aggregation_accuracy(make_aggregator("ds")->fit(crowd.labels, {}).labels, truth_of_the_rest);
  const double with = aggregation_accuracy(make_aggregator("ds")->fit(crowd.labels, with_gold).labels, truth_of_the_rest);
  EXPECT_NEAR(without, 0.300, 0.0005);
  EXPECT_NEAR(with, 0.990, 0.0005);
  EXPECT_GE(with, without);
}

// The start replaces the first M-step. Every annotator at 0.9 on the diagonal, and the prior the
// mean majority-vote posterior, (1/2, 1/2): item 1 (labels 0, 0, 1) has L0 = .9 .9 .1 = .081,
// L1 = .1 .1 .9 = .009, so after one E-step q = (0.9, 0.1); from the default start it is (5/6, 1/6).
TEST(DawidSkene, StartsFromTheGivenConfusionMatrices) {
  AggregationSettings settings;
  settings.max_iterations = 1;
  const ConfusionRows sure = {{0.9, 0.1}, {0.1, 0.9}};
  settings.initial_confusion = flat_confusion({sure, sure, sure});
  const Aggregation result = make_aggregator("ds")->fit(three_annotators_four_items(), settings);
  EXPECT_NEAR(result.posteriors.at(1, 0), 0.9, 1e-12);
  EXPECT_NEAR(result.posteriors.at(3, 1), 0.9, 1e-12);
}

// From the true matrices EM starts on the right side of the colluding majority above: 0.985 of
// all 600 items against 0.305 from the majority vote, in 4 iterations as the default start's 4.
// On an ordinary crowd (five annotators of mixed quality, three labels per item, prior (.4, .3,
// .3), 1000 items) the two starts end alike: seeds 1, 2, 3 give .832 / .823 / .830 from the truth,
// .830 / .823 / .826 from the majority vote (iterations 60 / 54 / 4 against 56 / 60 / 7: the
// stopping rule watches the bound's rise, so a better start is not always a shorter run).
TEST(DawidSkene, TheTrueConfusionsAreAtLeastAsGoodAStart) {
  const SimulatedCrowd colluded = simulate_crowd(600, colluding_majority(), {1.0 / 3, 1.0 / 3, 1.0 / 3}, 0, 1);
  AggregationSettings from_truth;
  from_truth.initial_confusion = flat_confusion(colluding_majority());
  const Aggregation default_start = make_aggregator("ds")->fit(colluded.labels, {});
  const Aggregation true_start = make_aggregator("ds")->fit(colluded.labels, from_truth);
  EXPECT_NEAR(aggregation_accuracy(default_start.labels, colluded.truth), 0.305, 0.0005);
  EXPECT_NEAR(aggregation_accuracy(true_start.labels, colluded.truth), 0.985, 0.0005);
  EXPECT_LE(true_start.iterations, default_start.iterations);

  const std::vector<ConfusionRows> ordinary = {{{0.9, 0.05, 0.05}, {0.1, 0.8, 0.1}, {0.1, 0.1, 0.8}},
                                               {{0.7, 0.2, 0.1}, {0.2, 0.7, 0.1}, {0.05, 0.05, 0.9}},
                                               {{0.8, 0.1, 0.1}, {0.3, 0.6, 0.1}, {0.2, 0.2, 0.6}},
                                               {{0.6, 0.3, 0.1}, {0.1, 0.85, 0.05}, {0.1, 0.3, 0.6}},
                                               {{0.5, 0.25, 0.25}, {0.25, 0.5, 0.25}, {0.25, 0.25, 0.5}}};
  from_truth.initial_confusion = flat_confusion(ordinary);
  for (const unsigned seed : {1u, 2u, 3u}) {
    const SimulatedCrowd crowd = simulate_crowd(1000, ordinary, {0.4, 0.3, 0.3}, 3, seed);
    EXPECT_GE(aggregation_accuracy(make_aggregator("ds")->fit(crowd.labels, from_truth).labels, crowd.truth),
              aggregation_accuracy(make_aggregator("ds")->fit(crowd.labels, {}).labels, crowd.truth))
        << "seed " << seed;
  }
}

TEST(DawidSkene, RefusesAConfusionStartOfTheWrongShape) {
  const SparseAnnotations labels = three_annotators_four_items();  // 3 annotators, 2 classes
  const ConfusionRows sure = {{0.9, 0.1}, {0.1, 0.9}};
  AggregationSettings settings;
  settings.initial_confusion = flat_confusion({sure, sure});  // two annotators' worth
  try {
    make_aggregator("ds")->fit(labels, settings);
    ADD_FAILURE() << "a start for 2 annotators was taken for 3";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("expected 3 annotators x 2 x 2 classes = 12"), std::string::npos)
        << error.what();
  }
  const ConfusionRows leaky = {{0.9, 0.2}, {0.1, 0.9}};  // P(. | true 0) sums to 1.1
  settings.initial_confusion = flat_confusion({sure, leaky, sure});
  try {
    make_aggregator("ds")->fit(labels, settings);
    ADD_FAILURE() << "a column summing to 1.1 was taken";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("annotator 1, true class 0"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace annotbench
