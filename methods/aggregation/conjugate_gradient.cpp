#include "methods/aggregation/conjugate_gradient.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace annotbench {

namespace {

constexpr double kSufficientDecrease = 1e-4;  // c1
constexpr double kCurvature = 0.4;            // c2, SciPy's CG value
constexpr int kMaxLineSearchSteps = 30;

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  return std::inner_product(a.begin(), a.end(), b.begin(), 0.0);
}

double largest_magnitude(const std::vector<double>& values) {
  double largest = 0.0;
  for (const double v : values) largest = std::max(largest, std::abs(v));
  return largest;
}

// phi(step) = f(x + step * direction) and its derivative, remembering the last point evaluated so
// that the accepted step's value and gradient need no second evaluation.
class LineFunction {
 public:
  LineFunction(const ObjectiveWithGradient& objective, const std::vector<double>& x, const std::vector<double>& direction)
      : objective_(objective), x_(x), direction_(direction), point(x.size()), gradient(x.size()) {}

  void evaluate(double step) {
    for (std::size_t i = 0; i < x_.size(); ++i) point[i] = x_[i] + step * direction_[i];
    value = objective_(point, gradient);
    slope = dot(gradient, direction_);
  }

  const ObjectiveWithGradient& objective_;
  const std::vector<double>& x_;
  const std::vector<double>& direction_;
  std::vector<double> point;
  std::vector<double> gradient;
  double value = 0.0;
  double slope = 0.0;
};

struct Trial {
  double step, value, slope;
};

// Minimiser of the cubic through (lo, hi) with their values and slopes (N&W eq. 3.59), kept
// inside the middle 80 % of the interval; bisection when the cubic has no real minimiser.
double cubic_step(const Trial& lo, const Trial& hi) {
  const double d1 = lo.slope + hi.slope - 3.0 * (lo.value - hi.value) / (lo.step - hi.step);
  const double radicand = d1 * d1 - lo.slope * hi.slope;
  const double low = std::min(lo.step, hi.step);
  const double width = std::abs(hi.step - lo.step);
  double step = 0.5 * (lo.step + hi.step);
  if (radicand >= 0) {
    const double d2 = std::copysign(std::sqrt(radicand), hi.step - lo.step);
    const double candidate = hi.step - (hi.step - lo.step) * (hi.slope + d2 - d1) / (hi.slope - lo.slope + 2.0 * d2);
    if (std::isfinite(candidate)) step = candidate;
  }
  return std::clamp(step, low + 0.1 * width, low + 0.9 * width);
}

// Strong-Wolfe step along the line, or a negative number when none was found.
double wolfe_step(LineFunction& line, const Trial& start, double first_step) {
  const auto sufficient = [&](double step, double value) {
    return value <= start.value + kSufficientDecrease * step * start.slope;
  };
  const auto curvature_met = [&](double slope) { return std::abs(slope) <= -kCurvature * start.slope; };
  const auto zoom = [&](Trial lo, Trial hi) {
    for (int i = 0; i < kMaxLineSearchSteps; ++i) {
      const double step = cubic_step(lo, hi);
      line.evaluate(step);
      const Trial trial{step, line.value, line.slope};
      if (!sufficient(step, trial.value) || trial.value >= lo.value) {
        hi = trial;
      } else {
        if (curvature_met(trial.slope)) return step;
        if (trial.slope * (hi.step - lo.step) >= 0) hi = lo;
        lo = trial;
      }
      if (std::abs(hi.step - lo.step) < 1e-14 * std::max(1.0, lo.step)) break;
    }
    return -1.0;
  };
  Trial previous = start;
  double step = first_step;
  for (int i = 0; i < kMaxLineSearchSteps; ++i) {
    line.evaluate(step);
    const Trial trial{step, line.value, line.slope};
    if (!std::isfinite(trial.value)) {
      step = 0.5 * (previous.step + step);
      continue;
    }
    if (!sufficient(step, trial.value) || (i > 0 && trial.value >= previous.value)) return zoom(previous, trial);
    if (curvature_met(trial.slope)) return step;
    if (trial.slope >= 0) return zoom(trial, previous);
    previous = trial;
    step *= 2.0;
  }
  return -1.0;
}

}  // namespace

ConjugateGradientResult minimise_conjugate_gradient(const ObjectiveWithGradient& objective, std::vector<double>& x,
                                                    int max_iterations, double gradient_tolerance) {
  ConjugateGradientResult result;
  std::vector<double> gradient(x.size());
  double value = objective(x, gradient);
  double previous_value = value + std::sqrt(dot(gradient, gradient)) / 2.0;
  std::vector<double> direction(gradient.size());
  for (std::size_t i = 0; i < x.size(); ++i) direction[i] = -gradient[i];
  while (largest_magnitude(gradient) > gradient_tolerance && result.iterations < max_iterations) {
    const double slope = dot(gradient, direction);
    if (slope >= 0) break;
    double first_step = 2.02 * (value - previous_value) / slope;
    if (!(first_step > 0) || first_step > 1.0) first_step = 1.0;
    LineFunction line(objective, x, direction);
    const double step = wolfe_step(line, Trial{0.0, value, slope}, first_step);
    if (step <= 0) break;
    // The last evaluation is the accepted step (every accepting branch returns right after it).
    const double squared_gradient = dot(gradient, gradient);
    double beta = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) beta += (line.gradient[i] - gradient[i]) * line.gradient[i];
    beta = std::max(0.0, beta / squared_gradient);
    for (std::size_t i = 0; i < x.size(); ++i) direction[i] = -line.gradient[i] + beta * direction[i];
    // SciPy accepts a step only if the next direction descends enough (p.g <= -0.01 g.g); where it
    // does not, restarting from steepest descent keeps the same guarantee.
    if (dot(direction, line.gradient) > -0.01 * dot(line.gradient, line.gradient))
      for (std::size_t i = 0; i < x.size(); ++i) direction[i] = -line.gradient[i];
    x = line.point;
    gradient = line.gradient;
    previous_value = value;
    value = line.value;
    ++result.iterations;
  }
  result.converged = largest_magnitude(gradient) <= gradient_tolerance;
  result.value = value;
  return result;
}

}  // namespace annotbench
