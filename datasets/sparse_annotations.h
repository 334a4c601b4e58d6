#pragma once
// Crowd labels as a list of (item, annotator, label) triples: the form truth inference works on.
// Real crowd files are very sparse (CIFAR-10N: 150,000 labels over 50,000 items x 747 workers) and
// may hold several labels of one annotator for one item (S_Adult, the anaesthesia ratings), which
// the dense AnnotationMatrix cannot. No torch.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

struct SparseAnnotations {
  std::size_t num_items = 0;
  std::size_t num_annotators = 0;
  int num_classes = 0;
  // Parallel arrays, one entry per label, in file order.
  std::vector<std::uint32_t> items;
  std::vector<std::uint32_t> annotators;
  std::vector<std::int32_t> labels;  // class index in [0, num_classes)

  std::size_t num_labels() const { return labels.size(); }
  void add(std::size_t item, std::size_t annotator, int label);
  // Throws std::invalid_argument when an entry is out of range or the arrays disagree in length.
  void validate() const;
};

// Every non-missing entry of `annotations`, row by row.
SparseAnnotations sparse_annotations(const AnnotationMatrix& annotations, int num_classes);

// Labels per item and per annotator.
std::vector<std::size_t> labels_per_item(const SparseAnnotations& annotations);
std::vector<std::size_t> labels_per_annotator(const SparseAnnotations& annotations);

}  // namespace annotbench
