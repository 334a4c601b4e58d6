// Two `annotbench run` processes on one results directory, as when a user starts a config twice or
// two array tasks get the same shard by mistake: every cell ends up written once, and trained once.

#include <algorithm>
#include <map>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/support/annotbench_process.h"
#include "harness/grid/config.h"
#include "reports/result_rows.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

nlohmann::json grid_config() {
  return {{"name", "twice"},
          {"epochs", 2},
          {"seeds", {0, 1, 2, 3, 4, 5, 6, 7}},
          {"split", {{"test_fraction", 0.2}, {"valid_size", 0.1}}},
          {"datasets", {{{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"annotators", 4}, {"rates", {0.3}}}}}}},
          {"methods", {"majority-vote", "crowd-layer", "trace-reg"}}};
}

// "twice: 11 finished, ..." from each process's summary line, summed.
std::size_t finished_by_all(const std::string& output) {
  const std::regex summary(R"(twice: ([0-9]+) finished)");
  std::size_t total = 0;
  for (std::sregex_iterator it(output.begin(), output.end(), summary), end; it != end; ++it)
    total += std::stoul((*it)[1].str());
  return total;
}

void expect_every_cell_once(const std::string& results_dir, std::vector<ExperimentCell> cells) {
  resolve_data_files(cells, testing::shared_data_dir());  // ids hold the data's checksum, as run's do
  std::ostringstream warnings;
  std::map<std::string, int> rows_per_cell;
  for (const ResultRow& row : read_result_rows(results_dir, warnings)) ++rows_per_cell[row.cell];
  EXPECT_EQ(warnings.str(), "");
  EXPECT_EQ(rows_per_cell.size(), cells.size());
  for (const ExperimentCell& cell : cells) EXPECT_EQ(rows_per_cell[cell_id(cell)], 1) << cell_id(cell);
}

std::string two_processes(const std::string& config, const std::string& results, const std::string& extra) {
  const std::string run = "'" + std::string(ANNOTBENCH_BINARY) + "' run '" + config + "' --results '" + results +
                          "' --quiet --data-dir '" + testing::shared_data_dir() + "' " + extra;
  return run + " & " + run + " & wait";
}

TEST(ConcurrentRuns, TwoRunProcessesOnOneDirectoryWriteAndTrainEveryCellOnce) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  testing::TempDir dir;
  const std::string config = dir.write("twice.json", grid_config().dump());
  const std::string results = (dir.path() / "r").string();
  const testing::ProcessResult both = testing::run_shell(dir, two_processes(config, results, ""));
  EXPECT_EQ(both.exit_code, 0) << both.err;
  const ExperimentConfig parsed = load_experiment_config(config);
  expect_every_cell_once(results, parsed.cells);
  EXPECT_EQ(finished_by_all(both.err), parsed.cells.size()) << both.err;
}

TEST(ConcurrentRuns, TwoArrayTasksGivenTheSameShardWriteAndTrainItsCellsOnce) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  testing::TempDir dir;
  const std::string config = dir.write("twice.json", grid_config().dump());
  const std::string results = (dir.path() / "r").string();
  const testing::ProcessResult both = testing::run_shell(dir, two_processes(config, results, "--shard 2/3"));
  EXPECT_EQ(both.exit_code, 0) << both.err;
  const std::vector<ExperimentCell> shard = shard_cells(load_experiment_config(config).cells, 2, 3);
  expect_every_cell_once(results, shard);
  EXPECT_EQ(finished_by_all(both.err), shard.size()) << both.err;
}

}  // namespace
}  // namespace annotbench
