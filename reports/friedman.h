#pragma once
// The Friedman test and its Iman–Davenport correction over mean ranks (Demšar 2006, section 3.2.2).

#include <cstddef>
#include <vector>

namespace annotbench {

struct FriedmanResult {
  double chi_square = 0.0;          // χ²_F, k−1 degrees of freedom
  double chi_square_p = 1.0;
  double iman_davenport_f = 0.0;    // F_F with k−1 and (k−1)(N−1) degrees of freedom; +inf when every
  double iman_davenport_p = 1.0;    // data set ranks the methods identically (χ²_F = N(k−1))
  double df_numerator = 0.0;        // k−1
  double df_denominator = 0.0;      // (k−1)(N−1)
};

// `mean_ranks` has one entry per method (k ≥ 2); `dataset_count` is N ≥ 2.
FriedmanResult friedman_test(const std::vector<double>& mean_ranks, std::size_t dataset_count);

}  // namespace annotbench
