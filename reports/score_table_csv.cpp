#include "reports/score_table_csv.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <set>

#include "datasets/csv_reader.h"
#include "datasets/input_error.h"

namespace annotbench {

namespace {

std::string trimmed(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

double parse_score(const std::string& path, std::size_t line, const std::string& field, const std::string& text) {
  if (text.empty()) throw InputError(path, line, field, "missing value");
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(value))
    throw InputError(path, line, field, "expected a finite number, got \"" + text + "\"");
  return value;
}

}  // namespace

ScoreTable read_score_table_csv(const std::string& path, bool lower_is_better) {
  CsvReader reader(path);
  ScoreTable table;
  table.lower_is_better = lower_is_better;
  std::vector<std::string> fields;
  if (!reader.next(fields)) throw InputError(path, 0, "", "the file is empty (expected a header dataset,METHOD,...)");
  for (std::string& field : fields) field = trimmed(field);
  if (fields.size() < 2)
    throw InputError(path, reader.line(), "", "the header needs a data-set column and at least one method column");
  std::set<std::string> names;
  for (std::size_t i = 1; i < fields.size(); ++i) {
    if (fields[i].empty()) throw InputError(path, reader.line(), "", "method column " + std::to_string(i + 1) + " has no name");
    if (!names.insert(fields[i]).second) throw InputError(path, reader.line(), fields[i], "method named twice");
    table.methods.push_back(fields[i]);
  }
  std::set<std::string> seen_datasets;
  while (reader.next(fields)) {
    for (std::string& field : fields) field = trimmed(field);
    const std::size_t line = reader.line();
    const std::string& dataset = fields[0];
    if (dataset.empty()) throw InputError(path, line, "dataset", "missing data-set name");
    if (!seen_datasets.insert(dataset).second) throw InputError(path, line, "dataset", "data set '" + dataset + "' appears twice");
    if (fields.size() > table.methods.size() + 1)
      throw InputError(path, line, "", std::to_string(fields.size()) + " fields, but the header has " +
                                           std::to_string(table.methods.size() + 1));
    std::vector<double> row;
    for (std::size_t m = 0; m < table.methods.size(); ++m)
      row.push_back(parse_score(path, line, table.methods[m], m + 1 < fields.size() ? fields[m + 1] : ""));
    table.datasets.push_back(dataset);
    table.scores.push_back(row);
  }
  // The statistics would say "need at least 2 data sets, got 0" without naming the file (probe K10).
  if (table.datasets.empty()) throw InputError(path, 0, "", "no data-set rows after the header");
  return table;
}

}  // namespace annotbench
