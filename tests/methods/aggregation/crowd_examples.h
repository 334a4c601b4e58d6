#pragma once
// Small hand-made label sets shared by the aggregator tests.

#include <algorithm>
#include <initializer_list>
#include <numeric>
#include <random>
#include <tuple>
#include <vector>

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

// A crowd drawn from known confusion matrices: item n's true class from `prior`, then each of
// `labels_per_item` distinct annotators (drawn uniformly; all when it is 0) says y with
// probability confusions[m][truth][y]. Deterministic for a seed.
struct SimulatedCrowd {
  SparseAnnotations labels;
  std::vector<int> truth;
};
using ConfusionRows = std::vector<std::vector<double>>;  // [true class][said]
inline SimulatedCrowd simulate_crowd(std::size_t items, const std::vector<ConfusionRows>& confusions,
                                     const std::vector<double>& prior, std::size_t labels_per_item, unsigned seed) {
  std::mt19937_64 rng(seed);
  SimulatedCrowd crowd;
  crowd.labels.num_items = items;
  crowd.labels.num_annotators = confusions.size();
  crowd.labels.num_classes = static_cast<int>(prior.size());
  std::discrete_distribution<int> draw_truth(prior.begin(), prior.end());
  std::vector<std::size_t> annotators(confusions.size());
  std::iota(annotators.begin(), annotators.end(), 0);
  const std::size_t per_item = labels_per_item == 0 ? annotators.size() : labels_per_item;
  for (std::size_t n = 0; n < items; ++n) {
    const int truth = draw_truth(rng);
    crowd.truth.push_back(truth);
    for (std::size_t j = 0; j < per_item; ++j) {  // a partial Fisher-Yates shuffle picks distinct annotators
      std::swap(annotators[j], annotators[j + rng() % (annotators.size() - j)]);
      const std::vector<double>& row = confusions[annotators[j]][static_cast<std::size_t>(truth)];
      std::discrete_distribution<int> say(row.begin(), row.end());
      crowd.labels.add(n, annotators[j], say(rng));
    }
  }
  return crowd;
}

// The flat layout of Aggregation::annotator_confusion, [(m * C + y) * C + c], of `confusions`.
inline std::vector<double> flat_confusion(const std::vector<ConfusionRows>& confusions) {
  const std::size_t classes = confusions.empty() ? 0 : confusions[0].size();
  std::vector<double> flat(confusions.size() * classes * classes);
  for (std::size_t m = 0; m < confusions.size(); ++m)
    for (std::size_t c = 0; c < classes; ++c)
      for (std::size_t y = 0; y < classes; ++y) flat[(m * classes + y) * classes + c] = confusions[m][c][y];
  return flat;
}

}  // namespace annotbench
