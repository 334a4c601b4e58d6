#pragma once
// Mean and sample standard deviation over seeds, and Welch's t-test between two methods on one data set.

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

}  // namespace annotbench
