// ranks.csv: the rank of every method on every ranked setting, and the mean rank, for other tools.

#include <cstdio>

#include "datasets/csv_field.h"
#include "reports/report.h"

namespace annotbench {

namespace {

std::string number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

}  // namespace

std::string render_ranks_csv(const ReportData& report) {
  const MethodComparison& comparison = report.comparison;
  const ScoreTable& table = comparison.table;
  std::string out = "setting";
  for (const std::string& method : table.methods) out += "," + csv_field(method);
  out += "\n";
  for (std::size_t d = 0; d < table.dataset_count(); ++d) {
    out += csv_field(table.datasets[d]);
    for (double rank : comparison.ranks[d]) out += "," + number(rank);
    out += "\n";
  }
  if (table.dataset_count() > 0) {
    out += "mean rank";
    for (double rank : comparison.mean_ranks) out += "," + number(rank);
    out += "\n";
  }
  return out;
}

}  // namespace annotbench
