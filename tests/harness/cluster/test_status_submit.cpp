// annotbench status (how far a grid is, per shard, with the failed cells' errors) and annotbench
// submit (the sbatch array script; only shards with work are submitted again).

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/annotbench_process.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

// 8 cells: shard 1/2 holds seeds 0 and 1 of majority-vote... every other cell of the grid.
nlohmann::json grid_config() {
  return {{"name", "grid"},
          {"epochs", 1},
          {"seeds", {0, 1, 2, 3}},
          {"split", {{"test_fraction", 0.2}, {"valid_size", 0.1}}},
          {"datasets", {{{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"annotators", 4}, {"rates", {0.3}}}}}}},
          {"methods", {"majority-vote", "crowd-layer"}}};
}

struct Grid {
  testing::TempDir dir;
  std::string config = dir.write("grid.json", grid_config().dump());
  std::string results = (dir.path() / "r").string();
  std::string broken_data = dir.write("broken/iris.csv", "\"Sepal.Length\",\"Species\"\nx,setosa\n");

  testing::ProcessResult annotbench(const std::string& arguments) const {
    return testing::run_annotbench(dir, arguments);
  }
  testing::ProcessResult run_shard(const std::string& shard, const std::string& data_dir) const {
    return annotbench("run " + config + " --results " + results + " --quiet --shard " + shard + " --data-dir " + data_dir);
  }
};

TEST(StatusCommand, CountsDoneFailedAndMissingPerShardAndShowsTheErrors) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  const Grid grid;
  EXPECT_EQ(grid.run_shard("1/2", (grid.dir.path() / "broken").string()).exit_code, 1);
  EXPECT_EQ(grid.run_shard("2/2", testing::shared_data_dir()).exit_code, 0);

  const testing::ProcessResult status = grid.annotbench("status " + grid.config + " --results " + grid.results);
  EXPECT_EQ(status.exit_code, 0) << status.err;
  // The shard count is read from the shard files' names.
  EXPECT_NE(status.out.find("grid in " + grid.results + ": 8 cells, 4 done, 0 running, 4 failed, 0 missing"),
            std::string::npos) << status.out;
  EXPECT_NE(status.out.find("1/2              4       0        0       4        0"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("2/2              4       4        0       0        0"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("failed cells (the last error of each):"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("broken/iris.csv"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("grid.shard-1-of-2.failures.ndjson:1"), std::string::npos) << status.out;

  // Counted as 4 shards: a cell's place follows the new split.
  const testing::ProcessResult four = grid.annotbench("status " + grid.config + " --results " + grid.results + " --tasks 4");
  EXPECT_NE(four.out.find("1/4              2       0        0       2        0"), std::string::npos) << four.out;

  EXPECT_EQ(grid.run_shard("1/2", testing::shared_data_dir()).exit_code, 0);
  const testing::ProcessResult fixed = grid.annotbench("status " + grid.config + " --results " + grid.results);
  EXPECT_NE(fixed.out.find("8 cells, 8 done, 0 running, 0 failed, 0 missing"), std::string::npos) << fixed.out;
  EXPECT_EQ(fixed.out.find("failed cells"), std::string::npos) << fixed.out;
}

TEST(SubmitCommand, DryRunPrintsAnArrayScriptThatRunsOneShardPerTask) {
  const Grid grid;
  const testing::ProcessResult dry = grid.annotbench(
      "submit " + grid.config + " --results " + grid.results +
      " --tasks 4 --partition short --time 1:00:00 --cpus-per-task 2 --gpus-per-task 1 --dry-run");
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  for (const std::string& line : std::vector<std::string>{"#SBATCH --array=1-4\n", "#SBATCH --partition=short\n", "#SBATCH --time=1:00:00\n",
        "#SBATCH --cpus-per-task=2\n", "#SBATCH --gpus-per-task=1\n",
        "#SBATCH --output=" + grid.results + "/slurm-%A_%a.out\n", "export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n"})
    EXPECT_NE(dry.out.find(line), std::string::npos) << line << " not in\n" << dry.out;
  EXPECT_NE(dry.out.find(" run '" + grid.config + "' --results '" + grid.results +
                         "' --shard \"${SLURM_ARRAY_TASK_ID}/4\" --jobs \"${SLURM_CPUS_PER_TASK:-1}\" --device cuda\n"),
            std::string::npos) << dry.out;
  // A dry run writes nothing.
  EXPECT_FALSE(std::filesystem::exists(grid.results));

  const testing::ProcessResult cpu = grid.annotbench("submit " + grid.config + " --results " + grid.results + " --dry-run");
  EXPECT_NE(cpu.out.find("#SBATCH --array=1-8\n"), std::string::npos) << cpu.out;  // default: one task per cell, up to 16
  EXPECT_EQ(cpu.out.find("--device cuda"), std::string::npos) << cpu.out;
  EXPECT_EQ(cpu.out.find("--gpus-per-task"), std::string::npos) << cpu.out;
}

TEST(SubmitCommand, SubmittingAgainSendsOnlyTheShardsWithCellsToRun) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  const Grid grid;
  ASSERT_EQ(grid.run_shard("2/4", testing::shared_data_dir()).exit_code, 0);
  const testing::ProcessResult again =
      grid.annotbench("submit " + grid.config + " --results " + grid.results + " --tasks 4 --dry-run");
  EXPECT_NE(again.out.find("#SBATCH --array=1,3,4\n"), std::string::npos) << again.out;

  for (const std::string shard : {"1/4", "3/4", "4/4"}) ASSERT_EQ(grid.run_shard(shard, testing::shared_data_dir()).exit_code, 0);
  const testing::ProcessResult done =
      grid.annotbench("submit " + grid.config + " --results " + grid.results + " --tasks 4");
  EXPECT_EQ(done.exit_code, 0) << done.err;
  EXPECT_EQ(done.out, "");  // no job id: nothing was submitted
  EXPECT_NE(done.err.find("nothing to submit"), std::string::npos) << done.err;
}

TEST(SubmitCommand, WithoutSbatchSaysSoAndFails) {
  const Grid grid;
  const testing::ProcessResult submit = testing::run_shell(
      grid.dir, "PATH=/nonexistent '" + std::string(ANNOTBENCH_BINARY) + "' submit " + grid.config + " --results " +
                    grid.results);
  EXPECT_EQ(submit.exit_code, 1);
  EXPECT_NE(submit.err.find("sbatch was not found"), std::string::npos) << submit.err;
}

}  // namespace
}  // namespace annotbench
