#include "datasets/dataset.h"

#include <algorithm>
#include <cmath>

#include "datasets/input_error.h"

namespace annotbench {

namespace {

std::string source_of(const Dataset& dataset) {
  return dataset.source.empty() ? dataset.name : dataset.source;
}

}  // namespace

void Dataset::validate() const {
  const std::string where = source_of(*this);
  const std::size_t n = num_instances();
  const int c = num_classes();
  if (c < 2) throw InputError(where, 0, "classes", "need at least 2 classes, got " + std::to_string(c));
  if (features.values.size() != features.rows * features.cols)
    throw InputError(where, 0, "features", "storage does not match its shape");
  if (annotations.values.size() != annotations.rows * annotations.cols)
    throw InputError(where, 0, "annotations", "storage does not match its shape");
  if (has_annotations() && annotations.rows != n)
    throw InputError(where, 0, "annotations",
                     "has " + std::to_string(annotations.rows) + " rows for " + std::to_string(n) +
                         " instances");
  if (has_true_labels() && true_labels.size() != n)
    throw InputError(where, 0, "true_labels",
                     "has " + std::to_string(true_labels.size()) + " entries for " + std::to_string(n) +
                         " instances");
  if (!predefined_part.empty() && predefined_part.size() != n)
    throw InputError(where, 0, "predefined_part",
                     "has " + std::to_string(predefined_part.size()) + " entries for " + std::to_string(n) + " instances");
  if (annotator_ids.size() != num_annotators())
    throw InputError(where, 0, "annotator_ids",
                     "has " + std::to_string(annotator_ids.size()) + " names for " +
                         std::to_string(num_annotators()) + " annotators");
  if (!annotator_features.empty() && annotator_features.rows != num_annotators())
    throw InputError(where, 0, "annotator_features",
                     "has " + std::to_string(annotator_features.rows) + " rows for " +
                         std::to_string(num_annotators()) + " annotators");
  if (!has_true_labels() && !has_annotations())
    throw InputError(where, 0, "labels", "neither true labels nor annotations are given");

  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t d = 0; d < features.cols; ++d) {
      // Instance and feature counted from 1, and no line: these features may come from a file with
      // a header, or from a .npy file, where row i is not line i (probe U1).
      if (!std::isfinite(features.at(i, d)))
        throw InputError(where, 0, "features",
                         "instance " + std::to_string(i + 1) + ", feature " + std::to_string(d + 1) +
                             ": not a finite number");
    }
    if (has_true_labels() && (true_labels[i] < 0 || true_labels[i] >= c))
      throw InputError(where, i + 1, "true_label",
                       "class index " + std::to_string(true_labels[i]) + " outside 0.." +
                           std::to_string(c - 1));
  }
  if (!has_annotations()) return;

  std::vector<std::size_t> labels_per_annotator(num_annotators(), 0);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t labels_here = 0;
    for (std::size_t m = 0; m < num_annotators(); ++m) {
      const int label = annotations.at(i, m);
      if (label == kMissingLabel) continue;
      if (label < 0 || label >= c)
        throw InputError(where, i + 1, "annotator " + annotator_ids[m],
                         "class index " + std::to_string(label) + " outside 0.." + std::to_string(c - 1));
      ++labels_here;
      ++labels_per_annotator[m];
    }
    if (labels_here == 0 && !has_true_labels())
      throw InputError(where, i + 1, "annotations", "instance has no label from any annotator");
  }
  for (std::size_t m = 0; m < num_annotators(); ++m) {
    if (labels_per_annotator[m] == 0)
      throw InputError(where, 0, "annotator " + annotator_ids[m], "gave no label at all");
  }
}

Dataset select_instances(const Dataset& dataset, const std::vector<std::size_t>& indices) {
  Dataset subset;
  subset.name = dataset.name;
  subset.source = dataset.source;
  subset.class_names = dataset.class_names;
  subset.annotator_ids = dataset.annotator_ids;
  subset.annotator_features = dataset.annotator_features;
  subset.features = FeatureMatrix(indices.size(), dataset.features.cols);
  subset.annotations = AnnotationMatrix(dataset.has_annotations() ? indices.size() : 0,
                                        dataset.annotations.cols);
  if (dataset.has_true_labels()) subset.true_labels.resize(indices.size());
  if (!dataset.predefined_part.empty()) subset.predefined_part.resize(indices.size());
  for (std::size_t k = 0; k < indices.size(); ++k) {
    const std::size_t i = indices[k];
    std::copy(dataset.features.row(i), dataset.features.row(i) + dataset.features.cols,
              subset.features.row(k));
    if (dataset.has_annotations())
      std::copy(dataset.annotations.row(i), dataset.annotations.row(i) + dataset.annotations.cols,
                subset.annotations.row(k));
    if (dataset.has_true_labels()) subset.true_labels[k] = dataset.true_labels[i];
    if (!dataset.predefined_part.empty()) subset.predefined_part[k] = dataset.predefined_part[i];
  }
  return subset;
}

}  // namespace annotbench
