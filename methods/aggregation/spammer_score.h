#pragma once
// The spammer score of Raykar & Yu ("Eliminating spammers and ranking annotators for crowdsourced
// labeling tasks", JMLR 13, 2012; NIPS 2011): how far an annotator's confusion matrix is from the
// nearest matrix whose rows are all equal. Equal rows mean the label given does not depend on the true
// class: whatever the annotator's preferences, such labels carry no information about the item. No torch.
//
// For A (C x C, A[c][k] = P(says k | true class c)), the squared Frobenius distance to the nearest
// rank-one e·vᵀ (v the column means of A) is (1/C) Σ_{c<c'} Σ_k (A[c][k] − A[c'][k])². Raykar & Yu scale it
// into [0, 1]:
//     S = 1/(C(C−1)) · Σ_{c<c'} Σ_k (A[c][k] − A[c'][k])²,
// 0 exactly when all rows are equal, 1 when every row is a different one-hot (the identity, but also any
// permutation: a consistent label-swapper is as informative as a perfect annotator, and the paper's
// score ranks informativeness, not correctness). This squared form is the one implemented for every C.
// For C = 2, with sensitivity α = A[1][1] and specificity β = A[0][0], it equals (α + β − 1)², the
// paper's binary score (the squared distance from the ROC diagonal α = 1 − β, where spammers lie), so the
// binary and the multiclass scores agree. |α + β − 1|, the unsquared distance, would rank annotators in
// the same order but is not what the multiclass formula reduces to.
//
// Rows. Each row is rescaled to sum to 1 before scoring: the aggregation layout stores 0 for the labels
// an annotator never gave (so a row may sum to a little under 1), and counts can then be passed as they
// are. A row that sums to 0 (a true class the annotator was never seen on) is taken as uniform: nothing
// shows that the annotator's labels depend on that class, so the score gives them no credit for it. An
// annotator perfect on the classes seen but never seen on one therefore scores below 1; one with no
// labels at all scores 0.

#include <cstddef>
#include <vector>

#include "datasets/dataset.h"
#include "datasets/sparse_annotations.h"

namespace annotbench {

// S of one confusion matrix: rows are true classes, columns the labels given (C x C, C ≥ 2). Throws
// std::invalid_argument when it is not square, has fewer than 2 classes, or holds a negative or
// non-finite entry.
double spammer_score(const Matrix<double>& confusion);

// S of every annotator from a confusion in the aggregation layout (methods/aggregation/aggregator.h,
// Aggregation::annotator_confusion): P(annotator m says y | true class c) at [(m·C + y)·C + c]. The size
// must be a multiple of C²; the result has one score per annotator.
std::vector<double> spammer_scores(const std::vector<double>& annotator_confusion, int num_classes);

// Each annotator's confusion against known true labels, in the same layout: among m's labels of items
// of true class c, the share that were y. Every label counts, repeats included: each is evidence of how
// the annotator labels. Items whose true label is kMissingLabel are skipped; classes m never labelled
// an item of are 0 (then uniform in spammer_scores). Throws std::invalid_argument when `true_labels` has
// not one entry per item or an entry is outside [0, C) and not kMissingLabel.
std::vector<double> empirical_annotator_confusion(const SparseAnnotations& annotations,
                                                  const std::vector<int>& true_labels);

}  // namespace annotbench
