// NaN in a metric or an estimate fails the cell, whatever its kind (probe of commit b25b8d6,
// ../shared/reliability/probe-b25b8d6.md, findings N1 and N2). Each test names the finding it pins.

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "harness/grid/config.h"
#include "harness/grid/experiment.h"
#include "harness/protocols/fewshot/fewshot_protocol.h"
#include "harness/store/row_checks.h"
#include "reports/metrics.h"
#include "tests/support/annotbench_process.h"
#include "tests/support/tiny_fewshot_config.h"

namespace annotbench {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// On b25b8d6 the tie loop never advanced past a NaN score: these calls did not return.
TEST(ProbeB25, N1_RocAucOnNaNFails) {
  try {
    roc_auc({0.9, kNaN, 0.2, 0.4}, {true, false, true, false});
    FAIL() << "roc_auc returned on a NaN score";
  } catch (const std::invalid_argument& error) {
    EXPECT_EQ(std::string(error.what()), "roc_auc: score 2 of 4 is NaN");
  }
  EXPECT_THROW(roc_auc({std::numeric_limits<double>::infinity(), 0.5}, {true, false}), std::invalid_argument);
  // Finite scores keep their value: 2 positives above 1 of 2 negatives, one tie (0.5 each): (2+1+0.5+0)/4.
  EXPECT_DOUBLE_EQ(roc_auc({0.9, 0.5, 0.5, 0.1}, {true, true, false, false}), (1.0 + 1.0 + 1.0 + 0.5) / 4.0);
}

TEST(ProbeB25, N1_AveragePrecisionOnNaNFails) {
  try {
    average_precision({kNaN, 0.3}, {true, false});
    FAIL() << "average_precision returned on a NaN score";
  } catch (const std::invalid_argument& error) {
    EXPECT_EQ(std::string(error.what()), "average_precision: score 1 of 2 is NaN");
  }
  // Positive first, then a negative, then a positive: (1/2)*1 + (1/2)*(2/3).
  EXPECT_DOUBLE_EQ(average_precision({0.9, 0.5, 0.1}, {true, false, true}), 0.5 + 0.5 * 2.0 / 3.0);
}

TEST(ProbeB25, N1_N2_ARowHoldingANaNNumberIsRefusedNamingIt) {
  EXPECT_NO_THROW(require_finite_numbers({{"metrics", {{"test_accuracy", 0.5}}}, {"relabel_precision", nullptr}}));
  try {
    require_finite_numbers({{"metrics", {{"test_accuracy", 0.5}, {"test_ap_auroc", kNaN}}}});
    FAIL() << "a NaN metric was accepted";
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()), "metric 'metrics.test_ap_auroc' is NaN; no row was written");
  }
  try {  // a few-shot row's results entries, an active row's curve: anywhere in the row
    require_finite_numbers({{"results", {{{"correct", 3.0}}, {{"correct", -std::numeric_limits<double>::infinity()}}}}});
    FAIL() << "an infinite count was accepted";
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()), "field 'results[1].correct' is infinite; no row was written");
  }
}

class ProbeB25Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  }
  testing::TempDir dir;
};

// The probe's 01_roc_auc_hang case: the loss stays finite while the annotator estimates are NaN.
// `timeout` turns the hang of b25b8d6 into a failure here instead of a stalled test run.
TEST_F(ProbeB25Cli, N1_DivergedAnnotatorEstimatesFailTheCellAtOnce) {
  for (const std::string method_and_rate : {"--method annot-mix --learning-rate 1e6", "--method madl --learning-rate 1e4 --seed 1"}) {
    const auto start = std::chrono::steady_clock::now();
    const testing::ProcessResult result = testing::run_shell(
        dir, std::string("ANNOTBENCH_DATA='") + testing::shared_data_dir() + "' timeout 60 '" + ANNOTBENCH_BINARY +
                 "' train --dataset iris --simulator uniform --rate 0.3 --annotators 5 --epochs 4 --results - " +
                 method_and_rate);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(result.exit_code, 1) << method_and_rate << ": " << result.err;
    EXPECT_LT(seconds, 30.0) << method_and_rate;
    // Either the loss or an estimate diverged first; the message says which, and what to change.
    EXPECT_TRUE(contains(result.err, "became NaN") || contains(result.err, "became infinite")) << result.err;
    EXPECT_TRUE(contains(result.err, "learning rate")) << result.err;
    EXPECT_TRUE(result.out.empty()) << result.out;
  }
}

// b25b8d6 printed "epoch 2/2 loss -nan", wrote rows with test_accuracy 0.31 and exited 0.
TEST_F(ProbeB25Cli, N2_NaNMetaTrainingLossFailsTheFewShotCell) {
  const nlohmann::json config = testing::tiny_fewshot_config(
      "nan", {"meta-em"}, {{"iterations", 6}, {"validate_every", 3}, {"valid_tasks", 2}, {"learning_rate", 1e6}});
  const ExperimentConfig parsed = parse_experiment_config(config, "nan.json");
  ASSERT_EQ(parsed.cells.size(), 1u);
  const Dataset letter = load_dataset("letter", testing::shared_data_dir());
  try {
    run_fewshot_cell(parsed.cells[0], letter);
    FAIL() << "a meta-training at learning rate 1e6 gave a row";
  } catch (const std::runtime_error& error) {
    EXPECT_TRUE(contains(error.what(), "meta-training loss became")) << error.what();
    EXPECT_TRUE(contains(error.what(), "of 6 (learning rate 1e+06: try a smaller one)")) << error.what();
  }
}

}  // namespace
}  // namespace annotbench
