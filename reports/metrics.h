#pragma once
// Metrics of predictions against true labels. No torch: predictions arrive as plain matrices.

#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

// Index of the largest probability per row (the first one on ties).
std::vector<int> predicted_classes(const FeatureMatrix& probabilities);

// Share of rows whose predicted class equals the true label.
double accuracy(const FeatureMatrix& probabilities, const std::vector<int>& true_labels);

// Unweighted mean over classes of F1 = 2·TP / (2·TP + FP + FN); classes that neither occur nor are
// predicted are left out of the mean, as sklearn's f1_score(average="macro") does by default.
double macro_f1(const FeatureMatrix& probabilities, const std::vector<int>& true_labels);

// Mean negative log-likelihood of the true labels (probabilities clipped at 1e-12).
double log_loss(const FeatureMatrix& probabilities, const std::vector<int>& true_labels);

// Mean absolute error of estimated annotator accuracies against whether each given label is right:
// over every (n, m) with annotations(n, m) != missing, |estimate(n, m) - [annotations(n, m) == y_n]|.
double annotator_performance_error(const FeatureMatrix& estimate, const AnnotationMatrix& annotations,
                                   const std::vector<int>& true_labels);

// Mean over the classes that occur in `true_labels` of the share of their rows predicted right
// (sklearn's balanced_accuracy_score).
double balanced_accuracy(const FeatureMatrix& probabilities, const std::vector<int>& true_labels);

// Share of the given labels (not missing) that differ from the true label: the paper's
// "noise rate" of a training split.
double label_noise_rate(const AnnotationMatrix& annotations, const std::vector<int>& true_labels);

// Area under the ROC curve of `scores` for telling `positive` rows from the others: the
// probability that a random positive scores above a random negative, ties counting one half
// (Mann-Whitney U with average ranks). NaN when either class is absent; std::invalid_argument
// when a score is NaN or infinite.
double roc_auc(const std::vector<double>& scores, const std::vector<bool>& positive);

// Average precision (sklearn's average_precision_score): sum over the distinct score thresholds,
// from the highest, of the recall gained times the precision there. NaN without positives;
// std::invalid_argument when a score is NaN or infinite.
double average_precision(const std::vector<double>& scores, const std::vector<bool>& positive);

// The annotator-performance model's estimate for every given label, and whether that label is
// right: the population the paper's AP AUROC and AUPR are computed over.
struct AnnotatorPerformanceScores {
  std::vector<double> estimate;
  std::vector<bool> correct;
};
AnnotatorPerformanceScores annotator_performance_scores(const FeatureMatrix& estimate,
                                                        const AnnotationMatrix& annotations,
                                                        const std::vector<int>& true_labels);

}  // namespace annotbench
