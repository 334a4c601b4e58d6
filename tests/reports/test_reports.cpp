// Result rows → report files, and the stats / report commands as a person runs them.

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "datasets/input_error.h"
#include "reports/cd_diagram.h"
#include "reports/report.h"
#include "reports/result_rows.h"
#include "reports/result_summary.h"
#include "reports/score_table_csv.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

using testing::TempDir;

std::string row_json(const std::string& setting, const std::string& method, int seed, double accuracy) {
  nlohmann::json row = {{"schema", 1},
                        {"setting", setting},
                        {"dataset", setting.substr(0, setting.find(' '))},
                        {"simulator", {{"name", "classifier"}}},
                        {"method", method},
                        {"hyperparameters", {{"alpha", 1.0}}},
                        {"seed", seed},
                        {"epochs", 5},
                        {"device", "cpu"},
                        {"metrics", {{"test_accuracy", accuracy}, {"train_loss", 0.5}}},
                        {"train_seconds", 1.5},
                        {"cell", setting + "/" + method + "/" + std::to_string(seed)},
                        {"versions", {{"annotbench", "0.1.0"}}}};
  return row.dump() + "\n";
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

CommandResult run_annotbench(const std::string& arguments) {
  CommandResult result;
  FILE* pipe = popen((std::string(ANNOTBENCH_BINARY) + " " + arguments + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) result.output += buffer;
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

TEST(ResultRowsTest, TruncatedLastLineIsSkippedWithAWarning) {
  TempDir dir;
  const std::string whole = row_json("letter (classifier)", "annot-mix", 0, 0.8) + row_json("letter (classifier)", "mv", 0, 0.7);
  const std::string killed = row_json("letter (classifier)", "annot-mix", 1, 0.81);
  const std::string path = dir.write("runs.jsonl", whole + killed.substr(0, killed.size() / 2));
  std::ostringstream warnings;
  const std::vector<ResultRow> rows = read_result_rows(path, warnings);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].method, "mv");
  EXPECT_EQ(rows[1].setting, "letter (classifier)");
  EXPECT_DOUBLE_EQ(rows[1].metrics.at("test_accuracy"), 0.7);
  EXPECT_NE(warnings.str().find(path + ":3:"), std::string::npos) << warnings.str();
}

TEST(ResultRowsTest, CorruptLineElsewhereNamesFileAndLine) {
  TempDir dir;
  const std::string good = row_json("letter (classifier)", "annot-mix", 0, 0.8);
  const std::string path = dir.write("runs.jsonl", good + "{\"setting\": \"letter\", \"meth\n" + good);
  std::ostringstream warnings;
  try {
    read_result_rows(path, warnings);
    FAIL() << "a corrupt second line must be an error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), path);
    EXPECT_EQ(error.line(), 2u);
    EXPECT_EQ(std::string(error.what()).rfind(path + ":2: ", 0), 0u) << error.what();
  }
  // A well-formed row without "method" names the field.
  const std::string missing = dir.write("missing.jsonl", good + R"({"setting":"s","dataset":"d","seed":0,"metrics":{}})" "\n" + good);
  try {
    read_result_rows(missing, warnings);
    FAIL() << "a row without a method must be an error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.line(), 2u);
    EXPECT_EQ(error.field(), "method");
  }
}

// probe W11: subfolders hold backups and old runs; only the directory's own *.jsonl are results.
TEST(ResultRowsTest, DirectoryReadsItsOwnJsonlFilesNotSubfolders) {
  TempDir dir;
  dir.write("a.jsonl", row_json("s1 (x)", "m1", 0, 0.5) + row_json("s1 (x)", "m2", 0, 0.4));
  dir.write("old/b.jsonl", row_json("s2 (x)", "m1", 0, 0.6) + row_json("s1 (x)", "m2", 0, 0.9));
  dir.write("notes.txt", "not a result file\n");
  std::ostringstream warnings;
  const std::vector<ResultRow> rows = read_result_rows(dir.path().string(), warnings);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_DOUBLE_EQ(rows[1].metrics.at("test_accuracy"), 0.4);
  EXPECT_TRUE(warnings.str().empty()) << warnings.str();
}

TEST(ScoreTableCsvTest, MissingCellNamesLineAndMethod) {
  TempDir dir;
  const std::string path = dir.write("table.csv", "dataset,A,B\nx,0.5,0.6\ny,0.7,\nz,0.1,0.2\n");
  try {
    read_score_table_csv(path, false);
    FAIL() << "an empty cell must be an error";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()), path + ":3: field 'B': missing value");
  }
  const std::string quoted = dir.write("quoted.csv", "dataset,\"A, tuned\",B\n\"x, small\",0.5,0.6\n");
  const ScoreTable table = read_score_table_csv(quoted, false);
  EXPECT_EQ(table.methods[0], "A, tuned");
  EXPECT_EQ(table.datasets[0], "x, small");
}

