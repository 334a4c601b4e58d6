#include "methods/aggregation/digamma.h"

#include <cmath>

namespace annotbench {

double digamma(double x) {
  // psi(x) = psi(x + 1) - 1/x moves x above 10, where the asymptotic series
  // psi(x) ~ log x - 1/(2x) - sum_k B_2k / (2k x^2k) (Abramowitz & Stegun 6.3.18) is accurate.
  double shift = 0.0;
  while (x < 10.0) {
    shift -= 1.0 / x;
    x += 1.0;
  }
  const double inverse_square = 1.0 / (x * x);
  const double series =
      inverse_square *
      (1.0 / 12 - inverse_square * (1.0 / 120 - inverse_square * (1.0 / 252 - inverse_square * (1.0 / 240 - inverse_square * (1.0 / 132 - inverse_square * 691.0 / 32760)))));
  return shift + std::log(x) - 0.5 / x - series;
}

}  // namespace annotbench
