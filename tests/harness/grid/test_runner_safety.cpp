// The runner keeps results safe when the path is wrong (D2, D4), records why cells failed so that
// `status` can show it, and retries failed cells on the next run.

#include <algorithm>
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/support/annotbench_process.h"
#include "harness/store/failure_log.h"
#include "harness/grid/runner.h"
#include "reports/result_rows.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

nlohmann::json tiny_config(const std::string& name, int seeds) {
  nlohmann::json seed_list = nlohmann::json::array();
  for (int s = 0; s < seeds; ++s) seed_list.push_back(s);
  return {{"name", name},
          {"epochs", 1},
          {"seeds", seed_list},
          {"split", {{"test_fraction", 0.2}, {"valid_size", 0.1}}},
          {"datasets", {{{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"annotators", 4}, {"rates", {0.3}}}}}}},
          {"methods", {"majority-vote", "crowd-layer"}}};
}

std::size_t lines_in(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

// D4: `--results afile` trained all 12 cells and threw every one away.
TEST(RunnerSafety, ResultsPathThatCannotBeWrittenFailsBeforeAnyCellTrains) {
  testing::TempDir dir;
  const std::string not_a_directory = dir.write("afile", "");
  RunOptions options;
  options.results_dir = not_a_directory;
  options.progress = false;
  const ExperimentConfig config = parse_experiment_config(tiny_config("t", 2), "t.json");
  EXPECT_THROW(run_experiment(config, options), std::exception);
  EXPECT_EQ(testing::file_text(not_a_directory), "");
}

// D4: on a full disk every remaining cell was trained and its row thrown away. Now the first row
// that cannot be written stops the run. A file-size limit of 2 KiB stands in for the full disk.
TEST(RunnerSafety, FirstRowThatCannotBeWrittenStopsTheRun) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  testing::TempDir dir;
  const std::string config = dir.write("t.json", tiny_config("t", 6).dump());
  const std::string results = (dir.path() / "r").string();
  // SIGXFSZ is ignored so that write() fails with EFBIG instead of killing the process.
  const testing::ProcessResult run = testing::run_shell(
      dir, "bash -c \"trap '' XFSZ; ulimit -f 2; exec '" + std::string(ANNOTBENCH_BINARY) + "' run '" + config +
               "' --results '" + results + "' --quiet --data-dir '" + testing::shared_data_dir() + "'\"");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("stopped: "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("File too large"), std::string::npos) << run.err;
  const std::string rows = testing::file_text(results + "/t.jsonl");
  EXPECT_TRUE(rows.empty() || rows.back() == '\n');  // no half row left behind
  // Stopped at the first failure: the rows that fit, then nothing more was trained.
  std::ostringstream expected;
  expected << "t: " << lines_in(rows) << " finished, 0 already done, 0 failed of 12 cells";
  EXPECT_NE(run.err.find(expected.str()), std::string::npos) << run.err;
  EXPECT_LT(lines_in(rows), 12u);
}

// A failed cell used to leave nothing but a line on stderr. Its error is now kept beside the
// results, and the next run (here with the right data) retries it.
TEST(RunnerSafety, FailedCellsAreRecordedAndRetriedByTheNextRun) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  testing::TempDir dir;
  const std::string broken_data = (dir.path() / "broken").string();
  dir.write("broken/iris.csv", "\"Sepal.Length\",\"Species\"\n1.0,setosa\nnot-a-number,setosa\n");
  const ExperimentConfig config = parse_experiment_config(tiny_config("t", 2), "t.json");
  RunOptions options;
  options.results_dir = (dir.path() / "r").string();
  options.progress = false;
  options.data_dir = broken_data;
  const RunSummary broken = run_experiment(config, options);
  EXPECT_EQ(broken.failed, 4u);
  EXPECT_EQ(broken.finished, 0u);
  const std::vector<FailureRecord> failures = read_failure_records(options.results_dir);
  ASSERT_EQ(failures.size(), 4u);
  std::vector<ExperimentCell> broken_cells = config.cells;
  resolve_data_files(broken_cells, broken_data);  // the id holds the checksum of the data it read
  EXPECT_EQ(failures[0].cell, cell_id(broken_cells[0]));
  EXPECT_NE(failures[0].error.find("iris.csv"), std::string::npos) << failures[0].error;

  options.data_dir = testing::shared_data_dir();
  const RunSummary retried = run_experiment(config, options);
  EXPECT_EQ(retried.already_done, 0u);
  EXPECT_EQ(retried.finished, 4u);
  std::ostringstream warnings;
  // The failure records are not read as results by report.
  EXPECT_EQ(read_result_rows(options.results_dir, warnings).size(), 4u);
  EXPECT_EQ(warnings.str(), "");
}

// D3: a complete last row without '\n' was counted as done, then cut by the first append.
TEST(RunnerSafety, CompleteLastRowWithoutNewlineIsKeptAndNotRunAgain) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  testing::TempDir dir;
  const ExperimentConfig config = parse_experiment_config(tiny_config("t", 2), "t.json");
  RunOptions options;
  options.results_dir = (dir.path() / "r").string();
  options.progress = false;
  options.data_dir = testing::shared_data_dir();
  ASSERT_EQ(run_experiment(config, options).finished, 4u);
  const std::string file = options.results_dir + "/t.jsonl";
  std::string rows = testing::file_text(file);
  rows.pop_back();  // as `head -c -1` leaves it
  const std::string last_row_without_line_end = rows;
  dir.write("r/t.jsonl", last_row_without_line_end);
  const RunSummary again = run_experiment(config, options);
  EXPECT_EQ(again.already_done, 4u);
  EXPECT_EQ(again.finished, 0u);
  EXPECT_EQ(testing::file_text(file), last_row_without_line_end + "\n");
}

// W10 (its --shard part): 1/99999999999 was cut to an int and wrote shard-1-of-1215752191.
TEST(RunnerSafety, ShardCountBeyondTheIntRangeIsRejected) {
  testing::TempDir dir;
  const std::string config = dir.write("t.json", tiny_config("t", 2).dump());
  for (const std::string shard : {"1/99999999999", "0/4", "5/4", "1/0", "-1/4"}) {
    const testing::ProcessResult run =
        testing::run_annotbench(dir, "run " + config + " --results " + (dir.path() / "r").string() + " --shard " + shard);
    EXPECT_EQ(run.exit_code, 1) << shard;
    EXPECT_NE(run.err.find("--shard must be I/N with 1 <= I <= N"), std::string::npos) << shard << ": " << run.err;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "r"));
}

}  // namespace
}  // namespace annotbench
