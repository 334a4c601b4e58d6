// Runs of a grid as the probe of commit b25b8d6 made them (../shared/reliability/probe-b25b8d6.md):
// reproducibility across --jobs with the BLAS (W2), the progress lines of --verbose (N31). Through the real binary.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/annotbench_process.h"
#include "tests/support/grid_rows.h"
#include "tests/support/tiny_fewshot_config.h"

namespace annotbench {
namespace {

// b25b8d6: OpenBLAS ran 2 threads under --jobs 1 and 1 under --jobs 2, and all 48 learning rows of
// the probe's grid differed (AP AUROC by up to 0.024), while both recorded threads "1".
TEST(ProbeB25, W2_JobsOneAndJobsTwoWriteTheSameRows) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  const testing::TempDir dir;
  const nlohmann::json config = {
      {"name", "repro"},
      {"epochs", 3},
      {"seeds", {0, 1}},
      {"datasets",
       {{{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"annotators", 5}, {"rates", {0.3}}}}},
        {{"dataset", "wine"}, {"simulator", {{"kind", "class-dependent"}, {"annotators", 5}, {"rates", {0.3}}}}}}},
      {"methods", {"trace-reg", "annot-mix", "madl"}}};
  const std::string config_path = dir.write("repro.json", config.dump());
  std::map<std::string, std::string> rows[2];
  for (const int jobs : {1, 2}) {
    const std::string results = (dir.path() / ("j" + std::to_string(jobs))).string();
    const testing::ProcessResult run = testing::run_annotbench(
        dir, "run '" + config_path + "' --quiet --results '" + results + "' --jobs " + std::to_string(jobs) +
                 " --data-dir '" + testing::shared_data_dir() + "'");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    rows[jobs - 1] = testing::grid_rows(results + "/repro.jsonl").by_cell;
  }
  ASSERT_EQ(rows[0].size(), 12u);
  ASSERT_EQ(rows[1].size(), 12u);
  for (const auto& [cell, row] : rows[0]) {
    ASSERT_TRUE(rows[1].count(cell)) << cell;
    EXPECT_EQ(row, rows[1].at(cell)) << cell;
  }
  // The rows say what they ran on: one LibTorch thread and, where the BLAS tells, one BLAS thread.
  const nlohmann::json first = nlohmann::json::parse(rows[0].begin()->second);
  EXPECT_EQ(first.at("versions").at("threads"), "1");
  if (first.at("versions").contains("blas_threads")) EXPECT_EQ(first.at("versions").at("blas_threads"), "1");
}

// b25b8d6 printed few-shot validation checks as "epoch 1/2 loss ...": they come every validate_every
// meta-training iterations, so the line now counts iterations.
TEST(ProbeB25, N31_FewShotVerboseCountsIterations) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  const testing::TempDir dir;
  const std::string config = dir.write("fs.json", testing::tiny_fewshot_config("fs", {"proto-mv"}).dump());
  const testing::ProcessResult run = testing::run_annotbench(
      dir, "run '" + config + "' --verbose --results '" + (dir.path() / "r").string() + "' --data-dir '" +
               testing::shared_data_dir() + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("proto-mv | seed 1: iteration 2/4 loss "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("proto-mv | seed 1: iteration 4/4 loss "), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find(": epoch "), std::string::npos) << run.err;
}

}  // namespace
}  // namespace annotbench
