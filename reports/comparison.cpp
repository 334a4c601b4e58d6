#include "reports/comparison.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "datasets/input_error.h"
#include "reports/multiple_testing.h"
#include "reports/ranking.h"
#include "reports/studentized_range.h"

namespace annotbench {

std::vector<std::vector<std::size_t>> nemenyi_groups(const std::vector<double>& mean_ranks, double cd) {
  std::vector<std::size_t> order(mean_ranks.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return mean_ranks[a] < mean_ranks[b]; });
  std::vector<std::vector<std::size_t>> groups;
  std::size_t previous_end = 0;
  for (std::size_t start = 0; start < order.size(); ++start) {
    std::size_t end = start;  // last position within CD of `start` (Demšar: different if ≥ CD apart)
    while (end + 1 < order.size() && mean_ranks[order[end + 1]] - mean_ranks[order[start]] < cd) ++end;
    // A run inside the previous one adds nothing; a single method needs no bar.
    if (end > start && end > previous_end) {
      groups.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(start),
                          order.begin() + static_cast<std::ptrdiff_t>(end) + 1);
      previous_end = end;
    }
  }
  return groups;
}

void require_across_dataset_tests(const ScoreTable& table) {
  if (table.dataset_count() < 2)
    throw ConfigError("the tests across data sets need at least 2 data sets, got " +
                      std::to_string(table.dataset_count()));
  if (table.method_count() < 2)
    throw ConfigError("the tests across data sets need at least 2 methods, got " +
                      std::to_string(table.method_count()));
}

MethodComparison compare_methods(const ScoreTable& table, const std::string& baseline, double alpha) {
  if (!(alpha > 0.0 && alpha < 1.0)) throw ConfigError("--alpha must lie in (0, 1), got " + std::to_string(alpha));
  MethodComparison result;
  result.table = table;
  result.alpha = alpha;
  result.ranks = rank_table(table);
  result.mean_ranks = mean_ranks(result.ranks);
  if (table.method_count() == 0) return result;
  result.baseline = baseline.empty() ? 0 : table.method_index(baseline);
  result.across_datasets = table.dataset_count() >= 2 && table.method_count() >= 2;
  if (!result.across_datasets) return result;

  const std::size_t k = table.method_count();
  const std::size_t n = table.dataset_count();
  result.friedman = friedman_test(result.mean_ranks, n);
  std::vector<double> alphas = {0.05, 0.10};
  if (std::none_of(alphas.begin(), alphas.end(), [&](double a) { return std::fabs(a - alpha) < 1e-12; }))
    alphas.push_back(alpha);
  for (double nemenyi_alpha : alphas) {
    NemenyiResult nemenyi;
    nemenyi.alpha = nemenyi_alpha;
    nemenyi.q = nemenyi_q(k, nemenyi_alpha);
    nemenyi.critical_difference = nemenyi.q * std::sqrt(static_cast<double>(k * (k + 1)) / (6.0 * static_cast<double>(n)));
    nemenyi.groups = nemenyi_groups(result.mean_ranks, nemenyi.critical_difference);
    result.nemenyi.push_back(nemenyi);
  }

  const double direction = table.lower_is_better ? -1.0 : 1.0;
  std::vector<double> raw_p;
  for (std::size_t m = 0; m < k; ++m) {
    if (m == result.baseline) continue;
    BaselineComparison versus;
    versus.method = m;
    std::vector<double> differences(n);
    for (std::size_t d = 0; d < n; ++d) {
      differences[d] = direction * (table.scores[d][result.baseline] - table.scores[d][m]);
      if (differences[d] > 0.0) ++versus.baseline_wins;
      else if (differences[d] < 0.0) ++versus.baseline_losses;
      else ++versus.ties;
    }
    versus.wilcoxon = wilcoxon_signed_rank(differences);
    raw_p.push_back(versus.wilcoxon.p_value);
    result.versus_baseline.push_back(versus);
  }
  const std::vector<double> adjusted = holm_adjust(raw_p);
  for (std::size_t i = 0; i < adjusted.size(); ++i) {
    result.versus_baseline[i].p_holm = adjusted[i];
    result.versus_baseline[i].significant = adjusted[i] <= alpha;
  }
  return result;
}

