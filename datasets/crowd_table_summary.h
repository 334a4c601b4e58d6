#pragma once
// `annotbench inspect` of a label-only crowd file: sizes, layout, labels per item, and each
// annotator's count and accuracy on the items that have gold. Works from the sparse table, so
// files of any size and with repeated pairs are described without a dense matrix.

#include <string>

#include "datasets/crowd_label_table.h"

namespace annotbench {

std::string format_crowd_table_summary(const CrowdLabelTable& table);

// read_crowd_label_table for a description: a file whose labels are all one class is described,
// not refused (inspect only describes; truth inference needs 2 classes, probe N28).
CrowdLabelTable read_crowd_label_table_to_describe(const CrowdLabelSource& source, const std::string& name);

}  // namespace annotbench
