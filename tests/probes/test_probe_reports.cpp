// `report` and its inputs under the probe of commit 9276288 (../shared/reliability/probe-9276288.md):
// each test names the finding it pins.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "datasets/input_error.h"
#include "reports/comparison.h"
#include "reports/descriptive.h"
#include "reports/report.h"
#include "reports/result_rows.h"
#include "reports/result_summary.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

using testing::TempDir;

struct Row {
  std::string setting = "iris (uniform r=0.3)";
  std::string method = "annot-mix";
  int seed = 0;
  int epochs = 40;
  double alpha = 1.0;
  std::string simulator = "uniform";
  double accuracy = 0.9;

  // Designated initialisers are C++20; these read almost as well.
  Row& in(const std::string& value) { setting = value; return *this; }
  Row& of(const std::string& value) { method = value; return *this; }
  Row& seeded(int value) { seed = value; return *this; }
  Row& trained_for(int value) { epochs = value; return *this; }
  Row& mixing(double value) { alpha = value; return *this; }
  Row& simulated_by(const std::string& value) { simulator = value; return *this; }
  Row& scoring(double value) { accuracy = value; return *this; }
};

std::string row(const Row& run) {
  const nlohmann::json json = {{"schema", 1},
                               {"setting", run.setting},
                               {"dataset", "iris"},
                               {"data", {{"path", "/data/iris.csv"}, {"checksum", "crc32:0badf00d/4000"}}},
                               {"simulator", {{"kind", run.simulator}, {"rates", {0.3}}}},
                               {"method", run.method},
                               {"hyperparameters", {{"alpha", run.alpha}, {"eta", 0.9}}},
                               {"seed", run.seed},
                               {"epochs", run.epochs},
                               {"batch_size", 64},
                               {"learning_rate", 0.01},
                               {"split", {{"train", 105}, {"valid", 15}, {"test", 30}}},
                               {"metrics", {{"test_accuracy", run.accuracy}}}};
  return json.dump() + "\n";
}

ResultSummary summary_of(const std::string& text, std::ostringstream& warnings) {
  return summarize_results(parse_result_rows(text, "runs.jsonl", warnings), "test_accuracy", false, warnings);
}

TEST(ProbeReports, W3_RowsOfOtherEpochsAreNotAveragedAsSeeds) {
  std::string text;
  for (int seed : {0, 1}) text += row(Row().seeded(seed).trained_for(1).scoring(0.4));
  for (int seed : {2, 3}) text += row(Row().seeded(seed).trained_for(40).scoring(0.9));
  std::ostringstream warnings;
  const ResultSummary summary = summary_of(text, warnings);
  ASSERT_EQ(summary.settings, (std::vector<std::string>{"iris (uniform r=0.3) [epochs=1]", "iris (uniform r=0.3) [epochs=40]"}));
  EXPECT_EQ(summary.cells[0][0].values, (std::vector<double>{0.4, 0.4}));
  EXPECT_EQ(summary.cells[1][0].values, (std::vector<double>{0.9, 0.9}));
  EXPECT_NE(warnings.str().find("differ in epochs"), std::string::npos) << warnings.str();
}

TEST(ProbeReports, W3_MethodOptionVariantsGetTheirOwnColumns) {
  std::string text;
  for (int seed : {0, 1}) {
    text += row(Row().seeded(seed).mixing(0.5).scoring(0.8));
    text += row(Row().seeded(seed).mixing(2.0).scoring(0.85));
    text += row(Row().of("majority-vote").seeded(seed).scoring(0.7));
  }
  std::ostringstream warnings;
  const ResultSummary summary = summary_of(text, warnings);
  EXPECT_EQ(summary.methods, (std::vector<std::string>{"annot-mix (alpha=0.5)", "annot-mix (alpha=2)", "majority-vote"}));
  EXPECT_EQ(summary.cells[0][1].values, (std::vector<double>{0.85, 0.85}));
}

TEST(ProbeReports, W3_TwoSimulatorsUnderOneSettingNameStayApart) {
  std::string text;
  text += row(Row().in("typo").seeded(0).simulated_by("uniform").scoring(0.8));
  text += row(Row().in("typo").seeded(0).simulated_by("class-dependent").scoring(0.6));
  std::ostringstream warnings;
  const ResultSummary summary = summary_of(text, warnings);
  EXPECT_EQ(summary.settings,
            (std::vector<std::string>{"typo [simulator.kind=class-dependent]", "typo [simulator.kind=uniform]"}));
}

TEST(ProbeReports, C3_MetricOutsideItsRangeNamesFileAndLine) {
  std::ostringstream warnings;
  const std::string text = row(Row()) + row(Row().seeded(1).scoring(1e308));
  try {
    parse_result_rows(text, "bigacc.jsonl", warnings);
    FAIL() << "an accuracy of 1e308 must be an error";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()),
              "bigacc.jsonl:2: field 'metrics.test_accuracy': expected a fraction in [0, 1], got 1e+308");
  }
}

