#include "methods/aggregation/digamma.h"

#include <cmath>

namespace annotbench {

double digamma(double x) {
  // psi(x) = psi(x + 1) - 1/x moves x above 6, where the asymptotic series
  // psi(x) ~ log x - 1/(2x) - sum_k B_2k / (2k x^2k) (Abramowitz & Stegun 6.3.18) is accurate.
  double shift = 0.0;
  while (x < 6.0) {
    shift -= 1.0 / x;
    x += 1.0;
  }
  const double inverse_square = 1.0 / (x * x);
  const double series =
      inverse_square *
      (1.0 / 12 - inverse_square * (1.0 / 120 - inverse_square * (1.0 / 252 - inverse_square * (1.0 / 240 - inverse_square / 132))));
  return shift + std::log(x) - 0.5 / x - series;
}

}  // namespace annotbench
