// What a config may name and list: its name becomes a file name (D5), and each cell appears once (W9).

#include <gtest/gtest.h>

#include "datasets/input_error.h"
#include "harness/grid/config.h"
#include "harness/grid/runner.h"

namespace annotbench {
namespace {

nlohmann::json config_named(const std::string& name) {
  return {{"name", name},
          {"epochs", 1},
          {"seeds", {0, 1}},
          {"datasets", {{{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"rates", {0.3}}}}}}},
          {"methods", {"majority-vote", "annot-mix"}}};
}

std::string error_of(const nlohmann::json& config) {
  try {
    parse_experiment_config(config, "c.json");
  } catch (const InputError& error) {
    return error.field() + ": " + error.what();
  }
  return "";
}

// D5: "../../x" wrote outside results/, "a/b" nested folders, "" wrote a hidden .jsonl among others.
TEST(ConfigName, MustBeAFileNameToken) {
  for (const std::string bad : {"../../escaped", "a/b/c", "/abs", "", ".hidden", "..", "a b", "x\ny"})
    EXPECT_EQ(error_of(config_named(bad)).rfind("name: ", 0), 0u) << "accepted name \"" << bad << "\"";
  for (const std::string good : {"quick", "paper-letter", "sweep_v1.2", "A1"})
    EXPECT_EQ(error_of(config_named(good)), "") << good;
}

// W9: a repeated seed, method or setting gave two rows with one cell id.
TEST(ConfigDuplicates, RepeatedSeedMethodOrSettingIsRejectedNamingIt) {
  nlohmann::json seeds = config_named("d");
  seeds["seeds"] = {0, 1, 0};
  EXPECT_NE(error_of(seeds).find("seed 0 is listed twice"), std::string::npos) << error_of(seeds);

  nlohmann::json methods = config_named("d");
  methods["methods"] = {"majority-vote", "annot-mix", "majority-vote"};
  EXPECT_EQ(error_of(methods).rfind("methods[2]: ", 0), 0u) << error_of(methods);

  nlohmann::json options = config_named("d");
  options["methods"] = {{{"method", "annot-mix"}, {"options", {{"alpha", 0.5}}}},
                        {{"method", "annot-mix"}, {"options", {{"alpha", 0.5}}}}};
  EXPECT_EQ(error_of(options).rfind("methods[1]: ", 0), 0u) << error_of(options);

  nlohmann::json settings = config_named("d");
  nlohmann::json relabelled = settings["datasets"][0];
  relabelled["setting"] = "iris again";  // a new label does not make it another experiment
  settings["datasets"].push_back(relabelled);
  EXPECT_EQ(error_of(settings).rfind("datasets[1].dataset: ", 0), 0u) << error_of(settings);

  nlohmann::json variants = config_named("d");
  variants["methods"] = {{{"method", "annot-mix"}, {"options", {{"alpha", 0.5}}}},
                         {{"method", "annot-mix"}, {"options", {{"alpha", 2.0}}}}};
  EXPECT_EQ(error_of(variants), "");  // option variants are different cells
}

// K11: batched replicas and separate runs share an id, so a resumed directory mixed them silently.
TEST(CellIdentity, BatchedSeedsAreOtherCellsThanSeparateRunsOnlyForMethodsWithABatchedForm) {
  const ExperimentConfig config = parse_experiment_config(config_named("k"), "c.json");
  RunOptions separate;
  RunOptions batched;
  batched.batch_seeds = true;
  const std::vector<ExperimentCell> separate_cells = cells_as_run(config, separate);
  const std::vector<ExperimentCell> batched_cells = cells_as_run(config, batched);
  ASSERT_EQ(separate_cells.size(), batched_cells.size());
  for (std::size_t k = 0; k < separate_cells.size(); ++k) {
    const bool has_batched_form = separate_cells[k].method == "annot-mix";
    EXPECT_EQ(cell_id(separate_cells[k]) != cell_id(batched_cells[k]), has_batched_form) << cell_id(separate_cells[k]);
    EXPECT_EQ(cell_id(separate_cells[k]), cell_id(config.cells[k]));
  }
}

}  // namespace
}  // namespace annotbench
