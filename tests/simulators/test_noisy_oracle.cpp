// DARL spec §8, tests 5–7 and 10–11: the oracles' error rates and structure, and the expected change in
// wrong labels per re-label (§4), by simulation within stated binomial tolerances.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "datasets/random.h"
#include "methods/acquisition/labelled_set.h"
#include "simulators/noisy_oracle.h"

namespace annotbench {
namespace {

// Half-width of a 99.9 % normal interval for a proportion p over n draws (z = 3.29).
double interval(double p, double n) { return 3.2905 * std::sqrt(p * (1.0 - p) / n); }

OraclePool uniform_pool(std::size_t items, int classes) {
  OraclePool pool;
  pool.num_classes = classes;
  for (std::size_t i = 0; i < items; ++i) pool.true_labels.push_back(static_cast<int>(i % static_cast<std::size_t>(classes)));
  return pool;
}

TEST(NoisyOracle, SymmetricWrongRateAndUniformWrongClasses) {
  const int classes = 5;
  const double rate = 0.3;
  const OraclePool pool = uniform_pool(1000, classes);
  const auto oracle = make_oracle({"symmetric", rate, 0.5, 10, 11}, pool);
  const std::size_t queries = 100000;
  std::size_t wrong = 0;
  std::vector<double> offset_counts(classes - 1, 0.0);  // wrong class − truth (mod C) − 1
  for (std::size_t q = 0; q < queries; ++q) {
    const std::size_t item = q % 1000;
    const int label = oracle->answer(item, q, {}).label;
    if (label == pool.true_labels[item]) continue;
    ++wrong;
    offset_counts[static_cast<std::size_t>((label - pool.true_labels[item] + classes) % classes - 1)] += 1.0;
  }
  EXPECT_NEAR(static_cast<double>(wrong) / queries, rate, interval(rate, queries));
  // χ² of the wrong classes against uniform over the C − 1 others; 3 degrees of freedom, 99.9 %: 16.27.
  double chi_square = 0.0;
  const double expected = static_cast<double>(wrong) / (classes - 1);
  for (const double count : offset_counts) chi_square += (count - expected) * (count - expected) / expected;
  EXPECT_LT(chi_square, 16.27);
}

TEST(NoisyOracle, RepeatedQueriesOfOneItemAreIndependent) {
  // Two queries of one item agree with probability (1 − ε)² + ε²/(C − 1) (spec §8, test 5).
  const int classes = 5;
  const double rate = 0.3;
  const OraclePool pool = uniform_pool(50000, classes);
  const auto oracle = make_oracle({"symmetric", rate, 0.5, 10, 3}, pool);
  std::size_t agree = 0;
  for (std::size_t item = 0; item < 50000; ++item) {
    const OracleAnswer first = oracle->answer(item, 2 * item, {});
    const OracleAnswer second = oracle->answer(item, 2 * item + 1, {first});
    agree += first.label == second.label;
  }
  const double expected = lag_one_agreement(rate, classes);
  EXPECT_NEAR(expected, 0.49 + 0.09 / 4, 1e-12);
  EXPECT_NEAR(static_cast<double>(agree) / 50000.0, expected, interval(expected, 50000.0));
}

TEST(NoisyOracle, CleanIsAlwaysRightAndPairFlipAlwaysFlipsToTheNextClass) {
  const OraclePool pool = uniform_pool(200, 4);
  const auto clean = make_oracle({"clean", 0.4, 0.5, 10, 1}, pool);
  const auto pair_flip = make_oracle({"pair-flip", 0.4, 0.5, 10, 1}, pool);
  std::size_t flips = 0;
  for (std::size_t q = 0; q < 20000; ++q) {
    const std::size_t item = q % 200;
    EXPECT_EQ(clean->answer(item, q, {}).label, pool.true_labels[item]);
    const int label = pair_flip->answer(item, q, {}).label;
    if (label != pool.true_labels[item]) {
      ++flips;
      EXPECT_EQ(label, (pool.true_labels[item] + 1) % 4);
    }
  }
  EXPECT_NEAR(flips / 20000.0, 0.4, interval(0.4, 20000.0));
}

TEST(NoisyOracle, StickyRepeatsAWrongLabelWithChanceKappa) {
  const OraclePool pool = uniform_pool(10, 6);
  const auto always = make_oracle({"sticky", 0.3, 1.0, 10, 5}, pool);
  const auto half = make_oracle({"sticky", 0.3, 0.5, 10, 5}, pool);
  const OracleAnswer wrong{(pool.true_labels[3] + 2) % 6, 0};
  std::size_t repeated = 0;
  for (std::size_t q = 0; q < 20000; ++q) {
    EXPECT_EQ(always->answer(3, q, {wrong}).label, wrong.label);
    repeated += half->answer(3, q, {wrong}).label == wrong.label;
  }
  // κ plus the fresh answer's own chance to be that wrong class: 0.5 + 0.5 · 0.3 / 5.
  const double expected = 0.5 + 0.5 * 0.3 / 5.0;
  EXPECT_NEAR(repeated / 20000.0, expected, interval(expected, 20000.0));
}

TEST(NoisyOracle, InstanceDependentRatesHaveMeanEpsilonAndGrowWithDifficulty) {
  // Difficulties chosen so that ε · d / mean d exceeds the cap for the hardest items: the re-normalised
  // rates must still average ε exactly, and never fall as difficulty grows (Spearman ρ > 0, here = 1).
  std::vector<double> difficulty;
  for (int i = 0; i < 1000; ++i) difficulty.push_back(i < 950 ? 0.01 * (i % 50) : 0.99);
  const std::vector<double> rates = instance_error_rates(difficulty, 0.4);
  EXPECT_NEAR(std::accumulate(rates.begin(), rates.end(), 0.0) / 1000.0, 0.4, 1e-9);
  EXPECT_DOUBLE_EQ(*std::max_element(rates.begin(), rates.end()), 0.95);
  std::vector<std::size_t> order(1000);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return difficulty[a] < difficulty[b]; });
  for (std::size_t k = 1; k < order.size(); ++k) EXPECT_LE(rates[order[k - 1]], rates[order[k]] + 1e-12);
  EXPECT_LT(rates[order.front()], rates[order.back()]);
}

