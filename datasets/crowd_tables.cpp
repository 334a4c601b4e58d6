#include "datasets/crowd_tables.h"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <unordered_map>

#include "datasets/csv_reader.h"
#include "datasets/input_error.h"
#include "datasets/line_reader.h"
#include "datasets/npy_reader.h"

namespace annotbench {

std::size_t find_column(const std::vector<std::string>& header, const std::vector<std::string>& names,
                        const std::string& path, std::size_t header_line) {
  for (const std::string& name : names) {
    const auto found = std::find(header.begin(), header.end(), name);
    if (found != header.end()) return static_cast<std::size_t>(found - header.begin());
  }
  std::string wanted = names.front();
  for (std::size_t k = 1; k < names.size(); ++k) wanted += (k + 1 == names.size() ? " or " : ", ") + names[k];
  throw InputError(path, header_line, names.front(),
                   names.size() == 1 ? "column not found in the header"
                                     : "column not found in the header (looked for " + wanted + ")");
}

void check_field_count(const std::vector<std::string>& row, std::size_t expected, const std::string& path,
                       std::size_t line) {
  if (row.size() != expected)
    throw InputError(path, line, "", "expected " + std::to_string(expected) + " fields, got " + std::to_string(row.size()));
}

void read_long_labels(const std::string& path, const LongColumns& columns, CrowdLabelCollector& labels,
                      const std::function<bool(const std::vector<std::string>&, const std::vector<std::string>&)>&
                          keep_row) {
  CsvReader reader(path);
  std::vector<std::string> header;
  if (!reader.next(header)) throw InputError(path, 0, "", "file is empty");
  const std::size_t header_line = reader.line();
  const std::size_t item = find_column(header, columns.item, path, header_line);
  const std::size_t annotator = find_column(header, columns.annotator, path, header_line);
  const std::size_t label = find_column(header, columns.label, path, header_line);
  std::vector<std::string> row;
  std::size_t rows = 0;
  while (reader.next(row)) {
    check_field_count(row, header.size(), path, reader.line());
    if (keep_row && !keep_row(row, header)) continue;
    if (row[item].empty()) throw InputError(path, reader.line(), header[item], "missing item id");
    if (row[annotator].empty()) throw InputError(path, reader.line(), header[annotator], "missing annotator id");
    labels.add_item(row[item], {path, reader.line(), header[item]});  // an unknown item is the id's fault
    labels.add_label(row[item], row[annotator], row[label], {path, reader.line(), header[label]});
    ++rows;
  }
  if (rows == 0) throw InputError(path, 0, "", "no labels in the file");
}

ItemTable read_item_table(const std::string& path, const std::vector<std::string>& item_names,
                          const std::vector<std::string>& label_names, bool with_features) {
  CsvReader reader(path);
  std::vector<std::string> header;
  if (!reader.next(header)) throw InputError(path, 0, "", "file is empty");
  const std::size_t header_line = reader.line();
  const std::size_t item = find_column(header, item_names, path, header_line);
  const bool has_label = !label_names.empty();
  const std::size_t label = has_label ? find_column(header, label_names, path, header_line) : header.size();
  ItemTable table;
  table.path = path;
  std::vector<std::size_t> feature_columns;
  if (with_features) {
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (c == item || c == label) continue;
      feature_columns.push_back(c);
      table.feature_names.push_back(header[c]);
    }
  }
  std::unordered_map<std::string, std::size_t> line_of_id;
  std::vector<std::string> row;
  while (reader.next(row)) {
    const std::size_t line = reader.line();
    check_field_count(row, header.size(), path, line);
    if (row[item].empty()) throw InputError(path, line, header[item], "missing item id");
    const auto [earlier, added] = line_of_id.emplace(row[item], line);
    if (!added)
      throw InputError(path, line, header[item],
                       "item '" + row[item] + "' is listed twice (first on line " + std::to_string(earlier->second) + ")");
    if (has_label) {
      if (row[label].empty()) throw InputError(path, line, header[label], "missing class label");
      table.labels.push_back(row[label]);
    }
    for (std::size_t c : feature_columns) table.features.values.push_back(parse_float_field(row[c], path, line, header[c]));
    table.ids.push_back(row[item]);
    table.lines.push_back(line);
  }
  if (table.ids.empty()) throw InputError(path, 0, "", "no data rows");
  table.features.rows = table.ids.size();
  table.features.cols = feature_columns.size();
  return table;
}

