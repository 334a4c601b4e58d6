// probe W2: `annotbench run --jobs 2` trains cells on two threads at once. A run's randomness
// (initial weights, dropout masks, mixup draws) must not depend on what another thread draws, so
// the same cell trained on two threads concurrently predicts bit for bit what a lone run predicts.

#include <gtest/gtest.h>

#include <thread>

#include "methods/method.h"
#include "tests/support/synthetic_crowd.h"

namespace annotbench {
namespace {

FeatureMatrix train_and_predict(const std::string& method, const testing::SyntheticCrowd& crowd) {
  TrainingSettings settings;
  settings.epochs = 4;
  settings.seed = 3;
  auto model = make_method(method);
  model->fit(crowd.train, nullptr, settings);
  return model->predict_proba(crowd.test.features);
}

// The lone run also trains on a thread of its own, so that it sees the same LibTorch thread
// settings as the concurrent ones.
FeatureMatrix lone_run(const std::string& method, const testing::SyntheticCrowd& crowd) {
  FeatureMatrix result;
  std::thread([&] { result = train_and_predict(method, crowd); }).join();
  return result;
}

class ConcurrentThreads : public ::testing::TestWithParam<std::string> {};

TEST_P(ConcurrentThreads, ProbeW2_TwoThreadsPredictWhatALoneRunPredicts) {
  testing::SyntheticCrowdSpec spec;
  spec.train_size = 240;
  spec.test_size = 40;
  const auto crowd = testing::make_synthetic_crowd(spec);
  const FeatureMatrix alone = lone_run(GetParam(), crowd);
  FeatureMatrix first, second;
  std::thread one([&] { first = train_and_predict(GetParam(), crowd); });
  std::thread two([&] { second = train_and_predict(GetParam(), crowd); });
  one.join();
  two.join();
  ASSERT_EQ(alone.rows, 40u);
  EXPECT_EQ(first.values, alone.values);
  EXPECT_EQ(second.values, alone.values);
}

// annot-mix draws dropout masks every step; crowd-layer draws only its initial weights; the
// aggregating ground-truth method draws mixup from the default stream when alpha > 0.
INSTANTIATE_TEST_SUITE_P(MethodsThatDraw, ConcurrentThreads,
                         ::testing::Values("annot-mix", "crowd-layer", "majority-vote"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (c == '-') c = '_';
                           return name;
                         });

}  // namespace
}  // namespace annotbench
