// Same seed, same predictions bit for bit on CPU; another seed, other predictions.

#include <gtest/gtest.h>

#include "methods/method.h"
#include "tests/support/synthetic_crowd.h"

namespace annotbench {
namespace {

FeatureMatrix train_and_predict(const std::string& method, const testing::SyntheticCrowd& crowd, std::uint64_t seed) {
  TrainingSettings settings;
  settings.epochs = 3;
  settings.seed = seed;
  auto model = make_method(method);
  model->fit(crowd.train, nullptr, settings);
  return model->predict_proba(crowd.test.features);
}

class SeededMethods : public ::testing::TestWithParam<std::string> {};

TEST_P(SeededMethods, SameSeedIdenticalDifferentSeedDifferent) {
  testing::SyntheticCrowdSpec spec;
  spec.train_size = 120;
  spec.test_size = 30;
  const auto crowd = testing::make_synthetic_crowd(spec);
  const FeatureMatrix first = train_and_predict(GetParam(), crowd, 7);
  const FeatureMatrix again = train_and_predict(GetParam(), crowd, 7);
  const FeatureMatrix other = train_and_predict(GetParam(), crowd, 8);
  ASSERT_EQ(first.rows, 30u);
  EXPECT_EQ(first.values, again.values);
  EXPECT_NE(first.values, other.values);
}

INSTANTIATE_TEST_SUITE_P(CoreMethods, SeededMethods,
                         ::testing::Values("ground-truth", "majority-vote", "annot-mix", "crowd-layer",
                                           "trace-reg", "madl"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (c == '-') c = '_';
                           return name;
                         });

TEST(MethodOptions, UnknownOptionIsRejected) {
  EXPECT_ANY_THROW(make_method("annot-mix", {{"alpah", 1.0}}));
  EXPECT_EQ(make_method("annot-mix")->hyperparameters().at("eta"), 0.9);
  EXPECT_EQ(make_method("trace-reg")->hyperparameters().at("lambda"), 0.01);
  EXPECT_EQ(make_method("madl")->hyperparameters().at("embed_size"), 16);
}

}  // namespace
}  // namespace annotbench
