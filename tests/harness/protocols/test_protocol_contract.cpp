// The contract every registered protocol (harness/protocols/) inherits without being named here: its
// example config parses into cells of its kind with distinct ids that hold the seed; it runs through
// the real binary; a second run of the same config over the same directory runs nothing; the rows
// of --jobs 1 and --jobs 2 and of a second directory are the same bit for bit (time fields aside);
// every row names its cell and kind and holds finite numbers; an unknown field is refused naming it.

#include <gtest/gtest.h>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "datasets/input_error.h"
#include "harness/grid/config.h"
#include "harness/protocols/protocol.h"
#include "tests/support/annotbench_process.h"
#include "tests/support/grid_rows.h"
#include "tests/support/test_names.h"

namespace annotbench {
namespace {

std::vector<std::string> protocol_kinds() {
  std::vector<std::string> kinds;
  for (const auto& protocol : registered_protocols()) kinds.push_back(protocol->kind());
  return kinds;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param.empty() ? "learning" : testing::test_identifier(info.param);
}

class ProtocolContract : public ::testing::TestWithParam<std::string> {
 protected:
  const Protocol& protocol() const { return protocol_for_kind(GetParam()); }
  nlohmann::json example() const { return protocol().example_config(); }
  std::string name() const { return example().at("name").get<std::string>(); }
};

TEST_P(ProtocolContract, ItsExampleExpandsToCellsOfItsKindWithDistinctIdsThatHoldTheSeed) {
  const ExperimentConfig config = parse_experiment_config(example(), "example.json");
  ASSERT_GE(config.cells.size(), 2u);
  std::set<std::string> ids;
  for (const ExperimentCell& cell : config.cells) {
    EXPECT_EQ(cell.kind, GetParam());
    EXPECT_EQ(&protocol_of(cell), &protocol());
    ExperimentCell other_seed = cell;
    other_seed.training.seed += 1000;
    EXPECT_NE(cell_id(other_seed), cell_id(cell));
    EXPECT_EQ(cell_id(cell), cell_id(ExperimentCell(cell)));
    ids.insert(cell_id(cell));
  }
  EXPECT_EQ(ids.size(), config.cells.size());
}

TEST_P(ProtocolContract, AnUnknownFieldIsRefusedNamingTheFileAndTheField) {
  nlohmann::json config = example();
  config["sedes"] = {0};
  try {
    parse_experiment_config(config, "example.json");
    FAIL() << "an unknown field was accepted";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("example.json"), std::string::npos) << message;
    EXPECT_NE(message.find("sedes"), std::string::npos) << message;
  }
}

TEST_P(ProtocolContract, RunsReproduceBitForBitAcrossDirectoriesAndJobsAndResumeToNothing) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  const testing::TempDir dir;
  const std::string data_dir = testing::write_crowd_data_dir(dir);
  const std::string config = dir.write("example.json", example().dump());
  const auto run = [&](const std::string& results, int jobs) {
    return testing::run_annotbench(dir, "run '" + config + "' --quiet --jobs " + std::to_string(jobs) + " --results '" +
                                            (dir.path() / results).string() + "' --data-dir '" + data_dir + "'");
  };
  const testing::ProcessResult first = run("first", 1);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const ExperimentConfig parsed = parse_experiment_config(example(), "example.json");
  const testing::GridRows rows = testing::grid_rows(dir.path() / "first" / (name() + ".jsonl"));
  EXPECT_EQ(rows.lines, parsed.cells.size());
  for (const auto& [cell, text] : rows.by_cell) {
    const nlohmann::json row = nlohmann::json::parse(text);
    EXPECT_EQ(row.value("kind", std::string()), GetParam()) << cell;
    EXPECT_TRUE(row.at("metrics").is_object()) << cell;
    for (const auto& [metric, value] : row.at("metrics").items())
      if (value.is_number()) {
        EXPECT_TRUE(std::isfinite(value.get<double>())) << cell << " " << metric;
      }
  }
  const testing::ProcessResult again = run("first", 1);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find(": 0 finished, " + std::to_string(parsed.cells.size()) + " already done"), std::string::npos)
      << again.err;
  const testing::ProcessResult second = run("second", 2);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(testing::grid_rows(dir.path() / "second" / (name() + ".jsonl")).by_cell, rows.by_cell);
}

INSTANTIATE_TEST_SUITE_P(Registered, ProtocolContract, ::testing::ValuesIn(protocol_kinds()), test_name);

}  // namespace
}  // namespace annotbench
