#include "reports/studentized_range.h"

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/tools/roots.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace annotbench {

namespace {

double standard_normal_pdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2.0 * M_PI); }
double standard_normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

}  // namespace

double studentized_range_cdf(double q, std::size_t k) {
  if (k < 2) throw std::invalid_argument("the studentized range needs k >= 2 samples");
  if (q <= 0.0) return 0.0;
  const double exponent = static_cast<double>(k - 1);
  const auto integrand = [&](double z) {
    const double inside = standard_normal_cdf(z + q) - standard_normal_cdf(z);
    return standard_normal_pdf(z) * std::pow(inside, exponent);
  };
  // φ(z) < 1e-100 beyond |z| = 22, so the finite interval loses nothing; [−22, 22] is split at 0 and
  // at −q/2, where the integrand peaks, so the adaptive rule starts with its mass resolved.
  const double peak = -0.5 * q;
  double integral = 0.0;
  for (const auto& [low, high] : {std::pair<double, double>{-22.0, peak}, std::pair<double, double>{peak, 22.0}})
    integral += boost::math::quadrature::gauss_kronrod<double, 61>::integrate(integrand, low, high, 15, 1e-14);
  return std::min(1.0, static_cast<double>(k) * integral);
}

double studentized_range_quantile(std::size_t k, double alpha) {
  if (k < 2) throw std::invalid_argument("the studentized range needs k >= 2 samples");
  if (!(alpha > 0.0 && alpha < 1.0))
    throw std::invalid_argument("alpha must lie in (0, 1), got " + std::to_string(alpha));
  const double target = 1.0 - alpha;
  const auto excess = [&](double q) { return studentized_range_cdf(q, k) - target; };
  // The range of k normals rarely exceeds 2·sqrt(2 ln k) + 12 even at alpha = 1e-12; widen if needed.
  double high = 2.0 * std::sqrt(2.0 * std::log(static_cast<double>(k))) + 12.0;
  while (excess(high) < 0.0) high *= 2.0;
  std::uintmax_t iterations = 200;
  const auto bracket = boost::math::tools::toms748_solve(excess, 1e-9, high, excess(1e-9), excess(high),
                                                         boost::math::tools::eps_tolerance<double>(45), iterations);
  return 0.5 * (bracket.first + bracket.second);
}

double nemenyi_q(std::size_t k, double alpha) { return studentized_range_quantile(k, alpha) / std::sqrt(2.0); }

double nemenyi_critical_difference(std::size_t k, std::size_t dataset_count, double alpha) {
  if (dataset_count == 0) throw std::invalid_argument("the critical difference needs at least one data set");
  const double kk = static_cast<double>(k);
  return nemenyi_q(k, alpha) * std::sqrt(kk * (kk + 1.0) / (6.0 * static_cast<double>(dataset_count)));
}

}  // namespace annotbench
