#include "datasets/sparse_annotations.h"

#include <stdexcept>
#include <string>

namespace annotbench {

void SparseAnnotations::add(std::size_t item, std::size_t annotator, int label) {
  items.push_back(static_cast<std::uint32_t>(item));
  annotators.push_back(static_cast<std::uint32_t>(annotator));
  labels.push_back(label);
}

void SparseAnnotations::validate() const {
  if (items.size() != labels.size() || annotators.size() != labels.size())
    throw std::invalid_argument("sparse annotations: item, annotator and label lists differ in length");
  if (num_classes < 1) throw std::invalid_argument("sparse annotations: no classes");
  for (std::size_t k = 0; k < labels.size(); ++k) {
    if (items[k] >= num_items || annotators[k] >= num_annotators || labels[k] < 0 || labels[k] >= num_classes)
      throw std::invalid_argument("sparse annotations: label " + std::to_string(k) + " (item " +
                                  std::to_string(items[k]) + ", annotator " + std::to_string(annotators[k]) +
                                  ", class " + std::to_string(labels[k]) + ") is out of range");
  }
}

SparseAnnotations sparse_annotations(const AnnotationMatrix& annotations, int num_classes) {
  SparseAnnotations sparse;
  sparse.num_items = annotations.rows;
  sparse.num_annotators = annotations.cols;
  sparse.num_classes = num_classes;
  for (std::size_t n = 0; n < annotations.rows; ++n)
    for (std::size_t m = 0; m < annotations.cols; ++m)
      if (annotations.at(n, m) != kMissingLabel) sparse.add(n, m, annotations.at(n, m));
  return sparse;
}

std::vector<std::size_t> labels_per_item(const SparseAnnotations& annotations) {
  std::vector<std::size_t> counts(annotations.num_items, 0);
  for (const std::uint32_t item : annotations.items) ++counts[item];
  return counts;
}

std::vector<std::size_t> labels_per_annotator(const SparseAnnotations& annotations) {
  std::vector<std::size_t> counts(annotations.num_annotators, 0);
  for (const std::uint32_t annotator : annotations.annotators) ++counts[annotator];
  return counts;
}

}  // namespace annotbench
