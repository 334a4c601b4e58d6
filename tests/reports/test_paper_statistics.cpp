// The annot-mix notebook's post-hoc analysis (annot-mix-reference-study.md §5.4) on hand examples.

#include <gtest/gtest.h>

#include <cmath>

#include "reports/paper_statistics.h"
#include "reports/published_results.h"

namespace annotbench {
namespace {

// k = 4 methods, N = 6 data sets, mean ranks 1.5 (control), 2.5, 3.0, 3.0.
// Reference SE = √(4·3/36) = √(1/3); Demšar SE = √(4·5/36) = √(5/9).
TEST(PaperStatistics, RankZTestInBothFormsWithHolm) {
  const std::vector<double> ranks = {1.5, 2.5, 3.0, 3.0};
  const ControlComparison reference = rank_z_test(ranks, 0, 6, RankTestForm::reference, 0.05);
  const ControlComparison demsar = rank_z_test(ranks, 0, 6, RankTestForm::demsar, 0.05);
  EXPECT_NEAR(reference.standard_error, std::sqrt(1.0 / 3.0), 1e-12);
  EXPECT_NEAR(demsar.standard_error, std::sqrt(5.0 / 9.0), 1e-12);
  ASSERT_EQ(reference.rows.size(), 3u);
  // z = 1/√(1/3) = √3 = 1.7320508; p = 2(1 − Φ(√3)) = 0.0832645 (Φ(1.7320508) = 0.9583677).
  EXPECT_NEAR(reference.rows[0].z, std::sqrt(3.0), 1e-12);
  EXPECT_NEAR(reference.rows[0].p, 0.0832645, 1e-6);
  // z = 1.5·√3 = 2.5980762; p = 2(1 − Φ(2.5980762)) = 0.0093748.
  EXPECT_NEAR(reference.rows[1].z, 1.5 * std::sqrt(3.0), 1e-12);
  EXPECT_NEAR(reference.rows[1].p, 0.0093748, 1e-6);
  // Holm over (0.0832645, 0.0093748, 0.0093748): sorted 0.0093748·3, 0.0093748·2 (max with the
  // previous 0.028124), 0.0832645·1 → 0.028124, 0.028124, 0.0832645.
  EXPECT_NEAR(reference.rows[1].p_holm, 3 * 0.0093748, 1e-5);
  EXPECT_NEAR(reference.rows[2].p_holm, 3 * 0.0093748, 1e-5);
  EXPECT_NEAR(reference.rows[0].p_holm, 0.0832645, 1e-6);
  // The notebook's loop: 0.0093748 < 0.05/3 passes, so all three are marked, the first one included.
  for (const ControlComparisonRow& row : reference.rows) EXPECT_TRUE(row.significant);
  // Demšar: z = 1/√(5/9) = 1.3416408, p = 0.1797125; z = 2.0124612, p = 0.0441713 (×3 = 0.1325 > 0.05).
  EXPECT_NEAR(demsar.rows[0].p, 0.1797125, 1e-6);
  EXPECT_NEAR(demsar.rows[1].p, 0.0441713, 1e-6);
  for (const ControlComparisonRow& row : demsar.rows) EXPECT_FALSE(row.significant);
}

// A method ranked better than the control: the notebook's signed p exceeds 1, the textbook's does not.
TEST(PaperStatistics, SignedPValueOfTheNotebook) {
  const ControlComparison reference = rank_z_test({2.0, 1.0}, 0, 4, RankTestForm::reference, 0.05);
  const ControlComparison demsar = rank_z_test({2.0, 1.0}, 0, 4, RankTestForm::demsar, 0.05);
  EXPECT_GT(reference.rows[0].p, 1.0);
  EXPECT_LE(demsar.rows[0].p, 1.0);
  // k = 2, N = 4: reference SE = √(2/24), z = −√12; 2(1 − Φ(z)) = erfc(z/√2) = 1.999468.
  EXPECT_NEAR(reference.rows[0].z, -std::sqrt(12.0), 1e-12);
  EXPECT_NEAR(reference.rows[0].p, 1.999468, 1e-6);
  // Demšar: SE = √(6/24) = 1/2, z = −2, two-sided p = 2(1 − Φ(2)) = 0.0455003.
  EXPECT_NEAR(demsar.rows[0].p, 0.0455003, 1e-6);
}

// The upper bound is left out of the ranks: with it, annot-mix would be second everywhere.
TEST(PaperStatistics, RanksLeaveTheUpperBoundOut) {
  ScoreTable table;
  table.datasets = {"a", "b", "c"};
  table.methods = {"true-base", "annot-mix", "mv-base"};
  table.scores = {{0.9, 0.8, 0.7}, {0.95, 0.85, 0.86}, {0.99, 0.9, 0.5}};
  const PaperStatistics statistics = paper_statistics(table, "annot-mix", {"true-base", "ground-truth"}, 0.05);
  ASSERT_EQ(statistics.ranked.methods, (std::vector<std::string>{"annot-mix", "mv-base"}));
  EXPECT_EQ(statistics.excluded, (std::vector<std::string>{"true-base"}));
  EXPECT_NEAR(statistics.mean_ranks[0], (1 + 2 + 1) / 3.0, 1e-12);
  EXPECT_NEAR(statistics.mean_ranks[1], (2 + 1 + 2) / 3.0, 1e-12);
  EXPECT_TRUE(statistics.tested);
  // Friedman with k = 2, N = 3: χ² = 12N/(k(k+1)) Σ R̄² − 3N(k+1) = 6·(16/9 + 25/9) − 27 = 1/3.
  EXPECT_NEAR(statistics.friedman.chi_square, 1.0 / 3.0, 1e-12);
}

// Ours is the mean over seeds in percent; a published number of a data set we did not run is left out.
TEST(PublishedResults, OursBesideThePapersNumbers) {
  std::vector<ResultRow> rows(3);
  rows[0].dataset = rows[1].dataset = rows[2].dataset = "letter";
  rows[0].method = rows[1].method = "annot-mix";
  rows[2].method = "mv-base";
  rows[0].metrics["test_accuracy"] = 0.84;
  rows[1].metrics["test_accuracy"] = 0.86;
  rows[2].metrics["best_test_accuracy"] = 0.78;
  const std::vector<PublishedResult> published = {{"letter", "annot-mix", "test_accuracy", 85.1, "letter", "paper"},
                                                  {"letter", "mv-base", "test_accuracy", 75.6, "letter", "paper"},
                                                  {"labelme", "annot-mix", "test_accuracy", 85.8, "LabelMe", "paper"}};
  const std::vector<PublishedComparison> comparisons = compare_with_published(rows, published);
  ASSERT_EQ(comparisons.size(), 2u);
  EXPECT_TRUE(comparisons[0].have_ours);
  EXPECT_NEAR(comparisons[0].ours_percent, 85.0, 1e-9);
  EXPECT_EQ(comparisons[0].seeds, 2u);
  EXPECT_FALSE(comparisons[1].have_ours);  // mv-base has no test_accuracy here
}

}  // namespace
}  // namespace annotbench
