#pragma once
// Annotations in long format, one row per given label: `item,annotator,label,true_label`. item is the
// 0-based instance index in the data set's order; label and true_label are class names; a missing
// label has no row. The file is written whole or not at all (temp file, then rename).

#include <string>

#include "datasets/dataset.h"

namespace annotbench {

std::string annotations_long_csv(const Dataset& dataset);

// Throws std::runtime_error naming the path when it cannot be written.
void write_annotations_long_csv(const std::string& path, const Dataset& dataset);


}  // namespace annotbench