NumberRows read_number_rows(const std::string& path) {
  NumberRows table;
  TextLineReader reader(path);
  TextLine text_line;
  while (reader.next(text_line)) {
    const std::size_t line = text_line.number;
    std::istringstream fields(text_line.text);
    std::vector<long long> row;
    std::string field;
    while (fields >> field) row.push_back(parse_int_field(field, path, line, "column " + std::to_string(row.size() + 1)));
    if (row.empty()) continue;
    if (!table.rows.empty() && row.size() != table.rows.front().size())
      throw InputError(path, line, "",
                       "expected " + std::to_string(table.rows.front().size()) + " fields, got " + std::to_string(row.size()));
    table.rows.push_back(std::move(row));
    table.lines.push_back(line);
  }
  if (table.rows.empty()) throw InputError(path, 0, "", "no data rows");
  return table;
}

void attach_features_by_id(Dataset& dataset, const std::vector<std::string>& item_ids, const ItemTable& table) {
  std::unordered_map<std::string, std::size_t> row_of_id;
  for (std::size_t r = 0; r < table.ids.size(); ++r) row_of_id.emplace(table.ids[r], r);
  std::unordered_map<std::string, std::size_t> instance_of_id;
  for (std::size_t i = 0; i < item_ids.size(); ++i) instance_of_id.emplace(item_ids[i], i);
  for (std::size_t r = 0; r < table.ids.size(); ++r) {
    if (instance_of_id.count(table.ids[r]) == 0)
      throw InputError(table.path, table.lines[r], "item",
                       "features for item '" + table.ids[r] + "', which no annotation names");
  }
  FeatureMatrix features(item_ids.size(), table.features.cols);
  for (std::size_t i = 0; i < item_ids.size(); ++i) {
    const auto found = row_of_id.find(item_ids[i]);
    if (found == row_of_id.end())
      throw InputError(table.path, 0, "", "no feature row for item '" + item_ids[i] + "'");
    std::copy(table.features.row(found->second), table.features.row(found->second) + table.features.cols,
              features.row(i));
  }
  dataset.features = std::move(features);
}

void attach_npy_features(Dataset& dataset, const std::string& npy_path) {
  NpyFloatArray array = read_npy_floats(npy_path);
  const std::size_t instances = dataset.num_instances();
  if (array.shape.empty() || array.shape[0] != instances)
    throw InputError(npy_path, 0, "shape",
                     "first axis has " + std::to_string(array.shape.empty() ? 0 : array.shape[0]) + " rows for " +
                         std::to_string(instances) + " instances");
  dataset.features.rows = instances;
  dataset.features.cols = instances == 0 ? 0 : array.values.size() / instances;
  dataset.features.values = std::move(array.values);
}

void attach_features_file(Dataset& dataset, const std::vector<std::string>& item_ids, const std::string& path) {
  const std::string npy = ".npy";
  if (path.size() >= npy.size() && path.compare(path.size() - npy.size(), npy.size(), npy) == 0)
    attach_npy_features(dataset, path);
  else
    attach_features_by_id(dataset, item_ids, read_item_table(path, {"item", "id"}, {}, true));
}

void attach_optional_features(Dataset& dataset, const std::vector<std::string>& item_ids, const std::string& dir) {
  for (const char* name : {"features.npy", "features.csv"}) {
    const std::filesystem::path path = std::filesystem::path(dir) / name;
    std::error_code ignored;
    if (std::filesystem::exists(path, ignored)) {
      attach_features_file(dataset, item_ids, path.string());
      return;
    }
  }
}

}  // namespace annotbench
