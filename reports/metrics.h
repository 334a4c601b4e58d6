#pragma once
// Metrics of predictions against true labels. No torch: predictions arrive as plain matrices.

#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

// Index of the largest probability per row (the first one on ties).
std::vector<int> predicted_classes(const FeatureMatrix& probabilities);

// Share of rows whose predicted class equals the true label.
double accuracy(const FeatureMatrix& probabilities, const std::vector<int>& true_labels);

// Mean negative log-likelihood of the true labels (probabilities clipped at 1e-12).
double log_loss(const FeatureMatrix& probabilities, const std::vector<int>& true_labels);

// Mean absolute error of estimated annotator accuracies against whether each given label is right:
// over every (n, m) with annotations(n, m) != missing, |estimate(n, m) - [annotations(n, m) == y_n]|.
double annotator_performance_error(const FeatureMatrix& estimate, const AnnotationMatrix& annotations,
                                   const std::vector<int>& true_labels);

}  // namespace annotbench
