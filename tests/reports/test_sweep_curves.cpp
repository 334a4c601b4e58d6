// The sweep section of a report (reports/sweep_curves.h) on a hand-made table of rows: the curves'
// means, the break points by the rule, and the paired t-test they rest on, checked against the
// closed form of Student's t with two degrees of freedom, P(T > t) = 1/2 - t / (2 sqrt(t^2 + 2)).

#include <cmath>

#include <gtest/gtest.h>

#include "reports/descriptive.h"
#include "reports/sweep_curves.h"

namespace annotbench {
namespace {

double upper_tail_two_df(double t) { return 0.5 - t / (2.0 * std::sqrt(t * t + 2.0)); }

ResultRow row(const std::string& method, double value, long long seed, double accuracy) {
  ResultRow r;
  r.setting = "iris (uniform) [noise_rate=" + std::to_string(value) + "]";
  r.dataset = "iris";
  r.method = method;
  r.seed = seed;
  r.metrics["test_accuracy"] = accuracy;
  r.sweep = "iris (uniform)";
  r.sweep_axis = "noise_rate";
  r.sweep_value = value;
  r.classes = 4;  // chance 0.25: "near chance" is a mean of at most 0.30
  return r;
}

std::vector<ResultRow> table() {
  const std::vector<double> values = {0.2, 0.5, 0.9};
  const double baseline[3][3] = {{0.80, 0.81, 0.79}, {0.60, 0.62, 0.58}, {0.30, 0.28, 0.32}};
  // method-a minus the baseline, per value and seed: mean 0.10 and 0.05 (sd 0.02: better), then
  // mean 0.01 (sd 0.03: not better).
  const double a_gain[3][3] = {{0.10, 0.12, 0.08}, {0.05, 0.07, 0.03}, {0.01, -0.02, 0.04}};
  std::vector<ResultRow> rows;
  for (int v = 0; v < 3; ++v)
    for (int s = 0; s < 3; ++s) {
      rows.push_back(row("mv-base", values[v], s, baseline[v][s]));
      rows.push_back(row("method-a", values[v], s, baseline[v][s] + a_gain[v][s]));
      // method-b: the baseline's accuracy at 0.2, then 0.29 on average at 0.5: near chance.
      rows.push_back(row("method-b", values[v], s, v == 0 ? baseline[v][s] : 0.29 + 0.01 * (s - 1)));
    }
  ResultRow outside = row("method-a", 0.0, 0, 0.5);
  outside.sweep.clear();  // a row of no sweep is not drawn
  rows.push_back(outside);
  return rows;
}

TEST(PairedTTest, MatchesTheClosedFormForTwoDegreesOfFreedom) {
  const PairedTTest better = paired_t_test({0.10, 0.12, 0.08});
  EXPECT_NEAR(better.t, 0.10 / (0.02 / std::sqrt(3.0)), 1e-9);
  EXPECT_NEAR(better.p_greater, upper_tail_two_df(better.t), 1e-12);
  EXPECT_NEAR(better.p_two_sided, 2.0 * upper_tail_two_df(better.t), 1e-12);
  const PairedTTest not_better = paired_t_test({0.01, -0.02, 0.04});
  EXPECT_NEAR(not_better.p_greater, upper_tail_two_df(0.01 / (0.03 / std::sqrt(3.0))), 1e-12);
  EXPECT_EQ(paired_t_test({0.1}).pairs, 1u);
  EXPECT_EQ(paired_t_test({0.1}).p_greater, 1.0);  // one pair tests nothing
  EXPECT_EQ(paired_t_test({0.2, 0.2}).p_greater, 0.0);  // equal gains: t = +inf
}

TEST(SweepPanels, BreakPointsFollowTheRule) {
  const std::vector<SweepPanel> panels = sweep_panels(table());
  ASSERT_EQ(panels.size(), 1u);
  const SweepPanel& panel = panels[0];
  EXPECT_EQ(panel.sweep, "iris (uniform)");
  EXPECT_EQ(panel.axis, "noise_rate");
  EXPECT_EQ(panel.values, (std::vector<double>{0.2, 0.5, 0.9}));
  EXPECT_EQ(panel.baseline, "mv-base");
  EXPECT_DOUBLE_EQ(panel.chance, 0.25);
  ASSERT_EQ(panel.break_points.size(), 2u);
  const SweepBreakPoint& a = panel.break_points[0];
  EXPECT_EQ(a.method, "method-a");
  // p = 0.0065 at 0.2 and 0.0247 at 0.5, below 0.05; 0.31 at 0.9.
  EXPECT_EQ(a.last_better, 0.5);
  EXPECT_FALSE(a.first_near_chance.has_value());  // 0.31 at 0.9 is above 0.30
  const SweepBreakPoint& b = panel.break_points[1];
  EXPECT_EQ(b.method, "method-b");
  EXPECT_FALSE(b.last_better.has_value());  // never above the baseline
  EXPECT_EQ(b.first_near_chance, 0.5);
}

TEST(SweepPanels, CurvesAreMeansWithStandardErrorsAndChanceIsDashed) {
  const SweepPanel panel = sweep_panels(table())[0];
  const LinePlotInput& plot = panel.metric_plot;
  ASSERT_EQ(plot.series.size(), 4u);  // three methods and chance
  EXPECT_EQ(plot.series[0].name, "method-a");
  const LinePoint& first = plot.series[0].points[0];
  EXPECT_DOUBLE_EQ(first.x, 0.2);
  EXPECT_NEAR(first.mean, 0.90, 1e-12);
  // Seeds 0.90, 0.93, 0.87: sd 0.03, standard error 0.03 / sqrt(3).
  EXPECT_NEAR(first.upper - first.mean, 0.03 / std::sqrt(3.0), 1e-12);
  EXPECT_TRUE(plot.series[3].dashed);
  EXPECT_DOUBLE_EQ(plot.series[3].points[0].mean, 0.25);
  EXPECT_TRUE(panel.ap_auroc_plot.series.empty());  // no method here scores annotators
  EXPECT_EQ(panel.file_stem, "sweep-iris-uniform");
}

TEST(SweepPanels, WithoutABaselineOnlyChanceIsJudged) {
  std::vector<ResultRow> rows;
  for (const ResultRow& r : table())
    if (r.method != "mv-base") rows.push_back(r);
  const SweepPanel panel = sweep_panels(rows)[0];
  EXPECT_TRUE(panel.baseline.empty());
  ASSERT_EQ(panel.break_points.size(), 2u);
  EXPECT_FALSE(panel.break_points[0].last_better.has_value());
  EXPECT_EQ(panel.break_points[1].first_near_chance, 0.5);
}

}  // namespace
}  // namespace annotbench
