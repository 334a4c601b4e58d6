#pragma once
// Result rows grouped by setting × method: the scores of each seed, their mean and sample std, and the
// score table of means that the tests across data sets rank.

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "reports/result_rows.h"
#include "reports/score_table.h"

namespace annotbench {

struct SeedScores {
  std::vector<long long> seeds;
  std::vector<double> values;   // values[i] was measured with seeds[i]
  double mean = 0.0;
  double std = 0.0;             // sample std (n − 1); 0 for a single seed
  bool empty() const { return values.empty(); }
};

struct ResultSummary {
  std::string metric;
  bool lower_is_better = false;
  std::vector<std::string> settings;            // sorted
  std::vector<std::string> methods;             // sorted
  std::vector<std::vector<SeedScores>> cells;   // cells[setting][method]; empty when never run
};

// Groups `rows` by setting and method and summarises `metric` over seeds; rows that differ in more
// than the seed get labels of their own first (label_variants). Rows lacking the metric are
// left out (with one warning per setting × method); a seed seen twice keeps its later row (warned).
// Throws ConfigError when no row has the metric.
ResultSummary summarize_results(const std::vector<ResultRow>& rows, const std::string& metric,
                                bool lower_is_better, std::ostream& warnings);

// The means of the settings in which every method has a score (`left_out` names the others), ready for
// ranking.
ScoreTable mean_score_table(const ResultSummary& summary, std::vector<std::string>* left_out);

}  // namespace annotbench
