#pragma once
// The pieces several aggregators share: a weighted vote over the label triples, each annotator's
// agreement with a set of labels, and row-wise normalisation of log scores. Crowd-Kit builds Wawa,
// ZBS and M-MSR from the same two steps (a weighted MajorityVote and get_accuracy).

#include <cstdint>
#include <vector>

#include "datasets/dataset.h"
#include "datasets/sparse_annotations.h"

namespace annotbench {

// Items x classes: the sum of the weights of the annotators who gave each class, divided by the
// row's total (Crowd-Kit's weighted MajorityVote probabilities). Every repeat of a label counts.
// A row without labels, or whose weights sum to zero, is uniform.
Matrix<double> weighted_vote_shares(const SparseAnnotations& annotations, const std::vector<double>& annotator_weights);

// Share of each annotator's labels that equal `labels` of their items (Crowd-Kit's get_accuracy):
// identical repeats of one (item, annotator, label) triple count once, as Crowd-Kit drops duplicate
// triples before averaging. An annotator without labels gets 0.
std::vector<double> agreement_with_labels(const SparseAnnotations& annotations, const std::vector<int>& labels);
// The same with the first index of every distinct triple found once (distinct_label_indices), for
// aggregators that ask again every iteration.
std::vector<std::size_t> distinct_label_indices(const SparseAnnotations& annotations);
std::vector<double> agreement_with_labels(const SparseAnnotations& annotations, const std::vector<int>& labels,
                                          const std::vector<std::size_t>& distinct_indices);

// Replaces each row of log scores by its softmax (max-shifted, so no row overflows).
void softmax_rows(Matrix<double>& log_scores);

// Sets every row of an item without labels to `prior` (aggregators give such items their prior).
void give_unlabelled_items_prior(const SparseAnnotations& annotations, const std::vector<double>& prior,
                                 Matrix<double>& posteriors);

// Labels of each item as one contiguous range: label_order[item_begin[n] .. item_begin[n + 1]) are
// the triple indices of item n, in file order. Aggregators that loop item by item use it.
struct LabelsByItem {
  std::vector<std::size_t> item_begin;   // num_items + 1
  std::vector<std::size_t> label_order;  // num_labels
};
LabelsByItem labels_by_item(const SparseAnnotations& annotations);

}  // namespace annotbench
