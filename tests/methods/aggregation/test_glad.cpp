#include <gtest/gtest.h>

#include <cmath>

#include "methods/aggregation/aggregator.h"
#include "methods/aggregation/glad.h"
#include "tests/methods/aggregation/crowd_examples.h"

namespace annotbench {
namespace {

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// One item, two annotators, two classes: a0 says 0, a1 says 1. At x = (alpha_0, alpha_1, beta_0)
// = (2, 0.5, 0) the labels are right with a_0 = sigmoid(2), a_1 = sigmoid(0.5), so the E-step
// (uniform prior) gives q_0 = a_0 (1 - a_1) / (a_0 (1 - a_1) + (1 - a_0) a_1).
TEST(Glad, EStepMatchesTheHandComputedPosterior) {
  const SparseAnnotations labels = labels_of(1, 2, 2, {{0, 0, 0}, {0, 1, 1}});
  GladModel model(labels, 1.0, 1.0);
  const Matrix<double> posteriors = model.e_step({2.0, 0.5, 0.0});
  const double a0 = sigmoid(2.0), a1 = sigmoid(0.5);
  EXPECT_NEAR(posteriors.at(0, 0), a0 * (1 - a1) / (a0 * (1 - a1) + (1 - a0) * a1), 1e-14);
}

// Q at a second point, for those posteriors, by the formula of Whitehill et al. with Crowd-Kit's
// N(1, 1) priors on alpha and beta (C = 2, so log(C - 1) = 0): with p_0 = q_0 (a0's label is 0)
// and p_1 = 1 - q_0 (a1's label is 1) and a_l = sigmoid(alpha_m e^beta),
//   Q = sum_l [p_l log a_l + (1 - p_l) log(1 - a_l)] + sum_j log N(x_j - 1).
TEST(Glad, ObjectiveMatchesTheHandFormula) {
  const SparseAnnotations labels = labels_of(1, 2, 2, {{0, 0, 0}, {0, 1, 1}});
  GladModel model(labels, 1.0, 1.0);
  const double q0 = model.e_step({2.0, 0.5, 0.0}).at(0, 0);
  const std::vector<double> x = {1.5, -0.3, 0.4};
  const double a0 = sigmoid(1.5 * std::exp(0.4)), a1 = sigmoid(-0.3 * std::exp(0.4));
  const auto log_normal = [](double z) { return -0.5 * z * z - 0.5 * std::log(2 * M_PI); };
  const double expected = q0 * std::log(a0) + (1 - q0) * std::log(1 - a0) + (1 - q0) * std::log(a1) +
                          q0 * std::log(1 - a1) + log_normal(0.5) + log_normal(-1.3) + log_normal(-0.6);
  EXPECT_NEAR(model.expected_log_joint(x, nullptr), expected, 1e-12);
}

// The analytic gradient against central differences, (Q(x + h e_j) - Q(x - h e_j)) / 2h, whose
// error is O(h^2 Q''') ~ 1e-10 for h = 1e-5, on three classes (log(C - 1) enters) and an item
// with a repeated label.
TEST(Glad, GradientMatchesFiniteDifferences) {
  const SparseAnnotations labels =
      labels_of(3, 3, 3, {{0, 0, 0}, {0, 1, 1}, {0, 2, 0}, {1, 0, 2}, {1, 1, 2}, {1, 1, 2}, {2, 2, 1}, {2, 0, 0}});
  GladModel model(labels, 1.0, 1.0);
  model.e_step({0.8, 1.2, -0.4, 0.1, 0.3, -0.2});
  const std::vector<double> x = {1.3, 0.2, -0.7, 0.5, -0.4, 0.9};
  std::vector<double> gradient;
  model.expected_log_joint(x, &gradient);
  const double h = 1e-5;
  for (std::size_t j = 0; j < x.size(); ++j) {
    std::vector<double> up = x, down = x;
    up[j] += h;
    down[j] -= h;
    const double numeric = (model.expected_log_joint(up, nullptr) - model.expected_log_joint(down, nullptr)) / (2 * h);
    EXPECT_NEAR(gradient[j], numeric, 1e-8) << "parameter " << j;
  }
}

// On three_annotators_four_items GLAD agrees with the majority and ranks the annotators as the
// majority does: a1 (agrees on 4 of 4 items' majority) above a0 and a2 (3 of 4).
TEST(Glad, FitsTheSmallExample) {
  const Aggregation result = make_aggregator("glad")->fit(three_annotators_four_items(), {});
  EXPECT_EQ(result.labels, (std::vector<int>{0, 0, 1, 1}));
  EXPECT_GT(result.annotator_skill[1], result.annotator_skill[0]);
  EXPECT_GT(result.annotator_skill[1], result.annotator_skill[2]);
  EXPECT_GE(result.iterations, 2);  // the first comparison is against the unnormalised Q
}

}  // namespace
}  // namespace annotbench