namespace {

// JSON has no infinity; an unbounded statistic is written as null.
nlohmann::ordered_json number_or_null(double value) {
  return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

}  // namespace

nlohmann::ordered_json comparison_to_json(const MethodComparison& comparison) {
  const ScoreTable& table = comparison.table;
  nlohmann::ordered_json out;
  out["datasets"] = table.datasets;
  out["methods"] = table.methods;
  out["lower_is_better"] = table.lower_is_better;
  nlohmann::ordered_json ranks = nlohmann::ordered_json::array();
  for (std::size_t d = 0; d < table.dataset_count(); ++d) {
    nlohmann::ordered_json row;
    row["dataset"] = table.datasets[d];
    for (std::size_t m = 0; m < table.method_count(); ++m) row["ranks"][table.methods[m]] = comparison.ranks[d][m];
    ranks.push_back(row);
  }
  out["ranks"] = ranks;
  for (std::size_t m = 0; m < table.method_count(); ++m) out["mean_ranks"][table.methods[m]] = comparison.mean_ranks[m];
  out["across_datasets"] = comparison.across_datasets;
  if (!comparison.across_datasets) {
    out["note"] = "the tests across data sets need at least 2 data sets and 2 methods";
    return out;
  }
  const FriedmanResult& friedman = comparison.friedman;
  out["friedman"] = {{"chi_square", friedman.chi_square}, {"df", friedman.df_numerator}, {"p_value", friedman.chi_square_p}};
  out["iman_davenport"] = {{"f", number_or_null(friedman.iman_davenport_f)},
                           {"df1", friedman.df_numerator},
                           {"df2", friedman.df_denominator},
                           {"p_value", friedman.iman_davenport_p}};
  // F_F divides by N(k-1) - chi²_F, which is 0 when every data set ranks the methods alike: say so
  // rather than print F = null next to p = 0 (probe K7).
  if (!std::isfinite(friedman.iman_davenport_f)) {
    out["iman_davenport"]["p_value"] = nullptr;
    out["iman_davenport"]["note"] = "perfect agreement: every data set ranks the methods alike (F undefined)";
  }
  // Demšar (2006) recommends the chi² and F approximations for N > 10 data sets and k > 5 methods.
  if (table.dataset_count() <= 10)
    out["note"] = "with " + std::to_string(table.dataset_count()) +
                  " data sets the chi² and F approximations of the Friedman tests are rough (Demšar 2006: N > 10)";
  out["nemenyi"] = nlohmann::ordered_json::array();
  for (const NemenyiResult& nemenyi : comparison.nemenyi) {
    nlohmann::ordered_json groups = nlohmann::ordered_json::array();
    for (const auto& group : nemenyi.groups) {
      nlohmann::ordered_json names = nlohmann::ordered_json::array();
      for (std::size_t m : group) names.push_back(table.methods[m]);
      groups.push_back(names);
    }
    out["nemenyi"].push_back({{"alpha", nemenyi.alpha},
                              {"q_alpha", nemenyi.q},
                              {"critical_difference", nemenyi.critical_difference},
                              {"groups_not_significantly_different", groups}});
  }
  nlohmann::ordered_json wilcoxon;
  wilcoxon["baseline"] = table.methods[comparison.baseline];
  wilcoxon["alpha"] = comparison.alpha;
  wilcoxon["correction"] = "holm";
  wilcoxon["comparisons"] = nlohmann::ordered_json::array();
  for (const BaselineComparison& versus : comparison.versus_baseline) {
    const WilcoxonResult& w = versus.wilcoxon;
    wilcoxon["comparisons"].push_back({{"method", table.methods[versus.method]},
                                       {"baseline_wins", versus.baseline_wins},
                                       {"ties", versus.ties},
                                       {"baseline_losses", versus.baseline_losses},
                                       {"r_plus", w.rank_sum_positive},
                                       {"r_minus", w.rank_sum_negative},
                                       {"t", w.statistic},
                                       {"n", w.pair_count},
                                       {"exact", w.exact},
                                       {"z", w.z},
                                       {"p_value", w.p_value},
                                       {"p_holm", versus.p_holm},
                                       {"significant", versus.significant}});
  }
  out["wilcoxon_holm"] = wilcoxon;
  return out;
}

}  // namespace annotbench
