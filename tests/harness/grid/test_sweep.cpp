// Sweeps (harness/grid/sweep.h): a setting that varies one axis expands to exactly one setting per
// listed value, each its own identity, its rows saying where they sit; a sweep given more values
// later trains only the new ones.

#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "datasets/input_error.h"
#include "harness/grid/config.h"
#include "harness/grid/runner.h"
#include "reports/result_rows.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

nlohmann::json sweep_config(const nlohmann::json& sweep, const nlohmann::json& simulator = nullptr) {
  const nlohmann::json uniform =
      simulator.is_null() ? nlohmann::json{{"kind", "uniform"}, {"annotators", 4}, {"rates", {0.3}}} : simulator;
  return {{"name", "sweep"},
          {"epochs", 1},
          {"seeds", {0, 1}},
          {"datasets",
           {{{"dataset", "iris"}, {"simulator", uniform}, {"sweep", sweep}},
            {{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"annotators", 4}, {"rates", {0.3}}}}}}},
          {"methods", {"majority-vote"}}};
}

std::string config_error(const nlohmann::json& config) {
  try {
    parse_experiment_config(config, "c.json");
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

TEST(Sweep, NoiseRateExpandsToOneSettingPerValue) {
  const ExperimentConfig config =
      parse_experiment_config(sweep_config({{"axis", "noise_rate"}, {"values", {0.2, 0.9, 0.95}}}), "c.json");
  // Three swept settings and the plain one, each with two seeds of one method.
  ASSERT_EQ(config.cells.size(), 4u * 2u);
  const std::vector<std::string> settings = {"iris (uniform) [noise_rate=0.2]", "iris (uniform) [noise_rate=0.9]",
                                             "iris (uniform) [noise_rate=0.95]"};
  const std::vector<double> rates = {0.2, 0.9, 0.95};
  for (std::size_t v = 0; v < 3; ++v) {
    for (std::size_t s = 0; s < 2; ++s) {
      const ExperimentCell& cell = config.cells[v * 2 + s];
      EXPECT_EQ(cell.setting, settings[v]);
      EXPECT_EQ(cell.simulation.rates, std::vector<double>{rates[v]});
      EXPECT_EQ(cell.simulation.num_annotators, 4u);  // the rest of the entry as it was
      ASSERT_TRUE(cell.sweep.has_value());
      EXPECT_EQ(cell.sweep->name, "iris (uniform)");
      EXPECT_EQ(cell.sweep->axis, "noise_rate");
      EXPECT_EQ(cell.sweep->value, rates[v]);
    }
  }
  EXPECT_FALSE(config.cells[6].sweep.has_value());
  EXPECT_EQ(config.cells[6].setting, "iris (uniform r=0.3)");
  std::set<std::string> ids;
  for (const ExperimentCell& cell : config.cells) ids.insert(cell_id(cell));
  EXPECT_EQ(ids.size(), config.cells.size());
}

TEST(Sweep, WholeNumberAxesAndNamedFields) {
  nlohmann::json config = sweep_config({{"axis", "annotators"}, {"values", {1, 2, 20}}});
  config["datasets"][0]["setting"] = "few annotators";
  const ExperimentConfig annotators = parse_experiment_config(config, "c.json");
  EXPECT_EQ(annotators.cells[0].simulation.num_annotators, 1u);
  EXPECT_EQ(annotators.cells[4].simulation.num_annotators, 20u);
  EXPECT_EQ(annotators.cells[4].setting, "few annotators [annotators=20]");
  EXPECT_EQ(annotators.cells[4].sweep->name, "few annotators");

  const ExperimentConfig labels =
      parse_experiment_config(sweep_config({{"axis", "labels_per_instance"}, {"values", {1, 3}}}), "c.json");
  EXPECT_EQ(labels.cells[2].simulation.labels_per_instance, std::vector<int>{3});

  // An axis of the user's own name sets the field it names.
  const ExperimentConfig gaps = parse_experiment_config(
      sweep_config({{"axis", "gaps"}, {"field", "simulator.missing_fraction"}, {"values", {0.1, 0.5}}}), "c.json");
  EXPECT_EQ(gaps.cells[2].simulation.missing_fraction, 0.5);
  EXPECT_EQ(gaps.cells[2].setting, "iris (uniform) [gaps=0.5]");

  // A simulator option the entry does not give yet.
  const ExperimentConfig adversaries = parse_experiment_config(
      sweep_config({{"axis", "adversaries"}, {"field", "simulator.options.adversary_fraction"}, {"values", {0.0, 0.6}}},
                   {{"kind", "madl-sets"}, {"annotators", 6}}),
      "c.json");
  EXPECT_EQ(adversaries.cells[2].simulation.options.at("adversary_fraction"), 0.6);
  EXPECT_EQ(adversaries.cells[2].setting, "iris (madl-sets) [adversaries=0.6]");
}

TEST(Sweep, MistakesAreNamedByField) {
  EXPECT_NE(config_error(sweep_config({{"axis", "annotators"}, {"values", {2, 2.5}}}))
                .find("field 'datasets[0].sweep.values[1]': annotators takes whole numbers, got 2.5"),
            std::string::npos);
  EXPECT_NE(config_error(sweep_config({{"axis", "noise_rate"}, {"values", {0.2, 0.2}}})).find("listed twice"),
            std::string::npos);
  EXPECT_NE(config_error(sweep_config({{"axis", "noise_rate"}, {"values", nlohmann::json::array()}}))
                .find("field 'datasets[0].sweep.values': expected a non-empty list"),
            std::string::npos);
  EXPECT_NE(config_error(sweep_config({{"axis", "spam"}, {"values", {0.1}}}))
                .find("field 'datasets[0].sweep.field': missing: axis \"spam\" is none of noise_rate, annotators"),
            std::string::npos);
  EXPECT_NE(config_error(sweep_config({{"axis", "x"}, {"field", "methods.alpha"}, {"values", {0.1}}}))
                .find("expected a dotted path into the setting's simulator, split or recipe"),
            std::string::npos);
  EXPECT_NE(config_error(sweep_config({{"axis", "noise_rate"}, {"value", {0.1}}})).find("field 'datasets[0].sweep.value': unknown field"),
            std::string::npos);
  // A value the setting cannot take is refused before any cell runs, naming the entry.
  EXPECT_NE(config_error(sweep_config({{"axis", "noise_rate"}, {"values", {0.5, 1.5}}})).find("datasets[0].simulator"),
            std::string::npos);
  // The swept value that equals another entry's setting would run those cells twice.
  EXPECT_NE(config_error(sweep_config({{"axis", "noise_rate"}, {"values", {0.3}}}))
                .find("the same data set, simulator, split and recipe as datasets[0]"),
            std::string::npos);
  nlohmann::json no_simulator = sweep_config({{"axis", "noise_rate"}, {"values", {0.2}}});
  no_simulator["datasets"][0].erase("simulator");
  EXPECT_NE(config_error(no_simulator).find("varies the simulator, but datasets[0] has none"), std::string::npos);
}

TEST(Sweep, RowsSaySweepAndAMoreValuesResumeTrainsOnlyTheNew) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  testing::TempDir dir;
  RunOptions options;
  options.results_dir = dir.path().string();
  options.progress = false;
  nlohmann::json config = sweep_config({{"axis", "noise_rate"}, {"values", {0.2, 0.6}}});
  config["datasets"].erase(1);
  const RunSummary first = run_experiment(parse_experiment_config(config, "c.json"), options);
  EXPECT_EQ(first.finished, 4u);
  config["datasets"][0]["sweep"]["values"] = {0.2, 0.6, 0.9};
  const RunSummary second = run_experiment(parse_experiment_config(config, "c.json"), options);
  EXPECT_EQ(second.already_done, 4u);
  EXPECT_EQ(second.finished, 2u);  // the two seeds of 0.9

  std::ostringstream warnings;
  const std::vector<ResultRow> rows = read_result_rows(dir.path().string(), warnings);
  ASSERT_EQ(rows.size(), 6u);
  std::multiset<double> values;
  for (const ResultRow& row : rows) {
    EXPECT_EQ(row.sweep, "iris (uniform)");
    EXPECT_EQ(row.sweep_axis, "noise_rate");
    values.insert(row.sweep_value);
    // The swept value is in the setting's identity, as any simulator field is.
    EXPECT_EQ(row.setting_identity.at("simulator.rates"), "[" + nlohmann::json(row.sweep_value).dump() + "]");
  }
  EXPECT_EQ(values, (std::multiset<double>{0.2, 0.2, 0.6, 0.6, 0.9, 0.9}));
}

}  // namespace
}  // namespace annotbench
