// The runner appends one row per finished cell and a rerun skips every cell already in the results.

#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "harness/grid/runner.h"
#include "reports/metrics.h"
#include "reports/result_rows.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

ExperimentConfig tiny_config() {
  const nlohmann::json config = {
      {"name", "tiny"},
      {"epochs", 1},
      {"seeds", {0, 1}},
      {"split", {{"test_fraction", 0.2}, {"valid_size", 0.1}}},
      {"datasets", {{{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"annotators", 4}, {"rates", {0.3}}}}}}},
      {"methods", {"majority-vote", "crowd-layer"}}};
  return parse_experiment_config(config, "tiny.json");
}

TEST(Runner, RerunSkipsFinishedCellsAndEachCellIsStoredOnce) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  testing::TempDir dir;
  RunOptions options;
  options.results_dir = dir.path().string();
  options.progress = false;
  const ExperimentConfig config = tiny_config();
  // Shard 1 of 2 first, as one machine of a cluster would; then the whole grid.
  options.shard_index = 1;
  options.shard_count = 2;
  const RunSummary first = run_experiment(config, options);
  EXPECT_EQ(first.finished, 2u);
  options.shard_index = 1;
  options.shard_count = 1;
  const RunSummary second = run_experiment(config, options);
  EXPECT_EQ(second.already_done, 2u);
  EXPECT_EQ(second.finished, 2u);
  const RunSummary third = run_experiment(config, options);
  EXPECT_EQ(third.finished, 0u);
  EXPECT_EQ(third.already_done, 4u);
  std::ostringstream warnings;
  const std::vector<ResultRow> rows = read_result_rows(dir.path().string(), warnings);
  std::set<std::string> cells;
  for (const ResultRow& row : rows) cells.insert(row.cell);
  EXPECT_EQ(rows.size(), 4u);
  EXPECT_EQ(cells.size(), 4u);
  for (const ResultRow& row : rows) {
    ASSERT_TRUE(row.metrics.count("test_accuracy"));
    EXPECT_GE(row.metrics.at("test_accuracy"), 0.0);
    EXPECT_LE(row.metrics.at("test_accuracy"), 1.0);
  }
}

TEST(Runner, SameSeedSameRowOnCpu) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  const ExperimentConfig config = tiny_config();
  const ExperimentCell& cell = config.cells[1];
  const auto prepared = prepare_setting(cell, "");
  const nlohmann::json first = run_cells({cell}, *prepared).front();
  const nlohmann::json again = run_cells({cell}, *prepare_setting(cell, "")).front();
  EXPECT_EQ(first.at("metrics"), again.at("metrics"));
  EXPECT_EQ(first.at("cell"), again.at("cell"));
}

// Scoring the model after every epoch must not change the training: the row's last-epoch accuracy
// is that of the same method fitted without the tracker. The best epoch lies in 1..epochs and its
// model is scored like the last one, annotator-performance metrics included.
TEST(Runner, BestEpochMetricsLeaveTheLastEpochAsItWas) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  ExperimentCell cell = tiny_config().cells[1];
  ASSERT_EQ(cell.method, "crowd-layer");
  cell.training.epochs = 4;
  const auto prepared = prepare_setting(cell, "");
  const nlohmann::json row = run_cells({cell}, *prepared).front();
  const nlohmann::json& metrics = row.at("metrics");
  std::unique_ptr<Method> plain = make_method(cell.method, cell.method_options);
  plain->fit(prepared->data.train, &prepared->data.valid, cell.training);
  EXPECT_EQ(metrics.at("test_accuracy").get<double>(),
            accuracy(plain->predict_proba(prepared->data.test.features), prepared->data.test.true_labels));
  const int best_epoch = metrics.at("best_epoch");
  EXPECT_GE(best_epoch, 1);
  EXPECT_LE(best_epoch, 4);
  for (const char* key : {"best_test_accuracy", "best_test_balanced_accuracy", "best_test_ap_auroc",
                          "best_test_ap_aupr", "best_valid_accuracy"})
    EXPECT_TRUE(metrics.contains(key)) << key;
  // The best epoch's validation accuracy is at least the last epoch's.
  EXPECT_GE(metrics.at("best_valid_accuracy").get<double>(), metrics.at("valid_accuracy").get<double>());
}

}  // namespace
}  // namespace annotbench
