#include "methods/aggregation/weighted_vote.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace annotbench {

Matrix<double> weighted_vote_shares(const SparseAnnotations& annotations, const std::vector<double>& annotator_weights) {
  const std::size_t classes = static_cast<std::size_t>(annotations.num_classes);
  Matrix<double> shares(annotations.num_items, classes, 0.0);
  for (std::size_t k = 0; k < annotations.num_labels(); ++k)
    shares.at(annotations.items[k], static_cast<std::size_t>(annotations.labels[k])) +=
        annotator_weights[annotations.annotators[k]];
  for (std::size_t n = 0; n < annotations.num_items; ++n) {
    double* row = shares.row(n);
    double total = 0.0;
    for (std::size_t c = 0; c < classes; ++c) total += row[c];
    for (std::size_t c = 0; c < classes; ++c) row[c] = total != 0.0 ? row[c] / total : 1.0 / static_cast<double>(classes);
  }
  return shares;
}

std::vector<std::size_t> distinct_label_indices(const SparseAnnotations& annotations) {
  // Sorting the triples (ties kept in file order) finds identical repeats without a hash table.
  const auto triple = [&](std::size_t k) {
    return std::make_tuple(annotations.annotators[k], annotations.items[k], annotations.labels[k]);
  };
  std::vector<std::size_t> order(annotations.num_labels());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return triple(a) < triple(b); });
  std::vector<std::size_t> distinct;
  distinct.reserve(order.size());
  for (std::size_t j = 0; j < order.size(); ++j)
    if (j == 0 || triple(order[j - 1]) != triple(order[j])) distinct.push_back(order[j]);
  std::sort(distinct.begin(), distinct.end());
  return distinct;
}

std::vector<double> agreement_with_labels(const SparseAnnotations& annotations, const std::vector<int>& labels,
                                          const std::vector<std::size_t>& distinct_indices) {
  std::vector<double> agreed(annotations.num_annotators, 0.0);
  std::vector<double> counted(annotations.num_annotators, 0.0);
  for (const std::size_t k : distinct_indices) {
    counted[annotations.annotators[k]] += 1.0;
    if (annotations.labels[k] == labels[annotations.items[k]]) agreed[annotations.annotators[k]] += 1.0;
  }
  for (std::size_t m = 0; m < agreed.size(); ++m) agreed[m] = counted[m] > 0 ? agreed[m] / counted[m] : 0.0;
  return agreed;
}

std::vector<double> agreement_with_labels(const SparseAnnotations& annotations, const std::vector<int>& labels) {
  return agreement_with_labels(annotations, labels, distinct_label_indices(annotations));
}

void softmax_rows(Matrix<double>& log_scores) {
  for (std::size_t n = 0; n < log_scores.rows; ++n) {
    double* row = log_scores.row(n);
    const double highest = *std::max_element(row, row + log_scores.cols);
    double total = 0.0;
    for (std::size_t c = 0; c < log_scores.cols; ++c) total += row[c] = std::exp(row[c] - highest);
    for (std::size_t c = 0; c < log_scores.cols; ++c) row[c] /= total;
  }
}

void give_unlabelled_items_prior(const SparseAnnotations& annotations, const std::vector<double>& prior,
                                 Matrix<double>& posteriors) {
  const std::vector<std::size_t> counts = labels_per_item(annotations);
  for (std::size_t n = 0; n < annotations.num_items; ++n)
    if (counts[n] == 0) std::copy(prior.begin(), prior.end(), posteriors.row(n));
}

LabelsByItem labels_by_item(const SparseAnnotations& annotations) {
  LabelsByItem grouped;
  grouped.item_begin.assign(annotations.num_items + 1, 0);
  for (const std::uint32_t item : annotations.items) ++grouped.item_begin[item + 1];
  for (std::size_t n = 0; n < annotations.num_items; ++n) grouped.item_begin[n + 1] += grouped.item_begin[n];
  grouped.label_order.resize(annotations.num_labels());
  std::vector<std::size_t> next(grouped.item_begin.begin(), grouped.item_begin.end() - 1);
  for (std::size_t k = 0; k < annotations.num_labels(); ++k) grouped.label_order[next[annotations.items[k]]++] = k;
  return grouped;
}

}  // namespace annotbench
