// The ranks a paper's own numbers give, computed by the report from a published CSV, beside ours
// (reports/published_ranks.h); Kendall's tau-b; the rank heat map's colour scale.

#include <cmath>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "datasets/input_error.h"
#include "reports/published_ranks.h"
#include "reports/rank_heatmap.h"
#include "reports/ranking.h"
#include "reports/report.h"
#include "tests/support/annotbench_process.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

ResultRow row(const std::string& dataset, const std::string& method, double accuracy) {
  ResultRow result;
  result.dataset = dataset;
  result.setting = dataset;
  result.method = method;
  result.metrics["test_accuracy"] = accuracy;
  return result;
}

PublishedResult number(const std::string& dataset, const std::string& method, double percent) {
  PublishedResult published;
  published.dataset = dataset;
  published.method = method;
  published.metric = "test_accuracy";
  published.mean_percent = percent;
  return published;
}

TEST(KendallTau, ByHandWithAndWithoutTies) {
  // The same order: 1; reversed: -1.
  EXPECT_DOUBLE_EQ(kendall_tau_b({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
  EXPECT_DOUBLE_EQ(kendall_tau_b({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
  // x = 1,2,3,4 against y = 1,3,2,4: of 6 pairs one (2,3) is discordant: (5 - 1) / 6.
  EXPECT_DOUBLE_EQ(kendall_tau_b({1, 2, 3, 4}, {1, 3, 2, 4}), 4.0 / 6.0);
  // y = 1,1,2,3 ties one pair: 5 concordant, 0 discordant; sqrt((6 - 0)(6 - 1)) = sqrt(30).
  EXPECT_DOUBLE_EQ(kendall_tau_b({1, 2, 3, 4}, {1, 1, 2, 3}), 5.0 / std::sqrt(30.0));
  EXPECT_TRUE(std::isnan(kendall_tau_b({1, 1, 1}, {1, 2, 3})));
}

TEST(PublishedRanks, ThePapersRanksFromItsNumbersBesideOurs) {
  // Two data sets, rows a, b, c (and true-base, left out). Ours (two seeds on d1, one on d2):
  //   d1: a 0.80, b (0.70 + 0.74) / 2 = 0.72, c 0.60  -> ranks a 1, b 2, c 3
  //   d2: a 0.50, b 0.90, c 0.70                     -> ranks a 3, b 1, c 2
  // The paper's: d1: a 75.0, b 75.0, c 60.0 -> a 1.5, b 1.5, c 3;  d2: a 80, b 85, c 70 -> a 2, b 1, c 3.
  const std::vector<ResultRow> rows = {row("d1", "a", 0.80), row("d1", "b", 0.70), row("d1", "b", 0.74),
                                       row("d1", "c", 0.60), row("d2", "a", 0.50), row("d2", "b", 0.90),
                                       row("d2", "c", 0.70), row("d1", "true-base", 0.99), row("d2", "true-base", 0.99),
                                       row("d1", "ours-only", 0.1), row("d2", "ours-only", 0.1)};
  const std::vector<PublishedResult> published = {
      number("d1", "a", 75.0), number("d1", "b", 75.0), number("d1", "c", 60.0), number("d2", "a", 80.0),
      number("d2", "b", 85.0), number("d2", "c", 70.0), number("d1", "true-base", 99.0), number("d2", "true-base", 99.0),
      // A data set none of the rows hold, and a row the paper has on one set only: both left out.
      number("d3", "a", 50.0), number("d3", "b", 40.0), number("d1", "paper-only", 10.0)};
  const PublishedRankComparison comparison =
      compare_published_ranks(rows, published, "test_accuracy", false, {"true-base"});
  ASSERT_TRUE(comparison.compared());
  EXPECT_EQ(comparison.datasets, (std::vector<std::string>{"d1", "d2"}));
  EXPECT_EQ(comparison.methods, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(comparison.our_ranks[0], (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(comparison.our_ranks[1], (std::vector<double>{3, 1, 2}));
  EXPECT_EQ(comparison.paper_ranks[0], (std::vector<double>{1.5, 1.5, 3}));
  EXPECT_EQ(comparison.paper_ranks[1], (std::vector<double>{2, 1, 3}));
  EXPECT_EQ(comparison.our_mean_ranks, (std::vector<double>{2.0, 1.5, 2.5}));
  EXPECT_EQ(comparison.paper_mean_ranks, (std::vector<double>{1.75, 1.25, 3.0}));
  // d1: ours a>b>c, paper a=b>c: 2 concordant, 1 tied in y: 2 / sqrt(3 * 2).
  EXPECT_DOUBLE_EQ(comparison.kendall_tau_per_dataset[0], 2.0 / std::sqrt(6.0));
  // d2: ours b>c>a, paper b>a>c: pairs (a,b) +, (a,c) -, (b,c) +: 1/3.
  EXPECT_DOUBLE_EQ(comparison.kendall_tau_per_dataset[1], 1.0 / 3.0);
  // Mean ranks 2, 1.5, 2.5 against 1.75, 1.25, 3: (a,b) +, (a,c) +, (b,c) +.
  EXPECT_DOUBLE_EQ(comparison.kendall_tau_mean_ranks, 1.0);
}

TEST(PublishedRanks, TheReportReadsThemFromTheCsv) {
  const testing::TempDir dir;
  const std::string csv = dir.write("published.csv",
                                    "dataset,method,metric,mean,paper_dataset,source\n"
                                    "d1,a,test_accuracy,75.0,D1,hand\nd1,b,test_accuracy,70.0,D1,hand\n");
  ReportOptions options;
  options.published = csv;
  std::ostringstream warnings;
  const ReportData report = build_report({row("d1", "a", 0.6), row("d1", "b", 0.9)}, options, warnings);
  ASSERT_TRUE(report.published_ranks.compared());
  EXPECT_EQ(report.published_ranks.our_mean_ranks, (std::vector<double>{2, 1}));
  EXPECT_EQ(report.published_ranks.paper_mean_ranks, (std::vector<double>{1, 2}));
  EXPECT_DOUBLE_EQ(report.published_ranks.kendall_tau_mean_ranks, -1.0);
  EXPECT_NE(render_report_markdown(report).find("Our ranks beside the paper's"), std::string::npos);
}

TEST(ReportMethods, OnlyTheNamedRowsAndAnUnknownNameIsAnError) {
  // d2 lacks "extra": with every row it is not ranked; with the rows both have, both settings are.
  const std::vector<ResultRow> rows = {row("d1", "a", 0.8), row("d1", "b", 0.7), row("d1", "extra", 0.9),
                                       row("d2", "a", 0.6), row("d2", "b", 0.7)};
  std::ostringstream warnings;
  ReportOptions every;
  EXPECT_EQ(build_report(rows, every, warnings).comparison.table.dataset_count(), 1u);
  ReportOptions common;
  common.methods = {"a", "b"};
  const ReportData report = build_report(rows, common, warnings);
  EXPECT_EQ(report.row_count, 4u);
  EXPECT_EQ(report.comparison.table.dataset_count(), 2u);
  EXPECT_EQ(report.comparison.mean_ranks, (std::vector<double>{1.5, 1.5}));
  common.methods = {"a", "nosuch"};
  EXPECT_THROW(build_report(rows, common, warnings), ConfigError);
}

// report --results A --results B: one report over both, in the order given (the last --results
// must not replace the first).
TEST(ReportMethods, SeveralResultsDirectoriesAreRankedTogether) {
  const testing::TempDir dir;
  const auto rows_of = [](const std::string& dataset, double a, double b) {
    std::string text;
    for (int seed = 0; seed < 2; ++seed)
      for (const auto& [method, accuracy] : {std::pair<const char*, double>{"a", a}, {"b", b}})
        text += nlohmann::json{{"setting", dataset}, {"dataset", dataset}, {"method", method}, {"label", method},
                               {"seed", seed}, {"metrics", {{"test_accuracy", accuracy}}}}
                    .dump() +
                "\n";
    return text;
  };
  dir.write("one/rows.jsonl", rows_of("d1", 0.8, 0.7));
  dir.write("two/rows.jsonl", rows_of("d2", 0.6, 0.9));
  const std::string one = (dir.path() / "one").string(), two = (dir.path() / "two").string();
  const testing::ProcessResult output_run = testing::run_annotbench(dir, "report --results " + one + " --results " + two + " --out " + (dir.path() / "out").string() + " --baseline a");
  const std::string output = output_run.out + output_run.err;
  const int status = output_run.exit_code;
  ASSERT_EQ(status, 0) << output;
  std::ifstream in(dir.path() / "out" / "report.md");
  const std::string markdown((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(markdown.find("8 result rows from " + one + ", " + two + "; 2 settings"), std::string::npos) << markdown;
}

TEST(RankHeatmap, RankOneIsTheDarkEndAndTheLastTheLightEnd) {
  EXPECT_EQ(rank_colour(1.0, 5), "#08306b");
  EXPECT_EQ(rank_colour(5.0, 5), "#deebf7");
  // Half way: each channel half way, rounded: (0x08+0xde)/2 = 0x73, (0x30+0xeb)/2 = 141.5 -> 0x8e, 0xb1.
  EXPECT_EQ(rank_colour(3.0, 5), "#738eb1");
}

TEST(RankHeatmap, MethodsAreListedByMeanRankWithEveryCell) {
  RankHeatmapInput input;
  input.title = "t";
  input.methods = {"worst", "best"};
  input.settings = {"s1", "s2"};
  input.ranks = {{2, 1}, {1.5, 1.5}};
  input.mean_ranks = {1.75, 1.25};
  const std::string svg = render_rank_heatmap_svg(input);
  EXPECT_LT(svg.find(">best<"), svg.find(">worst<"));
  EXPECT_NE(svg.find(">1.5<"), std::string::npos);
  EXPECT_NE(svg.find(">1.8<"), std::string::npos);  // 1.75 with one decimal
  EXPECT_EQ(svg.rfind("</svg>"), svg.size() - 7);
}

}  // namespace
}  // namespace annotbench