TEST(ProbeReports, C3_WelchWithOverflowingVariancesIsNoTestNotACrash) {
  const WelchResult result = welch_t_test_greater({1e308, -1e308, 1e308}, {0.5, 0.6, 0.7});
  EXPECT_FALSE(result.tested);
}

TEST(ProbeReports, U9_UnknownBaselineGivenByTheUserListsTheMethods) {
  std::ostringstream warnings;
  const std::vector<ResultRow> rows =
      parse_result_rows(row(Row()) + row(Row().of("majority-vote")), "runs.jsonl", warnings);
  ReportOptions options;
  options.baseline = "annot-mx";
  options.baseline_given = true;
  try {
    build_report(rows, options, warnings);
    FAIL() << "an unknown --baseline must be an error";
  } catch (const ConfigError& error) {
    EXPECT_EQ(std::string(error.what()),
              "--baseline 'annot-mx' has no results; methods in the results: annot-mix, majority-vote");
  }
  options.baseline_given = false;  // the default baseline may be absent: a report without comparisons
  EXPECT_FALSE(build_report(rows, options, warnings).has_baseline);
}

TEST(ProbeReports, U13_AFileThatCannotBeReplacedLeavesEveryOldFile) {
  TempDir dir;
  std::string text;
  for (int seed : {0, 1}) text += row(Row().seeded(seed)) + row(Row().of("majority-vote").seeded(seed).scoring(0.5));
  dir.write("results/runs.jsonl", text);
  const std::string old_markdown = dir.write("out/report.md", "old report\n");
  dir.write("out/report.html/blocker", "a directory where report.html goes\n");
  ReportOptions options;
  options.results = (dir.path() / "results").string();
  options.out_dir = (dir.path() / "out").string();
  std::ostringstream warnings;
  try {
    write_report(options, warnings);
    FAIL() << "report.html cannot be replaced";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("report.html: cannot replace it: is a directory; no file was changed"),
              std::string::npos)
        << error.what();
  }
  std::ifstream in(old_markdown);
  std::stringstream markdown;
  markdown << in.rdbuf();
  EXPECT_EQ(markdown.str(), "old report\n");
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "out")) files += entry.is_regular_file();
  EXPECT_EQ(files, 1u);  // report.md only: no temporary file left behind
}

TEST(ProbeReports, K7_PerfectAgreementIsSaidNotPrintedAsInfinity) {
  ScoreTable table;
  table.methods = {"A", "B", "C"};
  table.datasets = {"x", "y"};
  table.scores = {{0.9, 0.8, 0.7}, {0.6, 0.5, 0.4}};
  const nlohmann::ordered_json json = comparison_to_json(compare_methods(table, "A", 0.05));
  EXPECT_TRUE(json["iman_davenport"]["p_value"].is_null()) << json.dump();
  EXPECT_EQ(json["iman_davenport"]["note"], "perfect agreement: every data set ranks the methods alike (F undefined)");
  EXPECT_NE(json["note"].get<std::string>().find("with 2 data sets"), std::string::npos) << json.dump();
}

TEST(ProbeReports, K8_ALineThatIsNoJsonObjectIsNotAResultFile) {
  std::ostringstream warnings;
  try {
    parse_result_rows("meeting notes, not rows\n", "notes.jsonl", warnings);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()), "notes.jsonl:1: not a result row: a result file holds one JSON object per line");
  }
  const std::string killed = row(Row());
  EXPECT_EQ(parse_result_rows(row(Row()) + killed.substr(0, 40), "runs.jsonl", warnings).size(), 1u);  // still skipped
}

TEST(ProbeReports, K9_HtmlAndTexSpecialsInNamesAreEscaped) {
  std::string text;
  for (int seed : {0, 1})
    text += row(Row().in("a <script>x</script>").seeded(seed)) +
            row(Row().in("a <script>x</script>").of("majority-vote").seeded(seed).scoring(0.5));
  std::ostringstream warnings;
  ReportOptions options;
  const ReportData report = build_report(parse_result_rows(text, "runs.jsonl", warnings), options, warnings);
  const std::string markdown = render_report_markdown(report);
  EXPECT_EQ(markdown.find("<script>"), std::string::npos);
  EXPECT_NE(markdown.find("\\<script\\>"), std::string::npos) << markdown;
  const std::string latex = render_report_latex(report);
  EXPECT_EQ(latex.find('<'), std::string::npos);
  EXPECT_NE(latex.find("\\textless{}script\\textgreater{}"), std::string::npos) << latex;
}

}  // namespace
}  // namespace annotbench