TEST(StatsCommandTest, MissingCellIsReportedWithItsLine) {
  TempDir dir;
  const std::string path = dir.write("table.csv", "dataset,A,B,C\nx,0.5,0.6,0.7\ny,0.7,0.1,0.2\nz,0.1,oops,0.3\n");
  const CommandResult result = run_annotbench("stats --table " + path);
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.output.find(path + ":4: field 'B': expected a finite number, got \"oops\""), std::string::npos)
      << result.output;
}

TEST(StatsCommandTest, FewerThanTwoDataSetsIsAClearError) {
  TempDir dir;
  const std::string path = dir.write("table.csv", "dataset,A,B\nx,0.5,0.6\n");
  const CommandResult result = run_annotbench("stats --table " + path);
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.output.find("at least 2 data sets"), std::string::npos) << result.output;
  const std::string one_method = dir.write("one.csv", "dataset,A\nx,0.5\ny,0.6\n");
  const CommandResult single = run_annotbench("stats --table " + one_method);
  EXPECT_NE(single.exit_code, 0);
  EXPECT_NE(single.output.find("at least 2 methods"), std::string::npos) << single.output;
}

TEST(StatsCommandTest, PrintsTheTestsAsJson) {
  TempDir dir;
  // Three data sets on which A > B > C everywhere: mean ranks 1, 2, 3 and χ²_F = N(k−1) = 6.
  const std::string path = dir.write("table.csv", "dataset,A,B,C\nx,0.9,0.8,0.7\ny,0.6,0.5,0.4\nz,0.3,0.2,0.1\n");
  const CommandResult result = run_annotbench("stats --table " + path + " --baseline C --alpha 0.1");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const nlohmann::json json = nlohmann::json::parse(result.output);
  EXPECT_DOUBLE_EQ(json["mean_ranks"]["A"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(json["mean_ranks"]["C"].get<double>(), 3.0);
  EXPECT_NEAR(json["friedman"]["chi_square"].get<double>(), 6.0, 1e-12);
  EXPECT_TRUE(json["iman_davenport"]["f"].is_null());  // unbounded: every data set agrees
  EXPECT_EQ(json["wilcoxon_holm"]["baseline"], "C");
  EXPECT_EQ(json["wilcoxon_holm"]["comparisons"][0]["baseline_losses"], 3);
  // Lower is better reverses the ranks.
  const CommandResult lower = run_annotbench("stats --table " + path + " --lower-is-better");
  ASSERT_EQ(lower.exit_code, 0) << lower.output;
  EXPECT_DOUBLE_EQ(nlohmann::json::parse(lower.output)["mean_ranks"]["A"].get<double>(), 3.0);
}

// A small benchmark: 3 settings × 3 methods × 3 seeds with known scores.
struct SmallBenchmark {
  std::vector<std::string> settings = {"letter (classifier)", "dopanim (human)", "music (human)"};
  std::vector<std::string> methods = {"annot-mix", "crowd-layer", "mv"};
  // accuracy[setting][method] over seeds 0, 1, 2.
  std::vector<std::vector<std::vector<double>>> accuracy = {
      {{0.90, 0.91, 0.92}, {0.80, 0.82, 0.81}, {0.70, 0.71, 0.69}},
      {{0.60, 0.62, 0.61}, {0.65, 0.66, 0.64}, {0.50, 0.52, 0.51}},
      {{0.75, 0.74, 0.76}, {0.70, 0.69, 0.71}, {0.72, 0.73, 0.74}},
  };
  void write(const TempDir& dir) const {
    std::string first, second;
    for (std::size_t s = 0; s < settings.size(); ++s)
      for (std::size_t m = 0; m < methods.size(); ++m)
        for (int seed = 0; seed < 3; ++seed)
          (s == 0 ? first : second) += row_json(settings[s], methods[m], seed, accuracy[s][m][static_cast<std::size_t>(seed)]);
    dir.write("results/letter.jsonl", first);
    dir.write("results/others.jsonl", second);
  }
};

// The mean-rank row of a Markdown table: "| **mean rank** | 1.333 | ... |".
std::vector<double> markdown_mean_ranks(const std::string& markdown) {
  std::vector<double> ranks;
  const std::size_t start = markdown.find("| **mean rank** |");
  if (start == std::string::npos) return ranks;
  std::istringstream cells(markdown.substr(start, markdown.find('\n', start) - start));
  std::string cell;
  std::getline(cells, cell, '|');
  std::getline(cells, cell, '|');
  while (std::getline(cells, cell, '|')) {
    cell.erase(std::remove(cell.begin(), cell.end(), '*'), cell.end());
    if (cell.find_first_not_of(' ') != std::string::npos) ranks.push_back(std::stod(cell));
  }
  return ranks;
}

TEST(ReportTest, ReportNamesEveryMethodAndItsMeanRanksMatchTheRows) {
  TempDir dir;
  const SmallBenchmark benchmark;
  benchmark.write(dir);
  const CommandResult result = run_annotbench("report --results " + (dir.path() / "results").string() + " --out " +
                                              (dir.path() / "report").string());
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const std::filesystem::path out = dir.path() / "report";
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(out)) files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  // Exactly the report's files and figures (one seed dot plot per setting): no temporary file is left
  // behind by the atomic writes.
  const auto dot_plots = std::count_if(files.begin(), files.end(), [](const std::string& name) {
    return name.rfind("seeds-0", 0) == 0 && name.size() > 4 && name.substr(name.size() - 4) == ".svg";
  });
  EXPECT_EQ(dot_plots, static_cast<long>(benchmark.settings.size()));
  files.erase(std::remove_if(files.begin(), files.end(), [](const std::string& name) { return name.rfind("seeds-0", 0) == 0; }),
              files.end());
  EXPECT_EQ(files, (std::vector<std::string>{"cd-diagram.svg", "rank-heatmap.svg", "ranks.csv", "report.html", "report.md",
                                             "tables.tex"}));

  // Recompute the mean ranks by hand: mean over seeds, rank within each setting (no ties here), average.
  std::map<std::string, double> expected_mean_rank;
  for (std::size_t s = 0; s < benchmark.settings.size(); ++s) {
    std::vector<double> means;
    for (const auto& seeds : benchmark.accuracy[s]) means.push_back((seeds[0] + seeds[1] + seeds[2]) / 3.0);
    for (std::size_t m = 0; m < means.size(); ++m) {
      const double better = static_cast<double>(std::count_if(means.begin(), means.end(), [&](double other) { return other > means[m]; }));
      expected_mean_rank[benchmark.methods[m]] += (better + 1.0) / 3.0;
    }
  }
  // Per setting: annot-mix 1, 2, 1; crowd-layer 2, 1, 3; mv 3, 3, 2.
  EXPECT_NEAR(expected_mean_rank["annot-mix"], 4.0 / 3.0, 1e-12);

  const std::string markdown = read_text(out / "report.md");
  for (const std::string& method : benchmark.methods) EXPECT_NE(markdown.find(method), std::string::npos) << method;
  const std::vector<double> ranks = markdown_mean_ranks(markdown);
  ASSERT_EQ(ranks.size(), 3u) << markdown;
  for (std::size_t m = 0; m < 3; ++m) EXPECT_NEAR(ranks[m], expected_mean_rank[benchmark.methods[m]], 5e-4) << benchmark.methods[m];
  // annot-mix's letter mean (0.9100) is the best of its setting: bold.
  EXPECT_NE(markdown.find("**0.9100 ± 0.0100**"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("Friedman"), std::string::npos);

  const std::string csv = read_text(out / "ranks.csv");
  EXPECT_NE(csv.find("mean rank,1.33333,2,2.66667"), std::string::npos) << csv;
  const std::string tex = read_text(out / "tables.tex");
  EXPECT_NE(tex.find("\\toprule"), std::string::npos);
  EXPECT_NE(tex.find("\\textbf{0.9100}"), std::string::npos) << tex;
  // mv on letter is 0.20 below annot-mix with a std of 0.01: a dagger. crowd-layer beats annot-mix on
  // dopanim: no dagger there.
  EXPECT_NE(tex.find("0.7000 $\\pm$ 0.0100$^{\\dagger}$"), std::string::npos) << tex;
  EXPECT_EQ(tex.find("0.6500 $\\pm$ 0.0100$^{\\dagger}$"), std::string::npos) << tex;
  const std::string svg = read_text(out / "cd-diagram.svg");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  for (const std::string& method : benchmark.methods) EXPECT_NE(svg.find(method), std::string::npos);
  const std::string html = read_text(out / "report.html");
  EXPECT_NE(html.find("<svg"), std::string::npos);  // the diagram is inlined: the page stands alone
  EXPECT_EQ(html.find("<img"), std::string::npos);
}

TEST(ReportTest, OneSettingStillWritesTablesButNoTestsAcrossDataSets) {
  TempDir dir;
  std::string rows;
  for (int seed = 0; seed < 2; ++seed)
    rows += row_json("letter (classifier)", "annot-mix", seed, 0.9 + 0.01 * seed) +
            row_json("letter (classifier)", "mv", seed, 0.8 + 0.01 * seed);
  dir.write("results/runs.jsonl", rows);
  ReportOptions options;
  options.results = (dir.path() / "results").string();
  options.out_dir = (dir.path() / "report").string();
  std::ostringstream warnings;
  const std::vector<std::string> written = write_report(options, warnings);
  // The five files, the rank heat map of the one setting and its seed dot plot.
  EXPECT_EQ(written.size(), 7u);
  const std::string markdown = read_text(dir.path() / "report" / "report.md");
  EXPECT_NE(markdown.find("0.9050 ± 0.0071"), std::string::npos) << markdown;  // sqrt(0.00005) = 0.00707
  EXPECT_NE(markdown.find("need at least 2"), std::string::npos) << markdown;
  EXPECT_EQ(markdown.find("chi²_F ="), std::string::npos) << markdown;
}

TEST(ReportTest, UnknownMetricListsTheMetricsPresent) {
  TempDir dir;
  dir.write("results/runs.jsonl", row_json("s (x)", "annot-mix", 0, 0.9));
  const CommandResult result = run_annotbench("report --results " + (dir.path() / "results").string() + " --out " +
                                              (dir.path() / "out").string() + " --metric f1");
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.output.find("test_accuracy"), std::string::npos) << result.output;
}

TEST(ResultSummaryTest, MeanAndSampleStdOverSeedsWithRerunsAndGaps) {
  std::string text = row_json("a (x)", "m1", 0, 0.5) + row_json("a (x)", "m1", 1, 0.7) +
                     row_json("a (x)", "m1", 1, 0.9) +  // seed 1 rerun: the later row counts
                     row_json("a (x)", "m2", 0, 0.4) + row_json("b (x)", "m1", 0, 0.3);  // m2 never ran on b
  text += R"json({"setting":"a (x)","dataset":"a","method":"m2","seed":1,"metrics":{"f1":0.2}})json" "\n";
  std::ostringstream warnings;
  const std::vector<ResultRow> rows = parse_result_rows(text, "runs.jsonl", warnings);
  const ResultSummary summary = summarize_results(rows, "test_accuracy", false, warnings);
  ASSERT_EQ(summary.settings, (std::vector<std::string>{"a (x)", "b (x)"}));
  const SeedScores& cell = summary.cells[0][0];
  EXPECT_EQ(cell.values, (std::vector<double>{0.5, 0.9}));
  EXPECT_NEAR(cell.mean, 0.7, 1e-12);
  EXPECT_NEAR(cell.std, std::sqrt(((0.5 - 0.7) * (0.5 - 0.7) + (0.9 - 0.7) * (0.9 - 0.7)) / 1.0), 1e-12);
  EXPECT_EQ(summary.cells[0][1].values.size(), 1u);  // the f1-only row has no test_accuracy
  EXPECT_TRUE(summary.cells[1][1].empty());
  EXPECT_NE(warnings.str().find("runs.jsonl:3:"), std::string::npos) << warnings.str();
  EXPECT_NE(warnings.str().find("without metric 'test_accuracy'"), std::string::npos) << warnings.str();
  std::vector<std::string> left_out;
  const ScoreTable table = mean_score_table(summary, &left_out);
  EXPECT_EQ(table.datasets, (std::vector<std::string>{"a (x)"}));
  EXPECT_EQ(left_out, (std::vector<std::string>{"b (x)"}));
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

TEST(CdDiagramTest, DemsarFigure1aHasTwoGroupBarsAndTheCriticalDifference) {
  // Demšar 2006, Figure 1(a): mean ranks of Table 6, Nemenyi at p = 0.10 (CD = 2.291 sqrt(20/84) = 1.118),
  // groups {C4.5+m+cf, C4.5+m, C4.5+cf} and {C4.5+cf, C4.5}.
  CdDiagramInput input;
  input.methods = {"C4.5", "C4.5+m", "C4.5+cf", "C4.5+m+cf"};
  input.mean_ranks = {44.0 / 14.0, 28.0 / 14.0, 40.5 / 14.0, 27.5 / 14.0};
  input.critical_difference = 2.291 * std::sqrt(20.0 / 84.0);
  input.alpha = 0.10;
  input.groups = {{3, 1, 2}, {2, 0}};
  const std::string svg = render_cd_diagram_svg(input);
  EXPECT_EQ(count_of(svg, "stroke-width=\"4\""), 2u);
  EXPECT_NE(svg.find("CD = 1.118"), std::string::npos) << svg;
  for (const std::string& method : input.methods) EXPECT_NE(svg.find(method), std::string::npos);
  // The best mean rank (C4.5+m+cf, 1.964) is labelled on the right, the worst (C4.5, 3.143) on the left.
  EXPECT_NE(svg.find("text-anchor=\"start\" font-size=\"13\">1.964  C4.5+m+cf"), std::string::npos) << svg;
  EXPECT_NE(svg.find("text-anchor=\"end\" font-size=\"13\">C4.5  3.143"), std::string::npos) << svg;
}

}  // namespace
}  // namespace annotbench
