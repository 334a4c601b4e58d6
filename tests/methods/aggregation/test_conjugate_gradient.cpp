#include <gtest/gtest.h>

#include "methods/aggregation/conjugate_gradient.h"

namespace annotbench {
namespace {

// f(x) = 1/2 x'Ax - b'x with A = (4 1; 1 3), b = (1, 2): the minimiser solves Ax = b, by hand
// x = A^-1 b = (3 1 - 1 2, -1 1 + 4 2) / 11 = (1/11, 7/11).
TEST(ConjugateGradient, MinimisesAQuadraticAtTheSolutionOfItsSystem) {
  const ObjectiveWithGradient quadratic = [](const std::vector<double>& x, std::vector<double>& gradient) {
    gradient[0] = 4 * x[0] + x[1] - 1;
    gradient[1] = x[0] + 3 * x[1] - 2;
    return 0.5 * (4 * x[0] * x[0] + 2 * x[0] * x[1] + 3 * x[1] * x[1]) - x[0] - 2 * x[1];
  };
  std::vector<double> x = {2.0, 1.0};
  const ConjugateGradientResult result = minimise_conjugate_gradient(quadratic, x, 50, 1e-10);
  EXPECT_TRUE(result.converged);
  EXPECT_NEAR(x[0], 1.0 / 11.0, 1e-9);
  EXPECT_NEAR(x[1], 7.0 / 11.0, 1e-9);
}

// Rosenbrock's valley, f = (1 - x)^2 + 100 (y - x^2)^2, minimum 0 at (1, 1): the line search
// must cope with the curved valley; SciPy's CG needs a few dozen iterations from (-1.2, 1).
TEST(ConjugateGradient, FollowsRosenbrocksValley) {
  const ObjectiveWithGradient rosenbrock = [](const std::vector<double>& x, std::vector<double>& gradient) {
    gradient[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]);
    gradient[1] = 200 * (x[1] - x[0] * x[0]);
    return (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]);
  };
  std::vector<double> x = {-1.2, 1.0};
  const ConjugateGradientResult result = minimise_conjugate_gradient(rosenbrock, x, 1000, 1e-6);
  EXPECT_TRUE(result.converged);
  EXPECT_NEAR(x[0], 1.0, 1e-5);
  EXPECT_NEAR(x[1], 1.0, 1e-5);
}

// The iteration cap is honoured: Crowd-Kit's GLAD runs at most 25 per M-step.
TEST(ConjugateGradient, StopsAtTheIterationCap) {
  const ObjectiveWithGradient rosenbrock = [](const std::vector<double>& x, std::vector<double>& gradient) {
    gradient[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]);
    gradient[1] = 200 * (x[1] - x[0] * x[0]);
    return (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]);
  };
  std::vector<double> x = {-1.2, 1.0};
  const ConjugateGradientResult result = minimise_conjugate_gradient(rosenbrock, x, 3, 1e-12);
  EXPECT_EQ(result.iterations, 3);
  EXPECT_FALSE(result.converged);
}

}  // namespace
}  // namespace annotbench
