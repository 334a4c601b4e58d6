// annot-mix's ablation (reports/ablation.h) on hand-made rows: the 2 x 2 cells, the interaction per
// seed and its paired t-test, and the best alpha against alpha = 1, each computed here by hand.
// For t with 2 degrees of freedom the two-sided p-value has the closed form 1 - |t| / sqrt(2 + t^2).

#include <cmath>

#include <gtest/gtest.h>

#include "reports/ablation.h"

namespace annotbench {
namespace {

void add_rows(std::vector<ResultRow>& rows, const std::string& method, double alpha, bool annotators_only,
              const std::vector<double>& accuracies) {
  for (std::size_t seed = 0; seed < accuracies.size(); ++seed) {
    ResultRow row;
    row.setting = "letter (classifier)";
    row.registered_method = method;
    row.method = method + " " + std::to_string(alpha);
    row.seed = static_cast<long long>(seed);
    row.method_options["alpha"] = std::to_string(alpha);
    if (method == "annot-mix") row.method_options["mix_only_annotators"] = annotators_only ? "1.0" : "0.0";
    row.metrics["test_accuracy"] = accuracies[seed];
    rows.push_back(row);
  }
}

double two_sided_p_t2(double t) { return 1.0 - std::fabs(t) / std::sqrt(2.0 + t * t); }

std::vector<ResultRow> ablation_rows() {
  std::vector<ResultRow> rows;
  add_rows(rows, "mv-mixup", 0.0, false, {0.50, 0.52, 0.54});
  add_rows(rows, "mv-mixup", 1.0, false, {0.55, 0.56, 0.60});
  add_rows(rows, "annot-mix", 0.0, false, {0.60, 0.61, 0.62});
  add_rows(rows, "annot-mix", 1.0, false, {0.70, 0.73, 0.71});
  add_rows(rows, "annot-mix", 1.0, true, {0.66, 0.66, 0.69});
  add_rows(rows, "annot-mix", 0.5, false, {0.72, 0.74, 0.73});
  add_rows(rows, "annot-mix", 2.0, false, {0.69, 0.70, 0.70});
  add_rows(rows, "crowd-layer", 0.0, false, {0.1, 0.2, 0.3});  // no part of the ablation
  return rows;
}

TEST(Ablation, TheTwoByTwoAndItsInteraction) {
  const std::vector<MechanismAblation> tables = mechanism_ablations(ablation_rows(), "test_accuracy");
  ASSERT_EQ(tables.size(), 1u);
  const MechanismAblation& table = tables[0];
  EXPECT_NEAR(table.neither.mean, 0.52, 1e-12);
  EXPECT_NEAR(table.mixup_only.mean, 0.57, 1e-12);
  EXPECT_NEAR(table.annotator_model_only.mean, 0.61, 1e-12);
  EXPECT_NEAR(table.both.mean, 2.14 / 3, 1e-12);  // (0.70 + 0.73 + 0.71) / 3
  ASSERT_TRUE(table.annotators_only.has_value());
  EXPECT_NEAR(table.annotators_only->mean, 0.67, 1e-12);
  // Per seed: (0.10 - 0.05), (0.12 - 0.04), (0.09 - 0.06) = 0.05, 0.08, 0.03.
  const double mean = 0.16 / 3;
  const double sd = std::sqrt((std::pow(0.05 - mean, 2) + std::pow(0.08 - mean, 2) + std::pow(0.03 - mean, 2)) / 2);
  EXPECT_NEAR(table.interaction.mean, mean, 1e-12);
  EXPECT_NEAR(table.interaction.standard_error, sd / std::sqrt(3.0), 1e-12);
  EXPECT_EQ(table.interaction.count, 3u);
  EXPECT_NEAR(table.interaction_p, two_sided_p_t2(mean / (sd / std::sqrt(3.0))), 1e-9);
}

TEST(Ablation, ASettingWithoutAllFourCellsHasNoTable) {
  std::vector<ResultRow> rows;
  add_rows(rows, "mv-mixup", 0.0, false, {0.5, 0.5});
  add_rows(rows, "annot-mix", 1.0, false, {0.7, 0.7});
  EXPECT_TRUE(mechanism_ablations(rows, "test_accuracy").empty());
}

TEST(Ablation, TheBestAlphaIsTestedAgainstAlphaOne) {
  const std::vector<AlphaChoice> choices = alpha_choices(ablation_rows(), "test_accuracy");
  ASSERT_EQ(choices.size(), 1u);
  const AlphaChoice& choice = choices[0];
  // alpha 0, 0.5, 1 and 2 of annot-mix mixing x; the annotators-only rows are not an alpha.
  ASSERT_EQ(choice.by_alpha.size(), 4u);
  EXPECT_EQ(choice.by_alpha[1].first, 0.5);
  EXPECT_NEAR(choice.by_alpha[1].second.mean, 0.73, 1e-12);
  EXPECT_EQ(choice.best_alpha, 0.5);
  // Differences 0.02, 0.01, 0.02: mean 1/60, sd sqrt(1/3) / 100, t = 5.
  EXPECT_NEAR(choice.difference, 0.05 / 3, 1e-12);
  EXPECT_EQ(choice.pairs, 3u);
  EXPECT_NEAR(choice.p_value, two_sided_p_t2(5.0), 1e-9);
  // With a smaller-is-better metric the lowest mean wins (alpha 0 here), still against alpha = 1.
  EXPECT_EQ(alpha_choices(ablation_rows(), "test_accuracy", true)[0].best_alpha, 0.0);
}

}  // namespace
}  // namespace annotbench
