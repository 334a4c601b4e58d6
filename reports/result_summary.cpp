#include "reports/result_summary.h"

#include <algorithm>
#include <map>
#include <set>

#include "datasets/input_error.h"
#include "reports/descriptive.h"
#include "reports/result_variants.h"

namespace annotbench {

ResultSummary summarize_results(const std::vector<ResultRow>& rows, const std::string& metric,
                                bool lower_is_better, std::ostream& warnings) {
  ResultSummary summary;
  summary.metric = metric;
  summary.lower_is_better = lower_is_better;
  std::set<std::string> settings, methods;
  // (setting, method) → seed → the row that counts.
  std::map<std::pair<std::string, std::string>, std::map<long long, const ResultRow*>> by_cell;
  std::map<std::pair<std::string, std::string>, std::size_t> without_metric;
  std::set<std::string> metric_names;
  const std::vector<ResultRow> labelled = label_variants(rows, warnings);
  for (const ResultRow& row : labelled) {
    settings.insert(row.setting);
    methods.insert(row.method);
    for (const auto& entry : row.metrics) metric_names.insert(entry.first);
    const auto key = std::make_pair(row.setting, row.method);
    if (row.metrics.count(metric) == 0) {
      ++without_metric[key];
      continue;
    }
    const ResultRow*& slot = by_cell[key][row.seed];
    if (slot != nullptr)
      warnings << row.file << ":" << row.line << ": setting '" << row.setting << "', method '" << row.method
               << "', seed " << row.seed << " was already reported at " << slot->file << ":" << slot->line
               << "; using this later row\n";
    slot = &row;
  }
  if (by_cell.empty()) {
    std::string known;
    for (const std::string& name : metric_names) known += (known.empty() ? "" : ", ") + name;
    throw ConfigError("no result row has the metric '" + metric + "'" +
                      (known.empty() ? std::string(" (there are no rows)") : " (metrics present: " + known + ")"));
  }
  for (const auto& [key, count] : without_metric)
    warnings << "setting '" << key.first << "', method '" << key.second << "': " << count
             << " row(s) without metric '" << metric << "' left out\n";

  summary.settings.assign(settings.begin(), settings.end());
  summary.methods.assign(methods.begin(), methods.end());
  summary.cells.assign(summary.settings.size(), std::vector<SeedScores>(summary.methods.size()));
  for (std::size_t s = 0; s < summary.settings.size(); ++s)
    for (std::size_t m = 0; m < summary.methods.size(); ++m) {
      const auto found = by_cell.find({summary.settings[s], summary.methods[m]});
      if (found == by_cell.end()) continue;
      SeedScores& cell = summary.cells[s][m];
      for (const auto& [seed, row] : found->second) {
        cell.seeds.push_back(seed);
        cell.values.push_back(row->metrics.at(metric));
      }
      cell.mean = mean_of(cell.values);
      cell.std = sample_std(cell.values);
    }
  return summary;
}

ScoreTable mean_score_table(const ResultSummary& summary, std::vector<std::string>* left_out) {
  ScoreTable table;
  table.methods = summary.methods;
  table.lower_is_better = summary.lower_is_better;
  for (std::size_t s = 0; s < summary.settings.size(); ++s) {
    const auto& cells = summary.cells[s];
    if (std::any_of(cells.begin(), cells.end(), [](const SeedScores& cell) { return cell.empty(); })) {
      if (left_out != nullptr) left_out->push_back(summary.settings[s]);
      continue;
    }
    table.datasets.push_back(summary.settings[s]);
    std::vector<double> means;
    for (const SeedScores& cell : cells) means.push_back(cell.mean);
    table.scores.push_back(means);
  }
  return table;
}

}  // namespace annotbench
