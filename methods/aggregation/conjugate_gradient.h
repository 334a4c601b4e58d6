#pragma once
// Nonlinear conjugate gradients (Polak-Ribiere with the PR+ reset, Nocedal & Wright 2006, sec. 5.2)
// with a strong-Wolfe line search (their Algorithms 3.5 and 3.6, c1 = 1e-4, c2 = 0.4), for GLAD's
// M-step. The constants and the stopping rule are those of SciPy's minimize(method="CG"), which
// Crowd-Kit's GLAD calls: stop when the largest gradient entry is at most `gradient_tolerance` or
// after `max_iterations` line searches; the first trial step is min(1, 2.02 (f_k - f_{k-1}) / f'_k)
// with f_{-1} = f_0 + |g_0| / 2.

#include <functional>
#include <vector>

namespace annotbench {

// Returns f(x) and writes its gradient into `gradient` (already sized like x).
using ObjectiveWithGradient = std::function<double(const std::vector<double>& x, std::vector<double>& gradient)>;

struct ConjugateGradientResult {
  int iterations = 0;
  bool converged = false;  // gradient small enough; false after max_iterations or a failed line search
  double value = 0.0;
};

// Minimises `objective` from `x` (updated in place).
ConjugateGradientResult minimise_conjugate_gradient(const ObjectiveWithGradient& objective, std::vector<double>& x,
                                                    int max_iterations, double gradient_tolerance);

}  // namespace annotbench
