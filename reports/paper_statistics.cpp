#include "reports/paper_statistics.h"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/normal.hpp>

#include "datasets/input_error.h"
#include "reports/multiple_testing.h"
#include "reports/ranking.h"

namespace annotbench {

ControlComparison rank_z_test(const std::vector<double>& mean_ranks, std::size_t control, std::size_t dataset_count,
                              RankTestForm form, double alpha) {
  ControlComparison comparison;
  comparison.form = form;
  const double k = static_cast<double>(mean_ranks.size());
  const double n = static_cast<double>(dataset_count);
  comparison.standard_error =
      std::sqrt(k * (form == RankTestForm::reference ? k - 1.0 : k + 1.0) / (6.0 * n));
  const boost::math::normal standard_normal;
  std::vector<double> p_values;
  for (std::size_t i = 0; i < mean_ranks.size(); ++i) {
    if (i == control) continue;
    ControlComparisonRow row;
    row.method = i;
    row.z = (mean_ranks[i] - mean_ranks[control]) / comparison.standard_error;
    // The notebook: 2(1 − Φ(z)) on the signed z; the textbook: two-sided on |z|.
    const double tail = form == RankTestForm::reference ? row.z : std::abs(row.z);
    row.p = 2.0 * boost::math::cdf(boost::math::complement(standard_normal, tail));
    p_values.push_back(row.p);
    comparison.rows.push_back(row);
  }
  const std::vector<double> adjusted = holm_adjust(p_values);
  for (std::size_t r = 0; r < comparison.rows.size(); ++r) {
    comparison.rows[r].p_holm = adjusted[r];
    comparison.rows[r].significant = adjusted[r] <= alpha;
  }
  if (form == RankTestForm::reference && !comparison.rows.empty()) {
    // The notebook's loop passes its first test (smallest p against α/(k−1)) and then marks every
    // remaining method significant, or fails and marks none.
    const double smallest = *std::min_element(p_values.begin(), p_values.end());
    const bool all = smallest < alpha / static_cast<double>(p_values.size());
    for (ControlComparisonRow& row : comparison.rows) row.significant = all;
  }
  return comparison;
}

PaperStatistics paper_statistics(const ScoreTable& table, const std::string& control,
                                 const std::vector<std::string>& excluded, double alpha) {
  PaperStatistics statistics;
  statistics.alpha = alpha;
  std::vector<std::size_t> kept;
  for (std::size_t m = 0; m < table.method_count(); ++m) {
    if (std::find(excluded.begin(), excluded.end(), table.methods[m]) != excluded.end())
      statistics.excluded.push_back(table.methods[m]);
    else
      kept.push_back(m);
  }
  statistics.ranked.datasets = table.datasets;
  statistics.ranked.lower_is_better = table.lower_is_better;
  for (const std::size_t m : kept) statistics.ranked.methods.push_back(table.methods[m]);
  for (const std::vector<double>& row : table.scores) {
    std::vector<double> kept_row;
    for (const std::size_t m : kept) kept_row.push_back(row[m]);
    statistics.ranked.scores.push_back(kept_row);
  }
  statistics.control = statistics.ranked.method_index(control);
  statistics.mean_ranks = mean_ranks(rank_table(statistics.ranked));
  const std::size_t n = statistics.ranked.dataset_count(), k = statistics.ranked.method_count();
  statistics.tested = n >= 2 && k >= 2;
  if (!statistics.tested) return statistics;
  statistics.friedman = friedman_test(statistics.mean_ranks, n);
  statistics.reference = rank_z_test(statistics.mean_ranks, statistics.control, n, RankTestForm::reference, alpha);
  statistics.demsar = rank_z_test(statistics.mean_ranks, statistics.control, n, RankTestForm::demsar, alpha);
  return statistics;
}

}  // namespace annotbench
