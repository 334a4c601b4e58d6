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

#include "tests/annotbench_process.h"
#include "tests/tiny_fewshot_config.h"

namespace annotbench {
namespace {

namespace fs = std::filesystem;

// Fields that time a run or say where it resumed: everything else must match the uninterrupted run.
void drop_timing(nlohmann::json& value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end();) {
      const std::string& key = it.key();
      const bool timing = key == "finished_at" || key == "resumed_from_round" ||
                          (key.size() >= 7 && key.compare(key.size() - 7, 7, "seconds") == 0);
      if (timing) {
        it = value.erase(it);
      } else {
        drop_timing(*it);
        ++it;
      }
    }
  } else if (value.is_array()) {
    for (nlohmann::json& element : value) drop_timing(element);
  }
}

struct GridRows {
  std::map<std::string, std::string> by_cell;  // cell id -> row without its timing
  std::size_t lines = 0;
};

GridRows grid_rows(const fs::path& jsonl) {
  GridRows rows;
  std::istringstream lines(testing::file_text(jsonl.string()));
  std::string line;
  while (std::getline(lines, line)) {
    ++rows.lines;
    nlohmann::json row = nlohmann::json::parse(line);
    drop_timing(row);
    rows.by_cell[row.at("cell").get<std::string>()] = row.dump();
  }
  return rows;
}

// A crowd file in the layout of the anaesthesia set (long, "item","rater","rating"), written into a
// data directory of the test's own, so that the truth-inference grid needs no file from ../shared:
// 60 items, 5 raters, 3 grades, rater r right with probability 0.9 - 0.1 r.
std::string write_crowd_data_dir(const testing::TempDir& dir) {
  const fs::path data = dir.path() / "data";
  fs::create_directories(data / "crowd" / "dawid_skene_1979");
  std::ostringstream file;
  file << "\"item\",\"rater\",\"rating\"\n";
  unsigned state = 12345;
  const auto next_unit = [&state] {
    state = state * 1103515245u + 12345u;
    return static_cast<double>((state >> 8) & 0xffff) / 65536.0;
  };
  for (int item = 1; item <= 60; ++item) {
    const int truth = 1 + item % 3;
    for (int rater = 1; rater <= 5; ++rater) {
      const bool right = next_unit() < 0.9 - 0.1 * rater;
      file << item << ',' << rater << ',' << (right ? truth : 1 + (truth + rater) % 3) << '\n';
    }
  }
  std::ofstream(data / "crowd" / "dawid_skene_1979" / "derived_anesthesia.csv") << file.str();
  return data.string();
}

struct HeldGrid {
  std::string kind;
  std::size_t cells;
  // Where a SIGKILL lands mid-cell: when a non-empty file of this name (a find pattern) appears in
  // the results directory.
  std::string kill_when_written;
};

nlohmann::json grid_config(const std::string& kind) {
  if (kind == "truth-inference")
    return {{"name", "held"},
            {"kind", "truth-inference"},
            {"seeds", {0, 1, 2}},
            {"datasets", {"anesthesia"}},
            {"methods", {"mv", "ds", "glad", "mace"}}};
  if (kind == "fewshot") {
    nlohmann::json config = testing::tiny_fewshot_config("held", {"lr-mv", "proto-mv"});
    config["seeds"] = {1, 2};
    return config;
  }
  return {{"name", "held"},
          {"kind", "active"},
          {"seeds", {0, 1}},
          {"datasets", {"iris"}},
          {"oracles", {{{"kind", "symmetric"}, {"rates", {0.3}}}}},
          {"strategies", {"passive", "al-entropy"}},
          {"options", {{"seed_size", 10}, {"round_budget", 10}, {"rounds", 4}, {"min_steps", 50}}}};
}

class HeldBehaviours : public ::testing::TestWithParam<HeldGrid> {
 protected:
  void SetUp() override {
    if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
    data_dir = write_crowd_data_dir(dir);
    config = dir.write("held.json", grid_config(GetParam().kind).dump());
    reference = run_into("reference");
    ASSERT_EQ(reference.by_cell.size(), GetParam().cells);
  }

  std::string run_command(const std::string& results) const {
    return "'" + std::string(ANNOTBENCH_BINARY) + "' run '" + config + "' --quiet --results '" +
           (dir.path() / results).string() + "' --data-dir '" + data_dir + "'";
  }

  GridRows run_into(const std::string& results) {
    const testing::ProcessResult run = testing::run_shell(dir, run_command(results));
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return rows_of(results);
  }

  GridRows rows_of(const std::string& results) const { return grid_rows(dir.path() / results / "held.jsonl"); }

  void expect_reference_rows(const GridRows& rows) const {
    EXPECT_EQ(rows.lines, reference.by_cell.size());  // no duplicate
    EXPECT_EQ(rows.by_cell, reference.by_cell);
  }

  testing::TempDir dir;
  std::string data_dir;
  std::string config;
  GridRows reference;
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
  const GridRows partial = rows_of("killed");
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

std::string kind_name(const ::testing::TestParamInfo<HeldGrid>& info) {
  std::string name = info.param.kind;
  for (char& c : name)
    if (c == '-') c = '_';
  return name;
}

const HeldGrid kFewShotGrid{"fewshot", 4, "held.jsonl"};
const HeldGrid kActiveGrid{"active", 4, "*.rounds.jsonl"};
INSTANTIATE_TEST_SUITE_P(Kinds, HeldBehaviours,
                         ::testing::Values(HeldGrid{"truth-inference", 12, ""}, kFewShotGrid, kActiveGrid), kind_name);
INSTANTIATE_TEST_SUITE_P(Kinds, HeldWhenKilled, ::testing::Values(kFewShotGrid, kActiveGrid), kind_name);

}  // namespace
}  // namespace annotbench
