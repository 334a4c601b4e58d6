// Two-stage learning (<aggregator>-mixup): the GT model learns from an aggregator's labels. On a
// crowd where three spammers always answer class 0 and two reliable annotators (95 %) label every
// instance, the majority vote is class 0 on every instance of the other classes, so a model of
// it is right about a quarter of the time; Dawid-Skene learns that the spammers' answer does not
// depend on the class and recovers the reliable annotators' labels, so ds-mixup learns the truth.

#include <gtest/gtest.h>

#include "datasets/input_error.h"
#include "methods/method.h"
#include "tests/support/synthetic_crowd.h"

namespace annotbench {
namespace {

struct SpammerCrowd {
  Dataset train, test;
};

SpammerCrowd spammer_crowd() {
  testing::SyntheticCrowdSpec spec;
  spec.num_classes = 4;
  spec.train_size = 400;
  spec.test_size = 400;
  std::mt19937_64 rng(7);
  SpammerCrowd crowd{testing::synthetic_blobs(spec.train_size, spec, rng), testing::synthetic_blobs(spec.test_size, spec, rng)};
  crowd.train.annotations = AnnotationMatrix(spec.train_size, 5, kMissingLabel);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (std::size_t n = 0; n < spec.train_size; ++n) {
    const int truth = crowd.train.true_labels[n];
    for (std::size_t m = 0; m < 2; ++m)
      crowd.train.annotations.at(n, m) = unit(rng) < 0.95 ? truth : (truth + 1 + static_cast<int>(rng() % 3)) % 4;
    for (std::size_t m = 2; m < 5; ++m) crowd.train.annotations.at(n, m) = 0;
  }
  crowd.train.annotator_ids = {"reliable1", "reliable2", "spam1", "spam2", "spam3"};
  return crowd;
}

double test_accuracy(const std::string& method, const MethodOptions& options, const SpammerCrowd& crowd) {
  TrainingSettings settings;
  settings.epochs = 30;
  settings.seed = 3;
  auto model = make_method(method, options);
  model->fit(crowd.train, nullptr, settings);
  const FeatureMatrix probabilities = model->predict_proba(crowd.test.features);
  int correct = 0;
  for (std::size_t n = 0; n < probabilities.rows; ++n) {
    const float* row = probabilities.row(n);
    correct += std::max_element(row, row + probabilities.cols) - row == crowd.test.true_labels[n];
  }
  return static_cast<double>(correct) / static_cast<double>(probabilities.rows);
}

TEST(TwoStage, DawidSkeneLabelsBeatTheMajorityVoteOfSpammers) {
  const SpammerCrowd crowd = spammer_crowd();
  const double majority = test_accuracy("mv-mixup", {}, crowd);
  const double dawid_skene = test_accuracy("ds-mixup", {}, crowd);
  const double soft = test_accuracy("ds-mixup", {{"soft", 1.0}, {"alpha", 0.0}}, crowd);
  // The majority vote says 0 everywhere but on class 0's quarter of the test instances.
  EXPECT_LT(majority, 0.35);
  EXPECT_GT(dawid_skene, 0.9);
  EXPECT_GT(soft, 0.9);
}

TEST(TwoStage, EveryAggregatorIsAMethodWithAlphaAndSoftOptions) {
  for (const char* name : {"mv-mixup", "ds-mixup", "glad-mixup", "mace-mixup", "wawa-mixup"}) {
    const MethodOptions options = make_method(name)->hyperparameters();
    EXPECT_EQ(options.at("alpha"), 1.0) << name;
    EXPECT_EQ(options.at("soft"), 0.0) << name;
  }
  EXPECT_THROW(make_method("ds-mixup", {{"soft", 0.5}}), ConfigError);
  EXPECT_THROW(make_method("ds-mixup", {{"temperature", 1.0}}), ConfigError);
}

}  // namespace
}  // namespace annotbench
