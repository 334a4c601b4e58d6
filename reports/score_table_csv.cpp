#include "reports/score_table_csv.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>

#include "datasets/input_error.h"

namespace annotbench {

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

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
  std::ifstream in(path);
  if (!in) throw InputError(path, 0, "", "cannot open the file");
  ScoreTable table;
  table.lower_is_better = lower_is_better;
  std::string line;
  std::size_t line_number = 0;
  bool have_header = false;
  std::set<std::string> seen_datasets;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trimmed(line).empty()) continue;
    std::vector<std::string> fields = split_csv_line(line);
    for (std::string& field : fields) field = trimmed(field);
    if (!have_header) {
      have_header = true;
      if (fields.size() < 2)
        throw InputError(path, line_number, "", "the header needs a data-set column and at least one method column");
      std::set<std::string> names;
      for (std::size_t i = 1; i < fields.size(); ++i) {
        if (fields[i].empty()) throw InputError(path, line_number, "", "method column " + std::to_string(i + 1) + " has no name");
        if (!names.insert(fields[i]).second) throw InputError(path, line_number, fields[i], "method named twice");
        table.methods.push_back(fields[i]);
      }
      continue;
    }
    const std::string& dataset = fields[0];
    if (dataset.empty()) throw InputError(path, line_number, "dataset", "missing data-set name");
    if (!seen_datasets.insert(dataset).second) throw InputError(path, line_number, "dataset", "data set '" + dataset + "' appears twice");
    if (fields.size() > table.methods.size() + 1)
      throw InputError(path, line_number, "", std::to_string(fields.size()) + " fields, but the header has " +
                                                  std::to_string(table.methods.size() + 1));
    std::vector<double> row;
    for (std::size_t m = 0; m < table.methods.size(); ++m) {
      const std::string text = m + 1 < fields.size() ? fields[m + 1] : "";
      row.push_back(parse_score(path, line_number, table.methods[m], text));
    }
    table.datasets.push_back(dataset);
    table.scores.push_back(row);
  }
  if (!have_header) throw InputError(path, 0, "", "the file is empty (expected a header dataset,METHOD,...)");
  return table;
}

}  // namespace annotbench
