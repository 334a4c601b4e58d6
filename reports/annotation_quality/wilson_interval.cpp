#include "reports/annotation_quality/wilson_interval.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <boost/math/distributions/normal.hpp>

namespace annotbench {

ProportionInterval wilson_interval(std::size_t successes, std::size_t trials, double confidence) {
  if (successes > trials) throw std::invalid_argument("wilson_interval: more successes than trials");
  if (!(confidence > 0.0 && confidence < 1.0)) throw std::invalid_argument("wilson_interval: confidence must lie in (0, 1)");
  if (trials == 0) return {};
  const double z = boost::math::quantile(boost::math::normal(), 0.5 + confidence / 2.0);
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
  const double half_width = z / (1.0 + z2 / n) * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  // At 0 or n successes the bound is exactly 0 or 1; the formula leaves a rounding residue (1e-17).
  return {successes == 0 ? 0.0 : std::max(0.0, centre - half_width),
          successes == trials ? 1.0 : std::min(1.0, centre + half_width)};
}

}  // namespace annotbench
