// The parameters that the reference code registers but never updates (CoNAL's noise-adaptation
// layers, CrowdAR's confusion matrices and expertise; see methods/nn/frozen_parameters.h) stay at
// their initial values by default, and train with train_confusions=1.

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <stdexcept>

#include "methods/method.h"
#include "methods/nn/frozen_parameters.h"
#include "tests/support/synthetic_crowd.h"

namespace annotbench {
namespace {

struct TwoPartsImpl : torch::nn::Module {
  TwoPartsImpl() {
    layer = register_module("layer", torch::nn::Linear(2, 2));
    matrix = register_parameter("matrix", torch::eye(2));
  }
  torch::nn::Linear layer{nullptr};
  torch::Tensor matrix;
};
TORCH_MODULE(TwoParts);

TEST(FrozenParameters, LeavesOutTheNamedParametersAndStopsTheirGradient) {
  TwoParts module;
  const auto trained = parameters_except(*module, {"matrix"});
  ASSERT_EQ(trained.size(), 2u);  // layer.weight, layer.bias
  for (const auto& parameter : trained) {
    EXPECT_TRUE(parameter.requires_grad());
    EXPECT_FALSE(parameter.is_same(module->matrix));
  }
  EXPECT_FALSE(module->matrix.requires_grad());

  // A step of an optimiser over the rest leaves the matrix where it was.
  torch::optim::SGD sgd(trained, torch::optim::SGDOptions(0.5));
  const torch::Tensor x = torch::ones({3, 2});
  module->layer->forward(x).mm(module->matrix).pow(2).sum().backward();
  sgd.step();
  EXPECT_TRUE(torch::equal(module->matrix, torch::eye(2)));
}

TEST(FrozenParameters, NestedNamesAndUnknownNames) {
  TwoParts module;
  EXPECT_EQ(parameters_except(*module, {"layer.bias"}).size(), 2u);  // layer.weight, matrix
  EXPECT_FALSE(module->layer->bias.requires_grad());
  EXPECT_THROW(parameters_except(*module, {"no_such_parameter"}), std::invalid_argument);
}

// With both of CoNAL's layers frozen at 2I, the annotation logits for any mixing weight w are
// w (p 2I) + (1-w)(p 2I) = 2p, so the reference's performance estimate (_conal.py:160-166) is
// sum_c p_c softmax(2p)_c for every annotator, computed here from p(y|x) alone. Trained layers
// leave that identity: the test of whether the freezing holds.
double frozen_conal_estimate(const FeatureMatrix& p, std::size_t i) {
  double normaliser = 0.0, estimate = 0.0;
  for (std::size_t c = 0; c < p.cols; ++c) normaliser += std::exp(2.0 * p.at(i, c));
  for (std::size_t c = 0; c < p.cols; ++c) estimate += p.at(i, c) * std::exp(2.0 * p.at(i, c)) / normaliser;
  return estimate;
}

TEST(ConalReferenceFreezing, LayersStayAtTwiceTheIdentityUnlessTrainingIsAsked) {
  testing::SyntheticCrowdSpec spec;
  spec.train_size = 120;
  spec.test_size = 30;
  const testing::SyntheticCrowd crowd = testing::make_synthetic_crowd(spec);
  TrainingSettings settings;
  settings.epochs = 20;
  settings.batch_size = 32;

  auto frozen = make_method("conal");
  EXPECT_EQ(frozen->hyperparameters().at("train_confusions"), 0.0);
  frozen->fit(crowd.train, nullptr, settings);
  const FeatureMatrix frozen_p = frozen->predict_proba(crowd.test.features);
  const FeatureMatrix frozen_performance = frozen->annotator_performance(crowd.test.features);
  ASSERT_EQ(frozen_performance.cols, spec.reliable + spec.adversaries);
  double lowest = 1.0, highest = 0.0;
  for (std::size_t i = 0; i < frozen_performance.rows; ++i) {
    const double expected = frozen_conal_estimate(frozen_p, i);
    for (std::size_t m = 0; m < frozen_performance.cols; ++m) EXPECT_NEAR(frozen_performance.at(i, m), expected, 1e-5);
    lowest = std::min(lowest, expected);
    highest = std::max(highest, expected);
  }
  EXPECT_GT(highest - lowest, 1e-3);  // it varies with x (the audit found a constant before)

  auto trained = make_method("conal", {{"train_confusions", 1.0}});
  trained->fit(crowd.train, nullptr, settings);
  const FeatureMatrix trained_p = trained->predict_proba(crowd.test.features);
  const FeatureMatrix trained_performance = trained->annotator_performance(crowd.test.features);
  double largest_change = 0;
  for (std::size_t i = 0; i < trained_performance.rows; ++i)
    for (std::size_t m = 0; m < trained_performance.cols; ++m)
      largest_change =
          std::max(largest_change, std::abs(trained_performance.at(i, m) - frozen_conal_estimate(trained_p, i)));
  EXPECT_GT(largest_change, 1e-3);
}

TEST(CrowdArReferenceFreezing, OptionIsReportedAndChecked) {
  EXPECT_EQ(make_method("crowd-ar")->hyperparameters().at("train_confusions"), 0.0);
  EXPECT_EQ(make_method("crowd-ar", {{"train_confusions", 1.0}})->hyperparameters().at("train_confusions"), 1.0);
  EXPECT_ANY_THROW(make_method("crowd-ar", {{"train_confusion", 1.0}}));
}

}  // namespace
}  // namespace annotbench
