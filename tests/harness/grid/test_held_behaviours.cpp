// What the probe of b25b8d6 tried on the truth-inference, few-shot and active grids and found to
// hold (../shared/reliability/probe-b25b8d6.md, "What held"): two runs of one config into one
// directory, a run killed with SIGKILL and started again, a disk that fills up mid-grid. Each ends
// with the rows of one uninterrupted run, each cell once (time fields aside). Through the real binary.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/annotbench_process.h"
#include "tests/support/grid_rows.h"
#include "tests/support/test_names.h"
#include "tests/support/tiny_fewshot_config.h"

namespace annotbench {
namespace {

namespace fs = std::filesystem;

nlohmann::json truth_inference_grid() {
  return {{"name", "held"},
          {"kind", "truth-inference"},
          {"seeds", {0, 1, 2}},
          {"datasets", {"anesthesia"}},
          {"methods", {"mv", "ds", "glad", "mace"}}};
}

nlohmann::json fewshot_grid() {
  nlohmann::json config = testing::tiny_fewshot_config("held", {"lr-mv", "proto-mv"});
  config["seeds"] = {1, 2};
  return config;
}

nlohmann::json active_grid() {
  return {{"name", "held"},
          {"kind", "active"},
          {"seeds", {0, 1}},
          {"datasets", {"iris"}},
          {"oracles", {{{"kind", "symmetric"}, {"rates", {0.3}}}}},
          {"strategies", {"passive", "al-entropy"}},
          {"options", {{"seed_size", 10}, {"round_budget", 10}, {"rounds", 4}, {"min_steps", 50}}}};
}

struct HeldGrid {
  std::string kind;
  nlohmann::json (*config)();
  std::size_t cells;
  // Where a SIGKILL lands mid-cell: when a non-empty file of this name (a find pattern) appears in
  // the results directory.
  std::string kill_when_written;
};

class HeldBehaviours : public ::testing::TestWithParam<HeldGrid> {
 protected:
  void SetUp() override {
    if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
    data_dir = testing::write_crowd_data_dir(dir);
    config = dir.write("held.json", GetParam().config().dump());
    reference = run_into("reference");
    ASSERT_EQ(reference.by_cell.size(), GetParam().cells);
  }

  std::string run_command(const std::string& results) const {
    return "'" + std::string(ANNOTBENCH_BINARY) + "' run '" + config + "' --quiet --results '" +
           (dir.path() / results).string() + "' --data-dir '" + data_dir + "'";
  }

  testing::GridRows run_into(const std::string& results) {
    const testing::ProcessResult run = testing::run_shell(dir, run_command(results));
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return rows_of(results);
  }

  testing::GridRows rows_of(const std::string& results) const {
    return testing::grid_rows(dir.path() / results / "held.jsonl");
  }

  void expect_reference_rows(const testing::GridRows& rows) const {
    EXPECT_EQ(rows.lines, reference.by_cell.size());  // no duplicate
    EXPECT_EQ(rows.by_cell, reference.by_cell);
  }

  testing::TempDir dir;
  std::string data_dir;
  std::string config;
  testing::GridRows reference;
};

TEST_P(HeldBehaviours, TwoRunsOfOneConfigIntoOneDirectoryWriteEachCellOnce) {
  const std::string run = run_command("both");
  const testing::ProcessResult both = testing::run_shell(dir, run + " & " + run + " & wait");
  EXPECT_EQ(both.exit_code, 0) << both.err;
  expect_reference_rows(rows_of("both"));
}

// Truth-inference cells take milliseconds: no kill lands inside one, so only the other two are killed.
class HeldWhenKilled : public HeldBehaviours {};

TEST_P(HeldWhenKilled, ARunKilledMidGridResumesToTheRowsOfAnUninterruptedOne) {
  const fs::path watched = dir.path() / "killed";
  // Killed as soon as the watched place holds a written file, so a cell is part-way done.
  const std::string kill_when_written = run_command("killed") + " & pid=$!; n=0; while kill -0 $pid 2>/dev/null && [ $n -lt 6000 ]; do "
                                        "if [ -n \"$(find '" + watched.string() + "' -type f -name '" + GetParam().kill_when_written +
                                        "' -size +0 2>/dev/null | head -1)\" ]; then break; fi; "
                                        "sleep 0.01; n=$((n+1)); done; kill -9 $pid 2>/dev/null; wait $pid; echo killed $?";
  const testing::ProcessResult killed = testing::run_shell(dir, kill_when_written);
  EXPECT_NE(killed.out.find("killed 137"), std::string::npos) << "the run finished before the kill: " << killed.out;
  const testing::GridRows partial = rows_of("killed");
  EXPECT_LT(partial.by_cell.size(), reference.by_cell.size());
  expect_reference_rows(run_into("killed"));
}

TEST_P(HeldBehaviours, ADiskThatFillsUpStopsTheGridCleanlyAndTheRunContinuesWhereItStopped) {
  // A file-size limit stands in for the full disk; SIGXFSZ is ignored so that write() fails with EFBIG.
  const testing::ProcessResult full =
      testing::run_shell(dir, "bash -c \"trap '' XFSZ; ulimit -f 1; exec " + run_command("full") + "\"");
  EXPECT_EQ(full.exit_code, 1) << full.err;
  EXPECT_NE(full.err.find("File too large"), std::string::npos) << full.err;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir.path() / "full")) {
    if (!entry.is_regular_file() || entry.file_size() == 0 || entry.path().extension() == ".lock") continue;
    const std::string text = testing::file_text(entry.path().string());
    EXPECT_EQ(text.back(), '\n') << entry.path() << " ends in a partial line";
  }
  EXPECT_LT(rows_of("full").by_cell.size(), reference.by_cell.size());
  expect_reference_rows(run_into("full"));
}

std::string kind_name(const ::testing::TestParamInfo<HeldGrid>& info) { return testing::test_identifier(info.param.kind); }

const HeldGrid kFewShotGrid{"fewshot", fewshot_grid, 4, "held.jsonl"};
const HeldGrid kActiveGrid{"active", active_grid, 4, "*.rounds.jsonl"};
INSTANTIATE_TEST_SUITE_P(Kinds, HeldBehaviours,
                         ::testing::Values(HeldGrid{"truth-inference", truth_inference_grid, 12, ""}, kFewShotGrid, kActiveGrid), kind_name);
INSTANTIATE_TEST_SUITE_P(Kinds, HeldWhenKilled, ::testing::Values(kFewShotGrid, kActiveGrid), kind_name);

}  // namespace
}  // namespace annotbench
