#pragma once
// A CSV file that describes annotators by features, for methods that embed annotators (issue 24):
//   annotator,experience,accuracy_on_gold
//   w17,3.5,0.81
// a header naming the annotator column and each feature, then one row per annotator, matched to the
// data set's annotators by id (in any order).

#include <string>
#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

// The M x A matrix of `annotator_ids`' rows, in that order. InputError naming the file (and the
// line and field where there is one) for a row of another width than the header, a value that is
// not a finite number, an annotator listed twice or unknown to the data set, or one of
// `annotator_ids` the file does not describe.
FeatureMatrix read_annotator_feature_file(const std::string& path, const std::vector<std::string>& annotator_ids);

}  // namespace annotbench
