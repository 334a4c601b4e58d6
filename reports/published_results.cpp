#include "reports/published_results.h"

#include <map>
#include <set>

#include "datasets/csv_reader.h"
#include "datasets/input_error.h"

namespace annotbench {

std::vector<PublishedResult> read_published_results(const std::string& path) {
  CsvReader reader(path);
  std::vector<std::string> fields;
  if (!reader.next(fields)) throw InputError(path, 0, "", "empty file: expected a header");
  const std::vector<std::string> wanted = {"dataset", "method", "metric", "mean", "paper_dataset", "source"};
  std::map<std::string, std::size_t> column;
  for (std::size_t c = 0; c < fields.size(); ++c) column[fields[c]] = c;
  for (const std::string& name : wanted)
    if (column.count(name) == 0) throw InputError(path, reader.line(), name, "missing column in the header");
  std::vector<PublishedResult> results;
  std::vector<std::size_t> lines;  // of each result, for the duplicate message
  while (reader.next(fields)) {
    const auto field = [&](const std::string& name) -> const std::string& {
      const std::size_t c = column.at(name);
      if (c >= fields.size()) throw InputError(path, reader.line(), name, "missing value");
      return fields[c];
    };
    PublishedResult result;
    result.dataset = field("dataset");
    result.method = field("method");
    result.metric = field("metric");
    result.mean_percent = parse_float_field(field("mean"), path, reader.line(), "mean");
    // Probe N22: 150 and -5 were compared ("diff 84.2"), and two numbers for one row both shown.
    if (!(result.mean_percent >= 0.0 && result.mean_percent <= 100.0))
      throw InputError(path, reader.line(), "mean", "expected a percentage in [0, 100], got " + field("mean"));
    result.paper_dataset = field("paper_dataset");
    result.source = field("source");
    for (std::size_t k = 0; k < results.size(); ++k)
      if (results[k].dataset == result.dataset && results[k].method == result.method &&
          results[k].metric == result.metric)
        throw InputError(path, reader.line(), "",
                         "a second number for " + result.dataset + " / " + result.method + " / " + result.metric +
                             " (the first is on line " + std::to_string(lines[k]) + ")");
    results.push_back(result);
    lines.push_back(reader.line());
  }
  return results;
}

std::vector<PublishedComparison> compare_with_published(const std::vector<ResultRow>& rows,
                                                        const std::vector<PublishedResult>& published) {
  std::vector<PublishedComparison> comparisons;
  std::set<std::string> datasets;
  for (const ResultRow& row : rows) datasets.insert(row.dataset);
  for (const PublishedResult& number : published) {
    if (datasets.count(number.dataset) == 0) continue;  // another data set's numbers: not this report's
    PublishedComparison comparison;
    comparison.published = number;
    double sum = 0.0;
    for (const ResultRow& row : rows) {
      if (row.dataset != number.dataset || row.method != number.method) continue;
      const auto value = row.metrics.find(number.metric);
      if (value == row.metrics.end()) continue;
      sum += value->second;
      ++comparison.seeds;
    }
    comparison.have_ours = comparison.seeds > 0;
    if (comparison.have_ours) comparison.ours_percent = 100.0 * sum / static_cast<double>(comparison.seeds);
    comparisons.push_back(comparison);
  }
  return comparisons;
}

}  // namespace annotbench
