// Experiment configs: grid expansion, shards that partition the grid, and errors that name the field.

#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "datasets/input_error.h"
#include "harness/grid/config.h"
#include "reports/result_rows.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

nlohmann::json small_config(const nlohmann::json& methods) {
  return {{"name", "t"},
          {"epochs", 3},
          {"seeds", {0, 1, 2}},
          {"split", {{"test_fraction", 0.2}, {"valid_size", 0.1}}},
          {"datasets",
           {{{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"annotators", 5}, {"rates", {0.3}}}}},
            {{"dataset", "wine"}, {"simulator", {{"kind", "uniform"}, {"annotators", 5}, {"rates", {0.5}}}}}}},
          {"methods", methods}};
}

bool have_methods() { return registered_methods().size() >= 2; }

TEST(ExperimentConfig, ExpandsSettingsTimesSeedsTimesMethods) {
  if (!have_methods()) GTEST_SKIP() << "needs two registered methods";
  const std::string first = registered_methods()[0].name, second = registered_methods()[1].name;
  const ExperimentConfig config = parse_experiment_config(small_config({first, second}), "t.json");
  ASSERT_EQ(config.cells.size(), 2u * 3u * 2u);
  EXPECT_EQ(config.cells[0].setting, "iris (uniform r=0.3)");
  EXPECT_EQ(config.cells[0].training.epochs, 3);
  std::set<std::string> ids;
  for (const ExperimentCell& cell : config.cells) ids.insert(cell_id(cell));
  EXPECT_EQ(ids.size(), config.cells.size());  // every cell has its own id
}

TEST(ExperimentConfig, ShardsPartitionTheGridDeterministically) {
  if (!have_methods()) GTEST_SKIP() << "needs two registered methods";
  const ExperimentConfig config =
      parse_experiment_config(small_config({registered_methods()[0].name, registered_methods()[1].name}), "t.json");
  std::multiset<std::string> union_of_shards;
  for (int index = 1; index <= 5; ++index) {
    const auto shard = shard_cells(config.cells, index, 5);
    const auto again = shard_cells(config.cells, index, 5);
    ASSERT_EQ(shard.size(), again.size());
    for (std::size_t k = 0; k < shard.size(); ++k) EXPECT_EQ(cell_id(shard[k]), cell_id(again[k]));
    for (const ExperimentCell& cell : shard) union_of_shards.insert(cell_id(cell));
  }
  std::multiset<std::string> all;
  for (const ExperimentCell& cell : config.cells) all.insert(cell_id(cell));
  EXPECT_EQ(union_of_shards, all);
  EXPECT_THROW(shard_cells(config.cells, 0, 5), ConfigError);
  EXPECT_THROW(shard_cells(config.cells, 6, 5), ConfigError);
}

TEST(ExperimentConfig, CellIdIgnoresNothingThatChangesTheRun) {
  ExperimentCell a;
  a.setting = "s";
  a.dataset = "iris";
  a.method = "m";
  ExperimentCell b = a;
  EXPECT_EQ(cell_id(a), cell_id(b));
  b.training.epochs = 7;
  EXPECT_NE(cell_id(a), cell_id(b));
  b = a;
  b.method_options["alpha"] = 0.5;
  EXPECT_NE(cell_id(a), cell_id(b));
  b = a;
  b.simulation.seed = 3;
  b.simulation.kind = "uniform";
  EXPECT_NE(cell_id(a), cell_id(b));
}

std::string config_error(const nlohmann::json& config) {
  try {
    parse_experiment_config(config, "c.json");
  } catch (const std::exception& error) {
    return error.what();
  }
  return "no error";
}

// The paper's rows mv-base and mv-mixup are one method with two options: two cells, two names in
// the results, and a label may name only one of them.
TEST(ExperimentConfig, LabelledOptionVariantsStayTwoRows) {
  const nlohmann::json methods = {{{"method", "majority-vote"}, {"options", {{"alpha", 0.0}}}, {"label", "mv-base"}},
                                  {{"method", "majority-vote"}, {"options", {{"alpha", 1.0}}}, {"label", "mv-mixup"}}};
  const ExperimentConfig config = parse_experiment_config(small_config(methods), "t.json");
  ASSERT_EQ(config.cells.size(), 2u * 3u * 2u);
  EXPECT_EQ(config.cells[0].method_label, "mv-base");
  EXPECT_EQ(config.cells[1].method_label, "mv-mixup");
  EXPECT_NE(cell_id(config.cells[0]), cell_id(config.cells[1]));
  std::ostringstream warnings;
  const std::vector<ResultRow> rows = parse_result_rows(
      R"({"dataset":"iris","method":"majority-vote","label":"mv-base","seed":0,"metrics":{"test_accuracy":0.5},"hyperparameters":{"alpha":0}})"
      "\n"
      R"({"dataset":"iris","method":"majority-vote","label":"mv-mixup","seed":0,"metrics":{"test_accuracy":0.7},"hyperparameters":{"alpha":1}})"
      "\n",
      "rows.jsonl", warnings);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].method, "mv-base");
  EXPECT_EQ(rows[1].method, "mv-mixup");

  nlohmann::json twice = methods;
  twice[1]["label"] = "mv-base";
  try {
    parse_experiment_config(small_config(twice), "t.json");
    FAIL() << "a label used twice was accepted";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("methods[1].label"), std::string::npos) << error.what();
  }
}

TEST(ExperimentConfigBadInput, UnknownFieldIsNamed) {
  nlohmann::json config = small_config({"x"});
  config["epochz"] = 3;
  EXPECT_EQ(config_error(config).rfind("c.json: field 'epochz': unknown field", 0), 0u) << config_error(config);
}

TEST(ExperimentConfigBadInput, WrongTypeNamesTheNestedField) {
  nlohmann::json config = small_config({"x"});
  config["datasets"][1]["simulator"]["annotators"] = "five";
  EXPECT_EQ(config_error(config), "c.json: field 'datasets[1].simulator.annotators': expected a whole number, got \"five\"");
}

TEST(ExperimentConfigBadInput, UnknownMethodFailsBeforeAnyRun) {
  const std::string message = config_error(small_config({"no-such-method"}));
  EXPECT_NE(message.find("unknown method 'no-such-method'"), std::string::npos) << message;
}

TEST(ExperimentConfigBadInput, JsonSyntaxErrorNamesTheLine) {
  testing::TempDir dir;
  const std::string path = dir.write("bad.json", "{\n  \"name\": \"x\",\n  \"epochs\": 3,,\n}\n");
  try {
    load_experiment_config(path);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.line(), 3u) << error.what();
  }
}

}  // namespace
}  // namespace annotbench