TEST(NoisyOracle, InstanceDependentOracleErrsAtItsRatesTowardsPlausibleClasses) {
  OraclePool pool;
  pool.num_classes = 3;
  pool.reference_proba = FeatureMatrix(2, 3);
  pool.true_labels = {0, 0};
  // Item 0 is easy (p_ref(t) = 0.9), item 1 hard (0.3) and confused only with class 2.
  const float table[] = {0.9f, 0.05f, 0.05f, 0.3f, 0.0f, 0.7f};
  std::copy(table, table + 6, pool.reference_proba.values.begin());
  const auto oracle = make_oracle({"instance-dependent", 0.2, 0.5, 10, 9}, pool);
  // d = (0.1, 0.7), mean 0.4: ε_i = 0.2 · d / 0.4 = (0.05, 0.35).
  // The reference table is float32: its 0.9 and 0.3 carry ~1e-8 of rounding.
  EXPECT_NEAR(oracle->error_rate(0), 0.05, 1e-7);
  EXPECT_NEAR(oracle->error_rate(1), 0.35, 1e-7);
  std::size_t wrong = 0;
  for (std::size_t q = 0; q < 20000; ++q) {
    const int label = oracle->answer(1, q, {}).label;
    if (label == 0) continue;
    ++wrong;
    EXPECT_EQ(label, 2);
  }
  EXPECT_NEAR(wrong / 20000.0, 0.35, interval(0.35, 20000.0));
}

TEST(NoisyOracle, CrowdSendsARelabelToSomeoneWhoHasNotLabelledTheItem) {
  const OraclePool pool = uniform_pool(100, 4);
  const auto oracle = make_oracle({"crowd", 0.275, 0.5, 10, 2}, pool);
  std::uint64_t query = 0;
  for (std::size_t item = 0; item < 100; ++item) {
    std::vector<OracleAnswer> earlier;
    for (int k = 0; k < 12; ++k) {
      const OracleAnswer answer = oracle->answer(item, query++, earlier);
      const bool repeated = std::any_of(earlier.begin(), earlier.end(),
                                        [&](const OracleAnswer& a) { return a.annotator == answer.annotator; });
      // Only the 11th and 12th queries may go to someone who answered before: all 10 have then.
      EXPECT_EQ(repeated, k >= 10) << "item " << item << " query " << k;
      earlier.push_back(answer);
    }
  }
}

