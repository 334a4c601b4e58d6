#include "reports/metrics.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace annotbench {

std::vector<int> predicted_classes(const FeatureMatrix& probabilities) {
  std::vector<int> classes(probabilities.rows);
  for (std::size_t i = 0; i < probabilities.rows; ++i) {
    const float* row = probabilities.row(i);
    classes[i] = static_cast<int>(std::max_element(row, row + probabilities.cols) - row);
  }
  return classes;
}

double accuracy(const FeatureMatrix& probabilities, const std::vector<int>& true_labels) {
  if (probabilities.rows != true_labels.size())
    throw std::invalid_argument("accuracy: " + std::to_string(probabilities.rows) + " predictions for " +
                                std::to_string(true_labels.size()) + " labels");
  if (true_labels.empty()) return 0.0;
  const std::vector<int> predicted = predicted_classes(probabilities);
  std::size_t correct = 0;
  for (std::size_t i = 0; i < predicted.size(); ++i) correct += predicted[i] == true_labels[i];
  return static_cast<double>(correct) / static_cast<double>(true_labels.size());
}

double log_loss(const FeatureMatrix& probabilities, const std::vector<int>& true_labels) {
  if (probabilities.rows != true_labels.size())
    throw std::invalid_argument("log_loss: predictions and labels differ in number");
  if (true_labels.empty()) return 0.0;
  double total = 0.0;
  for (std::size_t i = 0; i < true_labels.size(); ++i)
    total -= std::log(std::max(1e-12, static_cast<double>(probabilities.at(i, static_cast<std::size_t>(true_labels[i])))));
  return total / static_cast<double>(true_labels.size());
}

double annotator_performance_error(const FeatureMatrix& estimate, const AnnotationMatrix& annotations,
                                   const std::vector<int>& true_labels) {
  if (estimate.rows != annotations.rows || estimate.cols != annotations.cols)
    throw std::invalid_argument("annotator_performance_error: estimate and annotations differ in shape");
  double total = 0.0;
  std::size_t count = 0;
  for (std::size_t i = 0; i < annotations.rows; ++i) {
    for (std::size_t m = 0; m < annotations.cols; ++m) {
      const int label = annotations.at(i, m);
      if (label == kMissingLabel) continue;
      const double correct = label == true_labels[i] ? 1.0 : 0.0;
      total += std::abs(estimate.at(i, m) - correct);
      ++count;
    }
  }
  return count == 0 ? 0.0 : total / static_cast<double>(count);
}

}  // namespace annotbench
