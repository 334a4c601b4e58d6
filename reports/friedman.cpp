#include "reports/friedman.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/fisher_f.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace annotbench {

FriedmanResult friedman_test(const std::vector<double>& mean_ranks, std::size_t dataset_count) {
  const double k = static_cast<double>(mean_ranks.size());
  const double n = static_cast<double>(dataset_count);
  if (mean_ranks.size() < 2 || dataset_count < 2)
    throw std::invalid_argument("the Friedman test needs at least 2 methods and 2 data sets");

  FriedmanResult result;
  double sum_of_squares = 0.0;
  for (double rank : mean_ranks) sum_of_squares += rank * rank;
  // χ²_F = 12N / (k(k+1)) · [Σ R_j² − k(k+1)²/4]; clamp the rounding error of an all-tied table.
  result.chi_square = std::max(0.0, 12.0 * n / (k * (k + 1.0)) * (sum_of_squares - k * (k + 1.0) * (k + 1.0) / 4.0));
  result.df_numerator = k - 1.0;
  result.df_denominator = (k - 1.0) * (n - 1.0);
  result.chi_square_p = boost::math::cdf(
      boost::math::complement(boost::math::chi_squared_distribution<double>(k - 1.0), result.chi_square));

  // F_F = (N−1)χ²_F / (N(k−1) − χ²_F); the denominator is 0 when all data sets agree perfectly.
  const double denominator = n * (k - 1.0) - result.chi_square;
  if (denominator <= 1e-12 * n * (k - 1.0)) {
    result.iman_davenport_f = std::numeric_limits<double>::infinity();
    result.iman_davenport_p = 0.0;
  } else {
    result.iman_davenport_f = (n - 1.0) * result.chi_square / denominator;
    result.iman_davenport_p = boost::math::cdf(boost::math::complement(
        boost::math::fisher_f_distribution<double>(result.df_numerator, result.df_denominator),
        result.iman_davenport_f));
  }
  return result;
}

}  // namespace annotbench
