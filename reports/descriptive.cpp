#include "reports/descriptive.h"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <numeric>

namespace annotbench {

double mean_of(const std::vector<double>& values) {
  if (values.empty()) return 0.0;
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

namespace {

double sample_variance(const std::vector<double>& values) {
  if (values.size() < 2) return 0.0;
  const double mean = mean_of(values);
  double squares = 0.0;
  for (double value : values) squares += (value - mean) * (value - mean);
  return squares / static_cast<double>(values.size() - 1);
}

}  // namespace

double sample_std(const std::vector<double>& values) { return std::sqrt(sample_variance(values)); }

WelchResult welch_t_test_greater(const std::vector<double>& first, const std::vector<double>& second) {
  WelchResult result;
  if (first.size() < 2 || second.size() < 2) return result;
  result.tested = true;
  const double n1 = static_cast<double>(first.size());
  const double n2 = static_cast<double>(second.size());
  const double share1 = sample_variance(first) / n1;
  const double share2 = sample_variance(second) / n2;
  const double difference = mean_of(first) - mean_of(second);
  const double standard_error = std::sqrt(share1 + share2);
  if (standard_error == 0.0) {
    // Every seed gave the same score on both sides: the difference is certain, or there is none.
    result.t = difference > 0.0 ? INFINITY : (difference < 0.0 ? -INFINITY : 0.0);
    result.p_value = difference > 0.0 ? 0.0 : 1.0;
    return result;
  }
  result.t = difference / standard_error;
  result.degrees_of_freedom =
      (share1 + share2) * (share1 + share2) / (share1 * share1 / (n1 - 1.0) + share2 * share2 / (n2 - 1.0));
  // Scores near the double range (1e308) overflow the variances: no test rather than Boost's
  // "degrees of freedom is -nan" exception (probe C3).
  if (!std::isfinite(result.t) || !std::isfinite(result.degrees_of_freedom) || result.degrees_of_freedom <= 0) {
    result = WelchResult{};
    return result;
  }
  const boost::math::students_t_distribution<double> distribution(result.degrees_of_freedom);
  result.p_value = boost::math::cdf(boost::math::complement(distribution, result.t));
  return result;
}

PairedTTest paired_t_test(const std::vector<double>& differences) {
  PairedTTest test;
  test.pairs = differences.size();
  if (differences.size() < 2) return test;
  test.mean_difference = mean_of(differences);
  const double spread = sample_std(differences);
  if (spread == 0.0) {
    test.t = test.mean_difference == 0.0 ? 0.0 : std::copysign(INFINITY, test.mean_difference);
    test.p_two_sided = test.mean_difference == 0.0 ? 1.0 : 0.0;
    test.p_greater = test.mean_difference > 0.0 ? 0.0 : 1.0;
    return test;
  }
  test.t = test.mean_difference / (spread / std::sqrt(static_cast<double>(differences.size())));
  if (!std::isfinite(test.t)) return PairedTTest{differences.size()};
  const boost::math::students_t_distribution<double> distribution(static_cast<double>(differences.size() - 1));
  test.p_two_sided = 2.0 * boost::math::cdf(boost::math::complement(distribution, std::fabs(test.t)));
  test.p_greater = boost::math::cdf(boost::math::complement(distribution, test.t));
  return test;
}

}  // namespace annotbench
