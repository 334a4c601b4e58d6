#pragma once
// Crowd-label files in the two layouts that truth-inference data sets are shared in.
//
// long: one label per row, read by long_crowd_file.h: known header names in any order (other columns
//   ignored) or --columns, any delimiter and line end — crowd-kit's layout and the classic sets'.
// wide: one row per item, one column per annotator (the header holds the annotator ids), an optional
//   leading `item`/`id` column and an optional `label`/`truth` column; an empty cell, -1 or NA means
//   the annotator did not label that item.
//
// Items and annotators are indexed in first-appearance order (wide: header order). The classes are the
// given list, or else the sorted labels seen in the annotations and the truth (sorted_label_names).

#include <string>
#include <vector>

#include "datasets/dataset.h"
#include "datasets/long_crowd_file.h"

namespace annotbench {

enum class CrowdFormat { long_format, wide_format };

struct CrowdFiles {
  std::string annotations;  // required
  std::string truth;        // optional `item,label` file
  std::string features;     // optional: CSV `item,f1,f2,...` matched by id, or .npy with rows in item order
};

// Throws InputError naming file, line and field: a malformed row, a label outside the given classes, a
// second label of one annotator for one item (naming both lines), truth or features for an item no
// annotation names, an annotator column without labels (wide: `FILE: field 'ID': column has no labels`).
// `reading`: a long file's columns and missing-label texts (long_crowd_file.h).
Dataset load_crowd_files(const CrowdFiles& files, CrowdFormat format, const std::vector<std::string>& class_names,
                         const std::string& name, const LongFileReading& reading = {});

// "long" or "wide"; throws ConfigError otherwise.
CrowdFormat parse_crowd_format(const std::string& text);

}  // namespace annotbench
