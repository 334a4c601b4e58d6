#pragma once
// The Wilcoxon signed-ranks test of two methods over data sets, as Demšar (2006, section 3.1.3) applies it:
// absolute differences are ranked with average ranks for ties; the ranks of zero differences are split
// evenly between R+ and R− (with an odd number of zeros, one zero is dropped first).

#include <cstddef>
#include <vector>

namespace annotbench {

struct WilcoxonResult {
  std::size_t pair_count = 0;     // N: differences ranked (after dropping one zero if their count was odd)
  std::size_t zero_count = 0;     // zero differences among them
  double rank_sum_positive = 0.0; // R+: ranks of positive differences (+ half the zeros')
  double rank_sum_negative = 0.0; // R−
  double statistic = 0.0;         // T = min(R+, R−)
  bool exact = false;             // p from the exact null distribution (N ≤ exact_limit), else normal
  double z = 0.0;                 // (R+ − N(N+1)/4) / σ with the tie-corrected σ; 0 when σ = 0
  double p_value = 1.0;           // two-sided
};

// `differences[i]` > 0 means the side whose wins R+ counts was better on data set i (negate the
// differences of a lower-is-better metric). Exact p-values condition on the observed ranks (ties
// included), enumerating the 2^(non-zero count) equally likely sign patterns by dynamic programming.
WilcoxonResult wilcoxon_signed_rank(const std::vector<double>& differences, std::size_t exact_limit = 25);

}  // namespace annotbench
