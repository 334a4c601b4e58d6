// RAdam (Liu et al. 2020) against steps computed here from the update rule of PyTorch's
// torch.optim.RAdam, on the quadratic f(p) = 1/2 sum_i a_i p_i^2 (gradient a_i p_i).

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <vector>

#include "methods/nn/gt_model.h"
#include "methods/nn/radam.h"
#include "methods/nn/training.h"

namespace annotbench {
namespace {

const std::vector<double> kCurvature = {1.0, 3.0};
const std::vector<double> kStart = {1.0, -2.0};

torch::Tensor quadratic(const torch::Tensor& p) {
  return 0.5 * (torch::tensor(kCurvature, torch::kFloat64) * p * p).sum();
}

// Runs `steps` RAdam steps from kStart and returns the parameter after each.
std::vector<std::vector<double>> radam_trajectory(int steps, RAdamOptions options) {
  torch::Tensor p = torch::tensor(kStart, torch::kFloat64).requires_grad_(true);
  RAdam optimizer({p}, options);
  std::vector<std::vector<double>> trajectory;
  for (int t = 0; t < steps; ++t) {
    optimizer.zero_grad();
    quadratic(p).backward();
    optimizer.step();
    trajectory.push_back({p[0].item<double>(), p[1].item<double>()});
  }
  return trajectory;
}

double rho_at(int t, double beta2) {
  const double rho_inf = 2 / (1 - beta2) - 1;
  return rho_inf - 2 * t * std::pow(beta2, t) / (1 - std::pow(beta2, t));
}

TEST(RAdam, FirstStepIsPlainGradientStepWithWeightDecay) {
  // t = 1: m = (1-b1) g, m_hat = g, rho_1 = 1 <= 5, so p1 = p0 - lr (a p0 + wd p0).
  const double lr = 0.1, wd = 0.05;
  const auto trajectory = radam_trajectory(1, RAdamOptions(lr).weight_decay(wd));
  for (int i = 0; i < 2; ++i)
    EXPECT_NEAR(trajectory[0][i], kStart[i] - lr * (kCurvature[i] + wd) * kStart[i], 1e-12);
}

TEST(RAdam, ThreeUnrectifiedStepsMatchTheMomentumFormula) {
  const double lr = 0.1, b1 = 0.9, b2 = 0.999, wd = 0.05;
  for (int t = 1; t <= 3; ++t) ASSERT_LE(rho_at(t, b2), 5.0) << "step " << t << " must be un-rectified";
  const auto trajectory = radam_trajectory(3, RAdamOptions(lr).betas({b1, b2}).weight_decay(wd));
  for (int i = 0; i < 2; ++i) {
    double p = kStart[i], m = 0;
    for (int t = 1; t <= 3; ++t) {
      const double g = kCurvature[i] * p + wd * p;  // weight decay joins the gradient
      m = b1 * m + (1 - b1) * g;
      p -= lr * m / (1 - std::pow(b1, t));
      EXPECT_NEAR(trajectory[t - 1][i], p, 1e-6) << "coordinate " << i << " step " << t;
    }
  }
}

TEST(RAdam, RectifiedStepsFromTheSixthOnUseTheAdaptiveRate) {
  // With beta2 = 0.999, rho_5 < 5 < rho_6: steps 1..5 are momentum steps, 6..8 rectified.
  const double lr = 0.02, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.1;
  ASSERT_LE(rho_at(5, b2), 5.0);
  ASSERT_GT(rho_at(6, b2), 5.0);
  const auto trajectory = radam_trajectory(8, RAdamOptions(lr).betas({b1, b2}).eps(eps).weight_decay(wd));
  const double rho_inf = 2 / (1 - b2) - 1;
  for (int i = 0; i < 2; ++i) {
    double p = kStart[i], m = 0, v = 0;
    for (int t = 1; t <= 8; ++t) {
      const double g = kCurvature[i] * p + wd * p;
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      const double m_hat = m / (1 - std::pow(b1, t));
      const double rho_t = rho_at(t, b2);
      if (rho_t > 5) {
        const double r = std::sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t));
        p -= lr * m_hat * r * std::sqrt(1 - std::pow(b2, t)) / (std::sqrt(v) + eps);
      } else {
        p -= lr * m_hat;
      }
      EXPECT_NEAR(trajectory[t - 1][i], p, 1e-6) << "coordinate " << i << " step " << t;
    }
  }
}

TEST(RAdam, KeepsSeparateLearningRatesPerParameterGroup) {
  torch::Tensor first = torch::tensor({1.0}, torch::kFloat64).requires_grad_(true);
  torch::Tensor second = torch::tensor({1.0}, torch::kFloat64).requires_grad_(true);
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(std::vector<torch::Tensor>{first}, std::make_unique<RAdamOptions>(0.1));
  groups.emplace_back(std::vector<torch::Tensor>{second}, std::make_unique<RAdamOptions>(0.3));
  RAdam optimizer(std::move(groups), RAdamOptions(0.5));
  (first * first / 2 + second * second / 2).sum().backward();
  optimizer.step();
  // First step: p - lr * g with g = p = 1.
  EXPECT_NEAR(first.item<double>(), 0.9, 1e-12);
  EXPECT_NEAR(second.item<double>(), 0.7, 1e-12);
}

}  // namespace
}  // namespace annotbench

namespace annotbench {
namespace {

// The reference's two parameter groups (annot-mix-reference-study.md §1.9): GT parameters decay with
// the GT weight decay, the annotator model's with its own. At step 1 RAdam's variance is not yet
// tractable (rho_1 = 1 <= 5), so with a zero loss gradient g = wd * p and p <- p - lr * wd * p.
TEST(MethodOptimizer, GtAndAnnotatorParametersDecayWithTheirOwnWeightDecay) {
  struct Network : torch::nn::Module {
    Network() {
      gt = register_module("gt", GroundTruthModel(3, 2, std::vector<int64_t>{4}));
      annotator = register_module("annotator", torch::nn::Linear(4, 2));
    }
    GroundTruthModel gt{nullptr};
    torch::nn::Linear annotator{nullptr};
  };
  torch::manual_seed(1);
  Network network;
  TrainingSettings settings;
  settings.learning_rate = 0.1;
  settings.weight_decay = 0.5;
  settings.ap_weight_decay = 0.25;
  const torch::Tensor gt_before = network.gt->output->weight.detach().clone();
  const torch::Tensor ap_before = network.annotator->weight.detach().clone();
  RAdam optimizer = method_optimizer(network.parameters(), *network.gt, settings);
  ASSERT_EQ(optimizer.param_groups().size(), 2u);
  optimizer.step();  // the flat gradient buffers start at zero
  EXPECT_TRUE(torch::allclose(network.gt->output->weight, gt_before * (1 - 0.1 * 0.5), 1e-6, 1e-7));
  EXPECT_TRUE(torch::allclose(network.annotator->weight, ap_before * (1 - 0.1 * 0.25), 1e-6, 1e-7));
  // Equal decays: today's single flat group.
  settings.ap_weight_decay = settings.weight_decay;
  Network same;
  EXPECT_EQ(method_optimizer(same.parameters(), *same.gt, settings).param_groups().size(), 1u);
}

}  // namespace
}  // namespace annotbench
