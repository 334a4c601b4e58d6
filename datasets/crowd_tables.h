#pragma once
// The CSV pieces that crowd-label files are made of, read by column name: a long label file
// (item, annotator, label per row), an item table (item id, optional label, features) and the matching
// of feature rows to instances. Shared by the generic crowd loaders and the paper-set loaders.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "datasets/crowd_labels.h"
#include "datasets/dataset.h"

namespace annotbench {

// Index of the first header column named one of `names`; throws InputError(path, header_line,
// names[0], "column not found in the header") when none is there.
std::size_t find_column(const std::vector<std::string>& header, const std::vector<std::string>& names,
                        const std::string& path, std::size_t header_line);

// Throws InputError(path, line, "", "expected N fields, got M") when a row does not match its header.
void check_field_count(const std::vector<std::string>& row, std::size_t expected, const std::string& path,
                       std::size_t line);

struct LongColumns {
  std::vector<std::string> item = {"item"};          // accepted header names, first is the preferred one
  std::vector<std::string> annotator = {"annotator"};
  std::vector<std::string> label = {"label"};
};

// Adds every row of a long file to `labels`. `keep_row` (optional) skips rows it returns false for
// (CIFAR-10H's attention checks). Other columns are ignored: published files carry many.
void read_long_labels(const std::string& path, const LongColumns& columns, CrowdLabelCollector& labels,
                      const std::function<bool(const std::vector<std::string>& row,
                                               const std::vector<std::string>& header)>& keep_row = {});

// A table of instances: an id column, optionally a label column, and (when asked) every other column
// as a numeric feature.
struct ItemTable {
  std::string path;
  std::vector<std::string> ids;
  std::vector<std::size_t> lines;
  std::vector<std::string> labels;  // empty unless a label column was asked for
  std::vector<std::string> feature_names;
  FeatureMatrix features;           // ids.size() x feature_names.size()
};

// Throws InputError for a missing column, a row with the wrong field count, an empty or repeated id,
// a missing label, or a feature that is not a number.
ItemTable read_item_table(const std::string& path, const std::vector<std::string>& item_names,
                          const std::vector<std::string>& label_names, bool with_features);

// Rows of whole numbers separated by blanks (numpy.savetxt / pandas sep=" "; LabelMe's answers.txt
// and class files), every row as long as the first. Throws InputError at the line of a field that is
// not a whole number or a row of another length, and for a file without rows.
struct NumberRows {
  std::vector<std::vector<long long>> rows;
  std::vector<std::size_t> lines;
};
NumberRows read_number_rows(const std::string& path);

// Fills dataset.features from the rows of `table` matched by id to `item_ids` (the dataset's instance
// order). A table row for an unknown item is an error at its line; an item without a row is an error
// naming the table.
void attach_features_by_id(Dataset& dataset, const std::vector<std::string>& item_ids, const ItemTable& table);

// Fills dataset.features from a .npy array whose first axis runs over the instances in order; the
// other axes are flattened (LabelMe's VGG16 maps are N x 4 x 4 x 512).
void attach_npy_features(Dataset& dataset, const std::string& npy_path);

// A .npy file (attach_npy_features) or else a CSV `item,f1,...` (attach_features_by_id).
void attach_features_file(Dataset& dataset, const std::vector<std::string>& item_ids, const std::string& path);

// The first of `dir`/features.npy and `dir`/features.csv that exists, attached as above; none: D = 0.
void attach_optional_features(Dataset& dataset, const std::vector<std::string>& item_ids, const std::string& dir);

}  // namespace annotbench
