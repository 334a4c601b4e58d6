#include "reports/wilcoxon.h"

#include <algorithm>
#include <cmath>

#include "reports/ranking.h"

namespace annotbench {

namespace {

// P(|S − E S| ≥ |observed − E S|) where S is the sum of a random subset of `doubled_ranks` (each rank in
// with probability ½). Ranks are doubled so that average ranks like 3.5 become integers.
double exact_two_sided_p(const std::vector<long>& doubled_ranks, long observed_doubled_sum) {
  long total = 0;
  for (long rank : doubled_ranks) total += rank;
  // ways[s] / 2^n = P(S = s); doubles hold the counts exactly far beyond N = 25 (2^25 < 2^53).
  std::vector<double> ways(static_cast<std::size_t>(total) + 1, 0.0);
  ways[0] = 1.0;
  long reachable = 0;
  for (long rank : doubled_ranks) {
    reachable += rank;
    for (long s = reachable; s >= rank; --s) ways[static_cast<std::size_t>(s)] += ways[static_cast<std::size_t>(s - rank)];
  }
  // Compare in doubled units around the doubled mean (total/2 → total) to stay in integers.
  const long observed_distance = std::labs(2 * observed_doubled_sum - total);
  double extreme = 0.0;
  for (long s = 0; s <= total; ++s)
    if (std::labs(2 * s - total) >= observed_distance) extreme += ways[static_cast<std::size_t>(s)];
  return std::min(1.0, std::ldexp(extreme, -static_cast<int>(doubled_ranks.size())));
}

}  // namespace

WilcoxonResult wilcoxon_signed_rank(const std::vector<double>& differences, std::size_t exact_limit) {
  std::vector<double> kept = differences;
  // Scores printed with a few decimals leave ~1e-17 of noise in their differences (0.936 − 0.931 ≠
  // 0.768 − 0.763 in binary), which would break the ties and zeros the data have. Differences that agree
  // to 12 digits of the largest one are therefore snapped to a common grid.
  double largest = 0.0;
  for (double d : kept) largest = std::max(largest, std::fabs(d));
  if (largest > 0.0) {
    const double quantum = largest * 1e-12;
    for (double& d : kept) d = std::round(d / quantum) * quantum;
  }
  const auto zeros = static_cast<std::size_t>(std::count(kept.begin(), kept.end(), 0.0));
  if (zeros % 2 == 1) kept.erase(std::find(kept.begin(), kept.end(), 0.0));  // Demšar: "one is ignored"

  WilcoxonResult result;
  result.pair_count = kept.size();
  result.zero_count = zeros - zeros % 2;
  if (kept.empty()) return result;

  std::vector<double> magnitudes(kept.size());
  std::transform(kept.begin(), kept.end(), magnitudes.begin(), [](double d) { return std::fabs(d); });
  const std::vector<double> ranks = rank_ascending(magnitudes);

  double zero_rank_sum = 0.0;
  double nonzero_rank_square_sum = 0.0;
  std::vector<long> nonzero_doubled_ranks;
  long positive_doubled_sum = 0;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const long doubled = std::lround(2.0 * ranks[i]);
    if (kept[i] > 0.0) {
      result.rank_sum_positive += ranks[i];
      positive_doubled_sum += doubled;
    } else if (kept[i] < 0.0) {
      result.rank_sum_negative += ranks[i];
    } else {
      zero_rank_sum += ranks[i];
      continue;
    }
    nonzero_doubled_ranks.push_back(doubled);
    nonzero_rank_square_sum += ranks[i] * ranks[i];
  }
  result.rank_sum_positive += 0.5 * zero_rank_sum;
  result.rank_sum_negative += 0.5 * zero_rank_sum;
  result.statistic = std::min(result.rank_sum_positive, result.rank_sum_negative);

  // Under H0 each non-zero rank joins R+ with probability ½; the zeros' halves are constants. So
  // E R+ = N(N+1)/4 and Var R+ = Σ r_i²/4 over non-zero ranks, which is the textbook
  // N(N+1)(2N+1)/24 − Σ(t³−t)/48 when there are no zeros.
  const double n = static_cast<double>(kept.size());
  const double mean = n * (n + 1.0) / 4.0;
  const double sigma = std::sqrt(nonzero_rank_square_sum / 4.0);
  if (sigma > 0.0) result.z = (result.rank_sum_positive - mean) / sigma;

  if (nonzero_doubled_ranks.empty()) {
    result.p_value = 1.0;
    result.exact = true;
  } else if (kept.size() <= exact_limit) {
    result.exact = true;
    result.p_value = exact_two_sided_p(nonzero_doubled_ranks, positive_doubled_sum);
  } else {
    result.p_value = std::min(1.0, std::erfc(std::fabs(result.z) / std::sqrt(2.0)));
  }
  return result;
}

}  // namespace annotbench
