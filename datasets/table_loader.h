#pragma once
// Feature tables: one row per instance, numeric feature columns and one class-label column.

#include <string>

#include "datasets/dataset.h"

namespace annotbench {

enum class TableHeader {
  column_names,  // first row names the columns (R's write.csv, most CSV files)
  sklearn,       // first row "n_samples,n_features,class names..."; labels are class indices
  none,          // no header; columns are called "column 1", "column 2", ...
};

struct TableFormat {
  TableHeader header = TableHeader::column_names;
  // Which column holds the label: by name (column_names header) or, when empty, by position.
  std::string label_name;
  bool label_first = false;  // position when label_name is empty: first column, else last
};

// Throws InputError naming the file, line and column of the first problem: a row with the wrong
// number of fields, a feature that is not a number, a label outside the sklearn header's classes.
Dataset load_feature_table(const std::string& path, const TableFormat& format, const std::string& name);

}  // namespace annotbench