TEST(NoisyOracle, UnknownKindsAndRatesAreRefused) {
  const OraclePool pool = uniform_pool(10, 3);
  EXPECT_THROW(make_oracle({"nosuch", 0.2, 0.5, 10, 0}, pool), std::invalid_argument);
  EXPECT_THROW(make_oracle({"symmetric", 1.0, 0.5, 10, 0}, pool), std::invalid_argument);
}

// §4: a re-label pick is wrong with probability q; the oracle errs with ε, independently per query.
// replace: the expected change in wrong labels per re-label is ε − q. vote (one earlier label, a coin
// tie-break, s = ½): −[q(1 − ε)s − (1 − q)ε(1 − s)] = −(q − ε)/2.
double mean_change_per_relabel(RelabelPolicy policy, double rate, double precision, std::size_t draws, double* sd) {
  const int classes = 5;
  const OraclePool pool = uniform_pool(draws, classes);
  const auto oracle = make_oracle({"symmetric", rate, 0.5, 10, 21}, pool);
  LabelledSet labelled(draws, classes);
  Rng rng(derive_seed(4, "detector"));
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  double total = 0.0, squares = 0.0;
  for (std::size_t item = 0; item < draws; ++item) {
    const int truth = pool.true_labels[item];
    const bool pick_wrong = unit(rng) < precision;  // the synthetic detector
    const int first = pick_wrong ? (truth + 1 + static_cast<int>(rng() % (classes - 1))) % classes : truth;
    labelled.add(item, first);
    const int before = labelled.current_label(item) != truth;
    labelled.relabel(item, oracle->answer(item, item, {}).label, policy,
                     [&](const std::vector<int>& tied) { return tied[rng() % tied.size()]; });
    const double change = (labelled.current_label(item) != truth) - before;
    total += change;
    squares += change * change;
  }
  const double mean = total / static_cast<double>(draws);
  *sd = std::sqrt(squares / static_cast<double>(draws) - mean * mean);
  return mean;
}

TEST(RelabelIdentity, ReplaceChangesWrongLabelsByEpsilonMinusPrecision) {
  const double rate = 0.3, precision = 0.7;
  const std::size_t draws = 100000;
  double sd = 0.0;
  const double mean = mean_change_per_relabel(RelabelPolicy::replace, rate, precision, draws, &sd);
  EXPECT_NEAR(mean, rate - precision, 3.2905 * sd / std::sqrt(static_cast<double>(draws)));
}

TEST(RelabelIdentity, VoteWithACoinTieBreakHalvesIt) {
  const double rate = 0.3, precision = 0.7, s = 0.5;
  const std::size_t draws = 100000;
  double sd = 0.0;
  const double mean = mean_change_per_relabel(RelabelPolicy::vote, rate, precision, draws, &sd);
  const double expected = -(precision * (1.0 - rate) * s - (1.0 - precision) * rate * (1.0 - s));
  EXPECT_NEAR(expected, -(precision - rate) / 2.0, 1e-12);
  EXPECT_NEAR(mean, expected, 3.2905 * sd / std::sqrt(static_cast<double>(draws)));
}

TEST(RelabelIdentity, CleanOracleRelabelsConfirmAndNeverChangeALabel) {
  const OraclePool pool = uniform_pool(500, 4);
  const auto oracle = make_oracle({"clean", 0.0, 0.5, 10, 1}, pool);
  LabelledSet labelled(500, 4);
  for (std::size_t item = 0; item < 500; ++item) labelled.add(item, oracle->answer(item, item, {}).label);
  for (std::size_t item = 0; item < 500; ++item) {
    labelled.relabel(item, oracle->answer(item, 500 + item, {}).label, RelabelPolicy::replace, {});
    EXPECT_EQ(labelled.current_label(item), pool.true_labels[item]);
    EXPECT_TRUE(labelled.confirmed(item));
    EXPECT_FALSE(labelled.eligible(item, 2));
  }
  EXPECT_EQ(labelled.wrong_count(pool.true_labels), 0u);
}

}  // namespace
}  // namespace annotbench
