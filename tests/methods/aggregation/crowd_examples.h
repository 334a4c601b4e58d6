#pragma once
// Small hand-made label sets shared by the aggregator tests.

#include <initializer_list>
#include <tuple>

#include "datasets/sparse_annotations.h"

namespace annotbench {

inline SparseAnnotations labels_of(std::size_t items, std::size_t annotators, int classes,
                                   std::initializer_list<std::tuple<int, int, int>> triples) {
  SparseAnnotations labels;
  labels.num_items = items;
  labels.num_annotators = annotators;
  labels.num_classes = classes;
  for (const auto& [item, annotator, label] : triples) labels.add(item, annotator, label);
  labels.validate();
  return labels;
}

// Two classes, three annotators, four items (item: labels of a0, a1, a2):
//   0: 0 0 0    1: 0 0 1    2: 1 1 1    3: 0 1 1
// Majority-vote shares: (1, 0), (2/3, 1/3), (0, 1), (1/3, 2/3); no ties.
inline SparseAnnotations three_annotators_four_items() {
  return labels_of(4, 3, 2,
                   {{0, 0, 0}, {0, 1, 0}, {0, 2, 0}, {1, 0, 0}, {1, 1, 0}, {1, 2, 1},
                    {2, 0, 1}, {2, 1, 1}, {2, 2, 1}, {3, 0, 0}, {3, 1, 1}, {3, 2, 1}});
}

}  // namespace annotbench
