#include "datasets/table_loader.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "datasets/csv_reader.h"
#include "datasets/input_error.h"

namespace annotbench {

namespace {

struct Header {
  std::vector<std::string> column_names;
  std::vector<std::string> sklearn_class_names;  // set only for TableHeader::sklearn
  std::size_t expected_rows = 0;                 // sklearn header's n_samples
};

Header read_header(CsvReader& reader, const TableFormat& format, std::vector<std::string>& first_row) {
  Header header;
  if (!reader.next(first_row)) throw InputError(reader.path(), 0, "", "file is empty");
  if (format.header == TableHeader::column_names) {
    header.column_names = first_row;
    first_row.clear();
  } else if (format.header == TableHeader::sklearn) {
    if (first_row.size() < 4)
      throw InputError(reader.path(), reader.line(), "",
                       "expected a header 'n_samples,n_features,class names...', got " +
                           std::to_string(first_row.size()) + " fields");
    const std::size_t header_line = reader.line();
    const long long samples = parse_int_field(first_row[0], reader.path(), header_line, "n_samples");
    // A cast of -1 said "18446744073709551615 rows" (probe K1).
    if (samples < 0) throw InputError(reader.path(), header_line, "n_samples", "must not be negative");
    header.expected_rows = static_cast<std::size_t>(samples);
    const auto features = parse_int_field(first_row[1], reader.path(), header_line, "n_features");
    header.sklearn_class_names.assign(first_row.begin() + 2, first_row.end());
    std::set<std::string> class_names;
    for (const std::string& class_name : header.sklearn_class_names)
      if (!class_names.insert(class_name).second)
        throw InputError(reader.path(), header_line, "class names", "'" + class_name + "' named twice");
    // The first data row says how many columns there really are: a header claiming 2e9 features
    // must not make us build 2e9 column names first (probe C1).
    if (!reader.next(first_row)) throw InputError(reader.path(), 0, "", "no data rows");
    if (features < 1 || static_cast<unsigned long long>(features) + 1 != first_row.size())
      throw InputError(reader.path(), header_line, "n_features",
                       "header says " + std::to_string(features) + ", but the first data row (line " +
                           std::to_string(reader.line()) + ") has " + std::to_string(first_row.size()) +
                           " fields (n_features + 1 expected)");
    for (long long d = 0; d < features; ++d) header.column_names.push_back("feature " + std::to_string(d + 1));
    header.column_names.push_back("label");
  } else {
    for (std::size_t c = 0; c < first_row.size(); ++c)
      header.column_names.push_back("column " + std::to_string(c + 1));
  }
  return header;
}

std::size_t label_column_index(const Header& header, const TableFormat& format, const std::string& path) {
  if (header.column_names.size() < 2)
    throw InputError(path, 1, "", "need at least one feature column and a label column");
  if (format.label_name.empty()) return format.label_first ? 0 : header.column_names.size() - 1;
  const auto found = std::find(header.column_names.begin(), header.column_names.end(), format.label_name);
  if (found == header.column_names.end())
    throw InputError(path, 1, format.label_name, "label column not found in the header");
  return static_cast<std::size_t>(found - header.column_names.begin());
}

}  // namespace

Dataset load_feature_table(const std::string& path, const TableFormat& format, const std::string& name) {
  CsvReader reader(path);
  std::vector<std::string> fields;
  const Header header = read_header(reader, format, fields);
  const std::size_t label_column = label_column_index(header, format, path);
  const std::size_t num_columns = header.column_names.size();
  const std::string& label_field = header.column_names[label_column];

  std::vector<float> features;
  std::vector<std::string> label_texts;
  std::vector<std::size_t> label_lines;
  const auto consume_row = [&](const std::vector<std::string>& row, std::size_t line) {
    if (row.size() != num_columns)
      throw InputError(path, line, "",
                       "expected " + std::to_string(num_columns) + " fields, got " + std::to_string(row.size()));
    for (std::size_t c = 0; c < num_columns; ++c) {
      if (c != label_column) features.push_back(parse_float_field(row[c], path, line, header.column_names[c]));
    }
    if (row[label_column].empty() || row[label_column] == "NA")
      throw InputError(path, line, label_field, "missing class label");
    label_texts.push_back(row[label_column]);
    label_lines.push_back(line);
  };
  // Without a header, and after an sklearn header, the first row read was already data.
  if (!fields.empty()) consume_row(fields, reader.line());
  while (reader.next(fields)) consume_row(fields, reader.line());
  if (label_texts.empty()) throw InputError(path, 0, "", "no data rows");

  Dataset dataset;
  dataset.name = name;
  dataset.source = path;
  dataset.features.rows = label_texts.size();
  dataset.features.cols = num_columns - 1;
  dataset.features.values = std::move(features);
  dataset.true_labels.resize(label_texts.size());
  if (format.header == TableHeader::sklearn) {
    dataset.class_names = header.sklearn_class_names;
    const long long num_classes = static_cast<long long>(dataset.class_names.size());
    for (std::size_t i = 0; i < label_texts.size(); ++i) {
      const long long label = parse_int_field(label_texts[i], path, label_lines[i], label_field);
      if (label < 0 || label >= num_classes)
        throw InputError(path, label_lines[i], label_field,
                         "class index " + label_texts[i] + " outside 0.." + std::to_string(num_classes - 1) +
                             " (the header names " + std::to_string(num_classes) + " classes)");
      dataset.true_labels[i] = static_cast<int>(label);
    }
    if (header.expected_rows != label_texts.size())
      throw InputError(path, 1, "n_samples",
                       "header says " + std::to_string(header.expected_rows) + " rows, the file has " +
                           std::to_string(label_texts.size()));
  } else {
    // "1" and "1.0" in one class column are one number spelled twice, read as two classes (probe W7:
    // glass got a 7th class with no word). A data file is not a crowd's answers: this is an error.
    {
      std::map<double, std::size_t> first_row_of_value;
      std::map<std::string, bool> checked;
      for (std::size_t i = 0; i < label_texts.size(); ++i) {
        const std::string& text = label_texts[i];
        if (!checked.emplace(text, true).second) continue;
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value)) continue;
        const auto [found, added] = first_row_of_value.emplace(value, i);
        if (!added)
          throw InputError(path, label_lines[i], label_field,
                           "class \"" + text + "\" is the number spelled \"" + label_texts[found->second] +
                               "\" on line " + std::to_string(label_lines[found->second]) +
                               "; one spelling per class, or they are read as two classes");
      }
    }
    dataset.class_names = sorted_label_names(label_texts);
    std::map<std::string, int> class_index;
    for (std::size_t c = 0; c < dataset.class_names.size(); ++c) class_index[dataset.class_names[c]] = static_cast<int>(c);
    for (std::size_t i = 0; i < label_texts.size(); ++i) dataset.true_labels[i] = class_index.at(label_texts[i]);
  }
  // A header may name three classes where the rows use one; nothing can be learnt then, in either
  // table format (probe W6).
  const std::set<int> occurring(dataset.true_labels.begin(), dataset.true_labels.end());
  if (occurring.size() < 2)
    throw InputError(path, 0, label_field,
                     "only one class occurs (\"" + dataset.class_names.at(static_cast<std::size_t>(*occurring.begin())) +
                         "\" on all " + std::to_string(label_texts.size()) + " rows); need at least 2");
  dataset.validate();
  return dataset;
}

}  // namespace annotbench
