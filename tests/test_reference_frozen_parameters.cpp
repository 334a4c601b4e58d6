// The parameters that the reference code registers but never updates (CoNAL's noise-adaptation
// layers, CrowdAR's confusion matrices and expertise; see methods/nn/frozen_parameters.h) stay at
// their initial values by default, and train with train_confusions=1.

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <stdexcept>

#include "methods/method.h"
#include "methods/nn/frozen_parameters.h"
#include "tests/synthetic_crowd.h"

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

// With both of CoNAL's layers frozen at 2 I, annotator m's confusion for any x and any mixing weight
// w is softmax(w 2I[c] + (1-w) 2I[c]) = softmax(2 e_c), so its correct-label probability is
// sum_c p(c|x) e^2 / (e^2 + C - 1) = e^2 / (e^2 + C - 1): the same for every instance and annotator.
TEST(ConalReferenceFreezing, LayersStayAtTwiceTheIdentityUnlessTrainingIsAsked) {
  testing::SyntheticCrowdSpec spec;
  spec.train_size = 120;
  spec.test_size = 30;
  const testing::SyntheticCrowd crowd = testing::make_synthetic_crowd(spec);
  TrainingSettings settings;
  settings.epochs = 20;
  settings.batch_size = 32;
  const double expected = std::exp(2.0) / (std::exp(2.0) + spec.num_classes - 1);

  auto frozen = make_method("conal");
  EXPECT_EQ(frozen->hyperparameters().at("train_confusions"), 0.0);
  frozen->fit(crowd.train, nullptr, settings);
  const FeatureMatrix frozen_performance = frozen->annotator_performance(crowd.test.features);
  ASSERT_EQ(frozen_performance.cols, spec.reliable + spec.adversaries);
  for (const float value : frozen_performance.values) EXPECT_NEAR(value, expected, 1e-5);

  auto trained = make_method("conal", {{"train_confusions", 1.0}});
  trained->fit(crowd.train, nullptr, settings);
  double largest_change = 0;
  for (const float value : trained->annotator_performance(crowd.test.features).values)
    largest_change = std::max(largest_change, std::abs(value - expected));
  EXPECT_GT(largest_change, 1e-3);
}

TEST(CrowdArReferenceFreezing, OptionIsReportedAndChecked) {
  EXPECT_EQ(make_method("crowd-ar")->hyperparameters().at("train_confusions"), 0.0);
  EXPECT_EQ(make_method("crowd-ar", {{"train_confusions", 1.0}})->hyperparameters().at("train_confusions"), 1.0);
  EXPECT_ANY_THROW(make_method("crowd-ar", {{"train_confusion", 1.0}}));
}

}  // namespace
}  // namespace annotbench
