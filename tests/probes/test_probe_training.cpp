// Training under the probe of commit 9276288 (../shared/reliability/probe-9276288.md): a diverged
// run fails instead of being recorded (W1), and LibTorch's errors print as one line (U12).

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <limits>

#include "methods/method.h"
#include "methods/nn/training.h"
#include "methods/runtime.h"
#include "tests/support/synthetic_crowd.h"

namespace annotbench {
namespace {

TEST(ProbeTraining, W1_NonFiniteEpochLossFailsTheRun) {
  TrainingSettings settings;
  settings.epochs = 5;
  settings.learning_rate = 1e10;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_NO_THROW(report_epoch(settings, 0, torch::tensor(6.0), 3, start));
  try {
    report_epoch(settings, 2, torch::tensor(std::numeric_limits<double>::quiet_NaN()), 3, start);
    FAIL() << "a NaN loss must fail the run";
  } catch (const TrainingDiverged& error) {
    EXPECT_EQ(std::string(error.what()), "loss became NaN at epoch 3 of 5 (learning rate 1e+10: try a smaller one)");
  }
  EXPECT_THROW(report_epoch(settings, 1, torch::tensor(std::numeric_limits<double>::infinity()), 3, start),
               TrainingDiverged);
}

TEST(ProbeTraining, W1_AHugeLearningRateFailsInsteadOfPredicting) {
  testing::SyntheticCrowdSpec spec;
  spec.train_size = 120;
  spec.test_size = 30;
  const auto crowd = testing::make_synthetic_crowd(spec);
  TrainingSettings settings;
  settings.epochs = 4;
  settings.learning_rate = 1e30;
  for (const std::string method : {"annot-mix", "trace-reg"}) {
    auto model = make_method(method);
    EXPECT_THROW(model->fit(crowd.train, nullptr, settings), TrainingDiverged) << method;
  }
}

TEST(ProbeTraining, U12_LibTorchErrorsPrintTheirFirstLineOnly) {
  try {
    TORCH_CHECK(false, "Invalid learning rate: ", -0.01);
  } catch (const std::exception& error) {
    EXPECT_NE(std::string(error.what()).find('\n'), std::string::npos);  // LibTorch adds a stack trace
    EXPECT_EQ(error_message(error), "Invalid learning rate: -0.01");
  }
  EXPECT_EQ(error_message(std::runtime_error("one\ntwo")), "one\ntwo");  // ours are left as they are
}

}  // namespace
}  // namespace annotbench
