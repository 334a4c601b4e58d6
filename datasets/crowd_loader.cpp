#include "datasets/crowd_loader.h"

#include <unordered_map>

#include "datasets/crowd_labels.h"
#include "datasets/crowd_tables.h"
#include "datasets/csv_reader.h"
#include "datasets/input_error.h"
#include "datasets/long_crowd_file.h"

namespace annotbench {

namespace {

bool is_missing_cell(const std::string& value) { return value.empty() || value == "-1" || value == "NA"; }

void read_wide_labels(const std::string& path, CrowdLabelCollector& labels) {
  CsvReader reader(path);
  std::vector<std::string> header;
  if (!reader.next(header)) throw InputError(path, 0, "", "file is empty");
  const std::size_t header_line = reader.line();
  const bool has_item = header.front() == "item" || header.front() == "id";
  std::size_t truth = header.size();
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (header[c] != "label" && header[c] != "truth") continue;
    // Two truth columns would leave one of them read as an annotator called "label" (probe W8).
    if (truth < header.size())
      throw InputError(path, header_line, header[c],
                       "a second true-label column (the first is '" + header[truth] + "'); keep one");
    truth = c;
  }
  std::vector<std::size_t> annotator_columns;
  std::unordered_map<std::string, std::size_t> column_of_annotator;
  for (std::size_t c = has_item ? 1 : 0; c < header.size(); ++c) {
    if (c == truth) continue;
    if (header[c].empty())
      throw InputError(path, header_line, "column " + std::to_string(c + 1), "annotator column has no name");
    // Two columns of one name were merged into one annotator (probe W8).
    const auto [earlier, added] = column_of_annotator.emplace(header[c], c);
    if (!added)
      throw InputError(path, header_line, header[c],
                       "annotator named in columns " + std::to_string(earlier->second + 1) + " and " +
                           std::to_string(c + 1));
    labels.add_annotator(header[c]);
    annotator_columns.push_back(c);
  }
  if (annotator_columns.empty()) throw InputError(path, header_line, "", "no annotator columns in the header");

  std::vector<std::size_t> labels_in_column(header.size(), 0);
  std::unordered_map<std::string, std::size_t> line_of_item;
  std::vector<std::string> row;
  std::size_t data_rows = 0;
  while (reader.next(row)) {
    const std::size_t line = reader.line();
    check_field_count(row, header.size(), path, line);
    ++data_rows;
    // Without an item column the items are numbered by data row, as a features file must then number them.
    const std::string item = has_item ? row.front() : std::to_string(data_rows);
    if (item.empty()) throw InputError(path, line, header.front(), "missing item id");
    const auto [earlier, added] = line_of_item.emplace(item, line);
    if (!added)
      throw InputError(path, line, header.front(),
                       "item '" + item + "' has a second row (first on line " + std::to_string(earlier->second) + ")");
    labels.add_item(item, {path, line, header.front()});
    std::size_t labels_in_row = 0;
    for (std::size_t c : annotator_columns) {
      if (is_missing_cell(row[c])) continue;
      labels.add_label(item, header[c], row[c], {path, line, header[c]});
      ++labels_in_column[c];
      ++labels_in_row;
    }
    // Found here, at its line; the data set's own check knows only the row's index (probe U2).
    if (labels_in_row == 0 && truth == header.size())
      throw InputError(path, line, "annotations", "item '" + item + "' has no label from any annotator");
    if (truth < header.size()) {
      if (is_missing_cell(row[truth])) throw InputError(path, line, header[truth], "missing true label");
      labels.set_truth(item, row[truth], {path, line, header[truth]});
    }
  }
  if (data_rows == 0) throw InputError(path, 0, "", "no data rows");
  for (std::size_t c : annotator_columns) {
    if (labels_in_column[c] == 0) throw InputError(path, 0, header[c], "column has no labels");
  }
}

}  // namespace

CrowdFormat parse_crowd_format(const std::string& text) {
  if (text == "long") return CrowdFormat::long_format;
  if (text == "wide") return CrowdFormat::wide_format;
  throw ConfigError("--format must be 'long' or 'wide', got '" + text + "'");
}

Dataset load_crowd_files(const CrowdFiles& files, CrowdFormat format, const std::vector<std::string>& class_names,
                         const std::string& name, const LongFileReading& reading) {
  CrowdLabelCollector labels(class_names, LabelText::name);
  if (format == CrowdFormat::long_format) read_long_crowd_file(files.annotations, reading, labels);
  else read_wide_labels(files.annotations, labels);
  if (!files.truth.empty()) read_crowd_truth_file(files.truth, reading.truth_columns, labels);
  Dataset dataset = labels.finish(name, files.annotations, files.truth);
  if (!files.features.empty()) attach_features_file(dataset, labels.item_ids(), files.features);
  dataset.validate();
  return dataset;
}

}  // namespace annotbench
