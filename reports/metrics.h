#pragma once
// Metrics of predictions against true labels. No torch: predictions arrive as plain matrices.

#include <string>
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

// Brier score: the mean over rows of the squared distance between the predicted distribution and
// the one-hot true label, sum_k (p_k - [y = k])^2 (Brier 1950; 0 is perfect, 2 the worst).
double brier_score(const FeatureMatrix& probabilities, const std::vector<int>& true_labels);

// Top-label expected calibration error (Guo et al. 2017, "On calibration of modern neural
// networks", with their 15 bins; the annot-mix reference computes no calibration metric: see
// shared/reference/annot-mix-reference-study.md, "metrics"): rows fall into `bins` equal-width bins of their largest probability, (b/B, (b+1)/B] (a confidence
// of 0 joins the first bin); ECE = sum over bins of (rows in the bin / N) * |accuracy - mean
// confidence| of the bin. 0 for an empty set.
double expected_calibration_error(const FeatureMatrix& probabilities, const std::vector<int>& true_labels,
                                  int bins = 15);

// Whether a lower value of this metric is better (losses and errors: log loss, Brier, ECE, the
// annotator-performance MAE, the noise rate), so that `report --metric` ranks them the right way up.
bool metric_is_lower_better(const std::string& metric);

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
