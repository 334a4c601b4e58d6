// The random draws the simulators rest on: textbook moments and the guarantees of systematic sampling.

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "simulators/sampling.h"

namespace annotbench {
namespace {

TEST(SimulatorsSampling, BetaMomentsMatchTheTextbook) {
  // Beta(a, b): mean a / (a + b), variance ab / ((a + b)^2 (a + b + 1)).
  for (const auto& [a, b] : std::vector<std::pair<double, double>>{{1.0, 3.0}, {0.3, 1.2}, {2.5, 0.7}}) {
    Rng rng(11);
    const int draws = 200000;
    double sum = 0.0, sum_squares = 0.0;
    for (int k = 0; k < draws; ++k) {
      const double x = beta_variate(rng, a, b);
      ASSERT_GE(x, 0.0);
      ASSERT_LE(x, 1.0);
      sum += x;
      sum_squares += x * x;
    }
    const double mean = sum / draws;
    const double variance = sum_squares / draws - mean * mean;
    const double expected_mean = a / (a + b);
    const double expected_variance = a * b / ((a + b) * (a + b) * (a + b + 1.0));
    // Standard error of the mean is sqrt(var / n) < 0.0012 here; 5 of them.
    EXPECT_NEAR(mean, expected_mean, 5.0 * std::sqrt(expected_variance / draws)) << a << "," << b;
    EXPECT_NEAR(variance, expected_variance, 0.05 * expected_variance) << a << "," << b;
  }
}

TEST(SimulatorsSampling, SystematicSampleHasExactMarginalsAndCount) {
  const std::vector<double> probabilities = {0.1, 0.9, 0.5, 0.25, 0.25, 1.0, 0.0, 0.33};
  const double expected_count = std::accumulate(probabilities.begin(), probabilities.end(), 0.0);  // 3.33
  std::vector<double> hits(probabilities.size(), 0.0);
  Rng rng(3);
  const int trials = 100000;
  for (int t = 0; t < trials; ++t) {
    const std::vector<bool> chosen = systematic_sample(probabilities, rng);
    const auto count = static_cast<double>(std::count(chosen.begin(), chosen.end(), true));
    ASSERT_TRUE(count == std::floor(expected_count) || count == std::ceil(expected_count)) << count;
    for (std::size_t i = 0; i < chosen.size(); ++i) hits[i] += chosen[i];
  }
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    const double p = probabilities[i];
    // Bernoulli frequency over 1e5 trials: standard error <= 0.0016.
    EXPECT_NEAR(hits[i] / trials, p, 0.007) << "instance " << i;
  }
  EXPECT_EQ(hits[5], trials);  // probability 1: always
  EXPECT_EQ(hits[6], 0.0);     // probability 0: never
}

TEST(SimulatorsSampling, SystematicAssignDealsFloorOrCeilOfEachShare) {
  const std::vector<double> shares = {0.5, 0.0, 0.3, 0.2};
  Rng rng(5);
  for (const std::size_t count : {1u, 7u, 10u, 333u}) {
    std::vector<double> first_item_hits(shares.size(), 0.0);
    for (int t = 0; t < 2000; ++t) {
      const std::vector<int> categories = systematic_assign(count, shares, rng);
      for (std::size_t k = 0; k < shares.size(); ++k) {
        const auto got = static_cast<double>(std::count(categories.begin(), categories.end(), static_cast<int>(k)));
        const double exact = shares[k] * count;
        ASSERT_TRUE(got >= std::floor(exact - 1e-9) && got <= std::ceil(exact + 1e-9))
            << "count " << count << " category " << k << " got " << got;
      }
      first_item_hits[static_cast<std::size_t>(categories[0])] += 1.0;
    }
    // Every single item lands in category k with probability shares[k] (2000 trials: se <= 0.012).
    for (std::size_t k = 0; k < shares.size(); ++k) EXPECT_NEAR(first_item_hits[k] / 2000, shares[k], 0.05);
  }
}

TEST(SimulatorsSampling, ApportionSumsExactlyByLargestRemainders) {
  // 10 * (0.3, 0.2, 0.1, 0.2, 0.2) is whole already.
  EXPECT_EQ(apportion(10, {0.3, 0.2, 0.1, 0.2, 0.2}), (std::vector<std::size_t>{3, 2, 1, 2, 2}));
  // 7 * (1/3, 1/3, 1/3) = 2.33 each: floors 2,2,2, one more to the first of the tied remainders.
  EXPECT_EQ(apportion(7, {1.0, 1.0, 1.0}), (std::vector<std::size_t>{3, 2, 2}));
  // 5 * (0.45, 0.55) = 2.25, 2.75: the larger remainder gets the extra one.
  EXPECT_EQ(apportion(5, {0.45, 0.55}), (std::vector<std::size_t>{2, 3}));
}

TEST(SimulatorsSampling, UniformWrongClassIsUniformOverTheOthers) {
  Rng rng(9);
  const int classes = 5;
  std::vector<double> counts(classes, 0.0);
  for (int t = 0; t < 40000; ++t) counts[static_cast<std::size_t>(uniform_wrong_class(2, classes, rng))] += 1.0;
  EXPECT_EQ(counts[2], 0.0);
  for (const int k : {0, 1, 3, 4}) EXPECT_NEAR(counts[static_cast<std::size_t>(k)] / 40000, 0.25, 0.01);
}

}  // namespace
}  // namespace annotbench
