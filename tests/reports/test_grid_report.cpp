// End to end, as CI runs it: a small grid through the runner, then the report, whose mean ranks must
// equal those recomputed here from the result rows.

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "datasets/csv_reader.h"
#include "harness/grid/runner.h"
#include "reports/report.h"
#include "reports/result_rows.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

TEST(GridReport, ReportNamesEveryMethodAndItsMeanRanksEqualTheRows) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  const std::vector<std::string> methods = {"annot-mix", "majority-vote", "crowd-layer"};
  const nlohmann::json config = {
      {"name", "ci"},
      {"epochs", 2},
      {"seeds", {0, 1}},
      {"split", {{"test_fraction", 0.3}, {"valid_size", 0.1}}},
      {"datasets",
       {{{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"annotators", 5}, {"rates", {0.3}}, {"labels_per_instance", {2, 3}}}}},
        {{"dataset", "wine"}, {"simulator", {{"kind", "class-dependent"}, {"annotators", 5}, {"rates", {0.4}}}}},
        {{"dataset", "glass"}, {"simulator", {{"kind", "uniform"}, {"annotators", 5}, {"rates", {0.2}}}}}}},
      {"methods", methods}};
  testing::TempDir dir;
  RunOptions options;
  options.results_dir = (dir.path() / "results").string();
  options.progress = false;
  const RunSummary summary = run_experiment(parse_experiment_config(config, "ci.json"), options);
  ASSERT_EQ(summary.finished, 3u * 2u * 3u);

  ReportOptions report_options;
  report_options.results = options.results_dir;
  report_options.out_dir = (dir.path() / "report").string();
  std::ostringstream warnings;
  write_report(report_options, warnings);
  std::ifstream markdown_file(dir.path() / "report" / "report.md");
  const std::string markdown((std::istreambuf_iterator<char>(markdown_file)), std::istreambuf_iterator<char>());
  for (const std::string& method : methods) EXPECT_NE(markdown.find(method), std::string::npos) << method;

  // Mean over seeds per setting and method, ranked (1 = highest, ties averaged), averaged over settings.
  std::map<std::string, std::map<std::string, std::vector<double>>> accuracies;
  for (const ResultRow& row : read_result_rows(options.results_dir, warnings))
    accuracies[row.setting][row.method].push_back(row.metrics.at("test_accuracy"));
  std::map<std::string, double> expected_mean_rank;
  for (const auto& [setting, by_method] : accuracies) {
    std::map<std::string, double> means;
    for (const auto& [method, values] : by_method) {
      ASSERT_EQ(values.size(), 2u);
      means[method] = (values[0] + values[1]) / 2.0;
    }
    for (const auto& [method, mean] : means) {
      double better = 0, equal = 0;
      for (const auto& [other, other_mean] : means) {
        if (other_mean > mean) ++better;
        if (other_mean == mean) ++equal;
      }
      expected_mean_rank[method] += (better + (equal + 1.0) / 2.0) / 3.0;
    }
  }

  CsvReader ranks((dir.path() / "report" / "ranks.csv").string());
  std::vector<std::string> header, fields;
  ASSERT_TRUE(ranks.next(header));
  bool found_mean_row = false;
  while (ranks.next(fields)) {
    if (fields[0].find("mean") == std::string::npos) continue;
    found_mean_row = true;
    // ranks.csv prints six significant digits.
    for (std::size_t column = 1; column < header.size(); ++column)
      EXPECT_NEAR(std::stod(fields[column]), expected_mean_rank.at(header[column]), 1e-4) << header[column];
  }
  EXPECT_TRUE(found_mean_row);
}

}  // namespace
}  // namespace annotbench
