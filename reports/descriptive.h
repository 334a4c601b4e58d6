#pragma once
// Mean and sample standard deviation over seeds, and Welch's t-test between two methods on one data set.

#include <cstddef>
#include <vector>

namespace annotbench {

double mean_of(const std::vector<double>& values);
// Sample standard deviation (divisor n − 1); 0 for fewer than two values.
double sample_std(const std::vector<double>& values);

struct WelchResult {
  bool tested = false;       // false with fewer than two values on either side
  double t = 0.0;
  double degrees_of_freedom = 0.0;
  double p_value = 1.0;      // one-sided, H1: mean(better) > mean(worse)
};

// One-sided Welch t-test of H1 "mean(first) > mean(second)", Welch–Satterthwaite degrees of freedom.
WelchResult welch_t_test_greater(const std::vector<double>& first, const std::vector<double>& second);

// Student's paired t-test of differences (one per pair: seed, task), n − 1 degrees of freedom. Equal
// differences give t = ±inf (p = 0) or, all zero, t = 0 (p = 1); fewer than two pairs test nothing.
struct PairedTTest {
  std::size_t pairs = 0;
  double mean_difference = 0.0;
  double t = 0.0;
  double p_two_sided = 1.0;
  double p_greater = 1.0;  // one-sided, H1: the mean difference is above 0
};
PairedTTest paired_t_test(const std::vector<double>& differences);

}  // namespace annotbench
