// Statistics across data sets, checked against Demšar (JMLR 2006) and textbook values computed here.

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "reports/comparison.h"
#include "reports/descriptive.h"
#include "reports/friedman.h"
#include "reports/multiple_testing.h"
#include "reports/ranking.h"
#include "reports/studentized_range.h"
#include "reports/wilcoxon.h"

namespace annotbench {
namespace {

// Demšar 2006, Table 6: AUC of C4.5, C4.5+m, C4.5+cf, C4.5+m+cf on 14 UCI data sets, with the ranks
// printed in parentheses. The paper prints 0.975 for both C4.5+cf and C4.5+m+cf on "voting" but ranks
// them 2 and 3 (section 3.2.2 lists only iris, lung cancer, mushroom and primary tumor as ties), so the
// unrounded AUCs differed: we keep that order with 0.9752 / 0.9748, both of which round to 0.975.
ScoreTable demsar_table6() {
  ScoreTable table;
  table.methods = {"C4.5", "C4.5+m", "C4.5+cf", "C4.5+m+cf"};
  table.datasets = {"adult (sample)", "breast cancer", "breast cancer wisconsin", "cmc", "ionosphere", "iris",
                    "liver disorders", "lung cancer", "lymphography", "mushroom", "primary tumor", "rheum",
                    "voting", "wine"};
  table.scores = {{0.763, 0.768, 0.771, 0.798}, {0.599, 0.591, 0.590, 0.569}, {0.954, 0.971, 0.968, 0.967},
                  {0.628, 0.661, 0.654, 0.657}, {0.882, 0.888, 0.886, 0.898}, {0.936, 0.931, 0.916, 0.931},
                  {0.661, 0.668, 0.609, 0.685}, {0.583, 0.583, 0.563, 0.625}, {0.775, 0.838, 0.866, 0.875},
                  {1.000, 1.000, 1.000, 1.000}, {0.940, 0.962, 0.965, 0.962}, {0.619, 0.666, 0.614, 0.669},
                  {0.972, 0.981, 0.9752, 0.9748}, {0.957, 0.978, 0.946, 0.970}};
  return table;
}

// The parenthesised ranks of Table 6, row by row.
const std::vector<std::vector<double>> kDemsarTable6Ranks = {
    {4, 3, 2, 1}, {1, 2, 3, 4}, {4, 1, 2, 3}, {4, 1, 3, 2}, {4, 2, 3, 1}, {1, 2.5, 4, 2.5}, {3, 2, 4, 1},
    {2.5, 2.5, 4, 1}, {4, 3, 2, 1}, {2.5, 2.5, 2.5, 2.5}, {4, 2.5, 1, 2.5}, {3, 2, 4, 1}, {4, 1, 2, 3}, {3, 1, 4, 2}};

TEST(RankingTest, TiesShareTheAverageRank) {
  // Higher is better: the two 0.9s share ranks 1 and 2 → 1.5; 0.8 is 3rd; 0.7 is 4th.
  const std::vector<double> higher = rank_scores({0.9, 0.8, 0.9, 0.7}, false);
  EXPECT_EQ(higher, (std::vector<double>{1.5, 3.0, 1.5, 4.0}));
  // Lower is better: 0.7 is best, 0.8 second, the 0.9s share ranks 3 and 4 → 3.5.
  const std::vector<double> lower = rank_scores({0.9, 0.8, 0.9, 0.7}, true);
  EXPECT_EQ(lower, (std::vector<double>{3.5, 2.0, 3.5, 1.0}));
  // All tied: everyone gets (k+1)/2; a three-way tie for first gets (1+2+3)/3 = 2.
  EXPECT_EQ(rank_scores({0.5, 0.5, 0.5, 0.5, 0.5}, false), (std::vector<double>(5, 3.0)));
  EXPECT_EQ(rank_scores({1.0, 1.0, 1.0, 0.2}, false), (std::vector<double>{2.0, 2.0, 2.0, 4.0}));
}

TEST(DemsarExampleTest, RanksOfTable6MatchThePaper) {
  const std::vector<std::vector<double>> ranks = rank_table(demsar_table6());
  ASSERT_EQ(ranks.size(), kDemsarTable6Ranks.size());
  for (std::size_t d = 0; d < ranks.size(); ++d) EXPECT_EQ(ranks[d], kDemsarTable6Ranks[d]) << "row " << d;
}

TEST(DemsarExampleTest, MeanRanksFriedmanImanDavenportAndCriticalDifference) {
  const MethodComparison comparison = compare_methods(demsar_table6(), "C4.5", 0.05);
  // Section 3.2.4: average ranks 3.143, 2.000, 2.893, 1.964.
  const std::vector<double> paper_mean_ranks = {3.143, 2.000, 2.893, 1.964};
  for (std::size_t m = 0; m < 4; ++m) EXPECT_NEAR(comparison.mean_ranks[m], paper_mean_ranks[m], 5e-4);
  // χ²_F = 12·14/(4·5) [Σ R_j² − 4·5²/4] = 9.28 and F_F = 13·9.28 / (14·3 − 9.28) = 3.69.
  EXPECT_NEAR(comparison.friedman.chi_square, 9.28, 5e-3);
  EXPECT_NEAR(comparison.friedman.iman_davenport_f, 3.69, 5e-3);
  EXPECT_EQ(comparison.friedman.df_numerator, 3.0);
  EXPECT_EQ(comparison.friedman.df_denominator, 39.0);
  // χ² with 3 df has the closed-form survival function erfc(sqrt(x/2)) + sqrt(2x/π) e^{−x/2}.
  const double x = comparison.friedman.chi_square;
  EXPECT_NEAR(comparison.friedman.chi_square_p, std::erfc(std::sqrt(x / 2)) + std::sqrt(2 * x / M_PI) * std::exp(-x / 2), 1e-10);
  // "The critical value of F(3, 39) for α = 0.05 is 2.85, so we reject the null-hypothesis."
  EXPECT_LT(comparison.friedman.iman_davenport_p, 0.05);

  // CD = 2.569 sqrt(4·5/(6·14)) = 1.25 at α = 0.05 and 2.291 sqrt(4·5/(6·14)) = 1.12 at α = 0.10.
  ASSERT_GE(comparison.nemenyi.size(), 2u);
  EXPECT_EQ(comparison.nemenyi[0].alpha, 0.05);
  EXPECT_NEAR(comparison.nemenyi[0].critical_difference, 1.25, 5e-3);
  EXPECT_NEAR(comparison.nemenyi[1].critical_difference, 1.12, 5e-3);
  // At 0.05 "the post-hoc test is not powerful enough to detect any significant differences": one group.
  ASSERT_EQ(comparison.nemenyi[0].groups.size(), 1u);
  EXPECT_EQ(comparison.nemenyi[0].groups[0].size(), 4u);
  // At 0.10 (Figure 1(a)): C4.5 is worse than C4.5+m and C4.5+m+cf; C4.5+cf belongs to both groups.
  const std::vector<std::vector<std::size_t>> expected_groups = {{3, 1, 2}, {2, 0}};
  EXPECT_EQ(comparison.nemenyi[1].groups, expected_groups);
}

TEST(FriedmanTest, FDistributionCriticalValueQuotedByDemsar) {
  // Mean ranks (2.5 + a, 2.5 − a, 2.5, 2.5) give χ²_F = 12·14/20 · 2a² = 16.8 a². Pick a so that
  // F_F = 13 χ² / (42 − χ²) equals 2.85, the F(3, 39) critical value at α = 0.05: χ² = 42·2.85/(13 + 2.85).
  const double chi_square = 42.0 * 2.85 / (13.0 + 2.85);
  const double a = std::sqrt(chi_square / 16.8);
  const FriedmanResult result = friedman_test({2.5 + a, 2.5 - a, 2.5, 2.5}, 14);
  EXPECT_NEAR(result.iman_davenport_f, 2.85, 1e-9);
  EXPECT_NEAR(result.iman_davenport_p, 0.05, 2e-3);  // the table's value is rounded to 2.85
}

TEST(FriedmanTest, IdenticalRankingsAndNoDifference) {
  // Every data set ranks the methods 1..3 the same way: χ²_F = N(k−1) and F_F is unbounded.
  const FriedmanResult perfect = friedman_test({1.0, 2.0, 3.0}, 5);
  EXPECT_NEAR(perfect.chi_square, 10.0, 1e-12);
  EXPECT_TRUE(std::isinf(perfect.iman_davenport_f));
  EXPECT_EQ(perfect.iman_davenport_p, 0.0);
  const FriedmanResult none = friedman_test({2.0, 2.0, 2.0}, 5);
  EXPECT_NEAR(none.chi_square, 0.0, 1e-12);
  EXPECT_NEAR(none.chi_square_p, 1.0, 1e-12);
  EXPECT_NEAR(none.iman_davenport_p, 1.0, 1e-12);
}

TEST(StudentizedRangeTest, NemenyiCriticalValuesOfDemsarTable5a) {
  const std::vector<double> q005 = {1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164};
  for (std::size_t k = 2; k <= 10; ++k) EXPECT_NEAR(nemenyi_q(k, 0.05), q005[k - 2], 1e-3) << "k = " << k;
  const std::vector<double> q010 = {1.645, 2.052, 2.291};
  for (std::size_t k = 2; k <= 4; ++k) EXPECT_NEAR(nemenyi_q(k, 0.10), q010[k - 2], 1e-3) << "k = " << k;
}

TEST(StudentizedRangeTest, TwoSamplesHaveAClosedForm) {
  // The range of two standard normals is |X1 − X2| = √2 |Z|: P(R ≤ q) = 2Φ(q/√2) − 1 = erf(q/2).
  for (double q : {0.3, 1.0, 2.0, 2.77, 4.5}) EXPECT_NEAR(studentized_range_cdf(q, 2), std::erf(q / 2.0), 1e-10);
  // The quantile inverts the CDF.
  EXPECT_NEAR(studentized_range_cdf(nemenyi_q(7, 0.05) * std::sqrt(2.0), 7), 0.95, 1e-9);
  // Larger families have larger ranges: the quantile grows with k.
  EXPECT_LT(nemenyi_q(20, 0.05), nemenyi_q(30, 0.05));
}

TEST(WilcoxonTest, DemsarTable2ComparisonOfC45AndC45m) {
  // Table 2: differences C4.5+m − C4.5; two zeros (lung cancer, mushroom) share ranks 1 and 2.
  const ScoreTable table = demsar_table6();
  std::vector<double> differences;
  for (const auto& row : table.scores) differences.push_back(row[1] - row[0]);
  const WilcoxonResult result = wilcoxon_signed_rank(differences);
  // "R+ = 3.5 + 9 + 12 + 5 + 6 + 14 + 11 + 13 + 8 + 10 + 1.5 = 93 and R− = 7 + 3.5 + 1.5 = 12."
  EXPECT_DOUBLE_EQ(result.rank_sum_positive, 93.0);
  EXPECT_DOUBLE_EQ(result.rank_sum_negative, 12.0);
  EXPECT_DOUBLE_EQ(result.statistic, 12.0);
  EXPECT_EQ(result.pair_count, 14u);
  EXPECT_TRUE(result.exact);
  // T = 12 is below the critical value 21 for N = 14 at α = 0.05: rejected.
  EXPECT_LT(result.p_value, 0.05);
}

TEST(WilcoxonTest, ExactPValuesOfSmallHandExamples) {
  // Ranks 1..5 all positive: only the all-positive and all-negative of 2^5 patterns are as extreme.
  const WilcoxonResult all_positive = wilcoxon_signed_rank({0.1, 0.2, 0.3, 0.4, 0.5});
  EXPECT_DOUBLE_EQ(all_positive.statistic, 0.0);
  EXPECT_DOUBLE_EQ(all_positive.p_value, 2.0 / 32.0);
  // Ranks 1..5 positive, 6 negative: T = R− = 6. Subsets of {1..6} with sum ≤ 6: {}, six singletons,
  // {1,2} {1,3} {1,4} {1,5} {2,3} {2,4}, {1,2,3} = 14, so p = 2 · 14 / 64.
  const WilcoxonResult one_negative = wilcoxon_signed_rank({1, 2, 3, 4, 5, -6});
  EXPECT_DOUBLE_EQ(one_negative.rank_sum_positive, 15.0);
  EXPECT_DOUBLE_EQ(one_negative.rank_sum_negative, 6.0);
  EXPECT_DOUBLE_EQ(one_negative.p_value, 28.0 / 64.0);
  // A single zero is dropped (Demšar: "if there is an odd number of them, one is ignored").
  const WilcoxonResult with_zero = wilcoxon_signed_rank({0.0, 1, 2, 3, 4, 5, -6});
  EXPECT_EQ(with_zero.pair_count, 6u);
  EXPECT_DOUBLE_EQ(with_zero.p_value, 28.0 / 64.0);
  // All differences zero: no evidence at all.
  EXPECT_DOUBLE_EQ(wilcoxon_signed_rank({0.0, 0.0, 0.0, 0.0}).p_value, 1.0);
}

// Differences with ranks 1..n whose negative ranks sum to exactly `t` (greedy from the largest rank).
std::vector<double> differences_with_statistic(int n, int t) {
  std::vector<double> differences;
  for (int rank = 1; rank <= n; ++rank) differences.push_back(rank);
  for (int rank = n; rank >= 1 && t > 0; --rank)
    if (rank <= t) {
      differences[static_cast<std::size_t>(rank - 1)] = -rank;
      t -= rank;
    }
  return differences;
}

TEST(WilcoxonTest, ExactTestMatchesTextbookCriticalValues) {
  // Two-sided α = 0.05 critical values of T (reject when T ≤ value): N = 10 → 8, 14 → 21, 20 → 52, 25 → 89.
  for (const auto& [n, critical] : std::vector<std::pair<int, int>>{{10, 8}, {14, 21}, {20, 52}, {25, 89}}) {
    const WilcoxonResult at = wilcoxon_signed_rank(differences_with_statistic(n, critical));
    const WilcoxonResult above = wilcoxon_signed_rank(differences_with_statistic(n, critical + 1));
    EXPECT_DOUBLE_EQ(at.statistic, critical);
    EXPECT_TRUE(at.exact);
    EXPECT_LE(at.p_value, 0.05) << "N = " << n;
    EXPECT_GT(above.p_value, 0.05) << "N = " << n;
  }
}

TEST(WilcoxonTest, NormalApproximationForLargeN) {
  // N = 30 > 25, no ties: z = (R+ − N(N+1)/4) / sqrt(N(N+1)(2N+1)/24) with R+ = 465 − (1+...+10) = 410.
  std::vector<double> differences;
  for (int i = 1; i <= 30; ++i) differences.push_back(i <= 10 ? -i : i);
  const WilcoxonResult result = wilcoxon_signed_rank(differences);
  EXPECT_FALSE(result.exact);
  EXPECT_DOUBLE_EQ(result.rank_sum_positive, 410.0);
  const double z = (410.0 - 30.0 * 31.0 / 4.0) / std::sqrt(30.0 * 31.0 * 61.0 / 24.0);
  EXPECT_NEAR(result.z, z, 1e-12);
  EXPECT_NEAR(result.p_value, std::erfc(z / std::sqrt(2.0)), 1e-12);
}

TEST(WilcoxonTest, NormalApproximationCorrectsForTies) {
  // 30 magnitudes in 15 tied pairs (1,1,2,2,...,15,15): pair j has the average rank 2j − 0.5. One member of
  // each of the pairs 1..5 is negative: R− = Σ_{j≤5} (2j − 0.5) = 27.5, R+ = 465 − 27.5.
  // Tie-corrected variance: N(N+1)(2N+1)/24 − Σ(t³ − t)/48 with fifteen ties of t = 2.
  std::vector<double> differences;
  for (int i = 1; i <= 30; ++i) {
    const int magnitude = (i + 1) / 2;
    differences.push_back(i % 2 == 1 && magnitude <= 5 ? -magnitude : magnitude);
  }
  const WilcoxonResult result = wilcoxon_signed_rank(differences);
  EXPECT_DOUBLE_EQ(result.rank_sum_negative, 27.5);
  const double variance = 30.0 * 31.0 * 61.0 / 24.0 - 15.0 * (8.0 - 2.0) / 48.0;
  const double z = (465.0 - 27.5 - 232.5) / std::sqrt(variance);
  EXPECT_NEAR(result.z, z, 1e-12);
  EXPECT_NEAR(result.p_value, std::erfc(z / std::sqrt(2.0)), 1e-12);
}

TEST(HolmTest, StepDownAdjustmentByHand) {
  // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max with the running max 0.06.
  const std::vector<double> adjusted = holm_adjust({0.01, 0.04, 0.03, 0.005});
  const std::vector<double> expected = {0.03, 0.06, 0.06, 0.02};
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(adjusted[i], expected[i], 1e-15);
  // Demšar 2006, section 3.2.2: p = 0.016, 0.019, 0.607 against α/3, α/2, α — the first two are rejected.
  const std::vector<double> demsar = holm_adjust({0.016, 0.019, 0.607});
  EXPECT_LE(demsar[0], 0.05);
  EXPECT_LE(demsar[1], 0.05);
  EXPECT_GT(demsar[2], 0.05);
  EXPECT_NEAR(demsar[0], 0.048, 1e-12);
  EXPECT_NEAR(demsar[1], 0.048, 1e-12);  // 2 · 0.019 = 0.038, raised to the running maximum 0.048
  EXPECT_NEAR(holm_adjust({0.6, 0.9})[1], 1.0, 0.0);  // capped at 1
}

TEST(BaselineComparisonTest, WinsTiesLossesAndWilcoxonAgainstTheBaseline) {
  const MethodComparison comparison = compare_methods(demsar_table6(), "C4.5", 0.05);
  ASSERT_EQ(comparison.versus_baseline.size(), 3u);
  const BaselineComparison& versus_m = comparison.versus_baseline[0];
  EXPECT_EQ(versus_m.method, 1u);
  // C4.5 beats C4.5+m on breast cancer and iris, ties on lung cancer and mushroom, loses on the other 10.
  EXPECT_EQ(versus_m.baseline_wins, 2u);
  EXPECT_EQ(versus_m.ties, 2u);
  EXPECT_EQ(versus_m.baseline_losses, 10u);
  // R+ counts the baseline's wins: Demšar's R− = 12 seen from the other side.
  EXPECT_NEAR(versus_m.wilcoxon.rank_sum_positive, 12.0, 1e-9);
  EXPECT_NEAR(versus_m.wilcoxon.rank_sum_negative, 93.0, 1e-9);
  EXPECT_GE(versus_m.p_holm, versus_m.wilcoxon.p_value);
}

TEST(BaselineComparisonTest, LowerIsBetterFlipsTheRanking) {
  ScoreTable errors;
  errors.methods = {"a", "b"};
  errors.datasets = {"x", "y", "z"};
  errors.scores = {{0.1, 0.2}, {0.3, 0.4}, {0.5, 0.4}};
  errors.lower_is_better = true;
  const MethodComparison comparison = compare_methods(errors, "a", 0.05);
  EXPECT_NEAR(comparison.mean_ranks[0], (1.0 + 1.0 + 2.0) / 3.0, 1e-12);
  EXPECT_EQ(comparison.versus_baseline[0].baseline_wins, 2u);
  EXPECT_EQ(comparison.versus_baseline[0].baseline_losses, 1u);
}

TEST(BaselineComparisonTest, TooFewDataSetsOrMethodsSkipsTheTests) {
  ScoreTable one_dataset;
  one_dataset.methods = {"a", "b"};
  one_dataset.datasets = {"x"};
  one_dataset.scores = {{0.1, 0.2}};
  EXPECT_FALSE(compare_methods(one_dataset, "", 0.05).across_datasets);
  EXPECT_THROW(require_across_dataset_tests(one_dataset), std::invalid_argument);
  EXPECT_THROW(compare_methods(one_dataset, "nope", 0.05), std::invalid_argument);
}

TEST(WelchTest, OneSidedTestByHand) {
  // first = {3,4,5}: mean 4, variance 1; second = {1,2,3,4,5}: mean 3, variance 2.5.
  // t = 1 / sqrt(1/3 + 2.5/5); df = (1/3 + 1/2)² / ((1/3)²/2 + (1/2)²/4).
  const WelchResult result = welch_t_test_greater({3, 4, 5}, {1, 2, 3, 4, 5});
  ASSERT_TRUE(result.tested);
  EXPECT_NEAR(result.t, 1.0 / std::sqrt(1.0 / 3.0 + 0.5), 1e-12);
  const double df = std::pow(1.0 / 3.0 + 0.5, 2) / (1.0 / 9.0 / 2.0 + 0.25 / 4.0);
  EXPECT_NEAR(result.degrees_of_freedom, df, 1e-12);
  // The two one-sided p-values are complements; with t > 0 the "greater" one is below ½.
  const WelchResult reverse = welch_t_test_greater({1, 2, 3, 4, 5}, {3, 4, 5});
  EXPECT_NEAR(result.p_value + reverse.p_value, 1.0, 1e-12);
  EXPECT_LT(result.p_value, 0.5);
  // With one seed there is no variance estimate, hence no test.
  EXPECT_FALSE(welch_t_test_greater({1.0}, {0.5, 0.6}).tested);
  // Sample std with n − 1: {2, 4, 4, 4, 5, 5, 7, 9} has squared deviations summing to 32 → sqrt(32/7).
  EXPECT_NEAR(sample_std({2, 4, 4, 4, 5, 5, 7, 9}), std::sqrt(32.0 / 7.0), 1e-12);
}

}  // namespace
}  // namespace annotbench
