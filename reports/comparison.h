#pragma once
// Every test across data sets for one score table (Demšar 2006): ranks, Friedman / Iman–Davenport,
// Nemenyi critical differences with the groups they leave connected, and Wilcoxon signed-ranks tests of a
// baseline against every other method with Holm's correction.

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/friedman.h"
#include "reports/score_table.h"
#include "reports/wilcoxon.h"

namespace annotbench {

struct NemenyiResult {
  double alpha = 0.05;
  double q = 0.0;                    // studentized range quantile / √2
  double critical_difference = 0.0;
  // Maximal runs of methods (indices, best mean rank first) whose mean ranks differ by less than CD.
  std::vector<std::vector<std::size_t>> groups;
};

struct BaselineComparison {
  std::size_t method = 0;            // column compared with the baseline
  std::size_t baseline_wins = 0, ties = 0, baseline_losses = 0;
  WilcoxonResult wilcoxon;           // R+ sums the ranks of data sets the baseline won
  double p_holm = 1.0;
  bool significant = false;          // p_holm ≤ alpha
};

struct MethodComparison {
  ScoreTable table;
  std::vector<std::vector<double>> ranks;   // ranks[dataset][method], 1 = best
  std::vector<double> mean_ranks;
  bool across_datasets = false;             // N ≥ 2 and k ≥ 2: the tests below were computed
  FriedmanResult friedman;
  std::vector<NemenyiResult> nemenyi;       // at α = 0.05, 0.10 and the requested α
  double alpha = 0.05;
  std::size_t baseline = 0;
  std::vector<BaselineComparison> versus_baseline;
};

// Maximal sets of consecutive methods (in mean-rank order) not significantly different at `cd`.
std::vector<std::vector<std::size_t>> nemenyi_groups(const std::vector<double>& mean_ranks, double cd);

// `baseline` names a column (empty: the first column). Tables with fewer than 2 data sets or methods get
// ranks only (across_datasets = false).
MethodComparison compare_methods(const ScoreTable& table, const std::string& baseline, double alpha);

// Throws ConfigError with a message for people when `table` is too small for tests across data sets.
void require_across_dataset_tests(const ScoreTable& table);

nlohmann::ordered_json comparison_to_json(const MethodComparison& comparison);

}  // namespace annotbench
