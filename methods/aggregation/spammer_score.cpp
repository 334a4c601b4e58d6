#include "methods/aggregation/spammer_score.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace annotbench {

namespace {

// `rows` (C x C, row = true class) with each row summing to 1, a zero row uniform.
Matrix<double> row_distributions(Matrix<double> rows) {
  const std::size_t classes = rows.rows;
  for (std::size_t c = 0; c < classes; ++c) {
    double total = 0.0;
    for (std::size_t k = 0; k < classes; ++k) {
      const double entry = rows.at(c, k);
      if (!std::isfinite(entry) || entry < 0.0)
        throw std::invalid_argument("spammer score: confusion entry (true class " + std::to_string(c) + ", label " +
                                    std::to_string(k) + ") is " + std::to_string(entry) +
                                    ", not a finite non-negative number");
      total += entry;
    }
    for (std::size_t k = 0; k < classes; ++k)
      rows.at(c, k) = total > 0.0 ? rows.at(c, k) / total : 1.0 / static_cast<double>(classes);
  }
  return rows;
}

}  // namespace

double spammer_score(const Matrix<double>& confusion) {
  if (confusion.rows != confusion.cols)
    throw std::invalid_argument("spammer score: confusion is " + std::to_string(confusion.rows) + " x " +
                                std::to_string(confusion.cols) + ", not square");
  if (confusion.rows < 2)
    throw std::invalid_argument("spammer score: needs at least 2 classes, got " + std::to_string(confusion.rows));
  const Matrix<double> rows = row_distributions(confusion);
  const std::size_t classes = rows.rows;
  double spread = 0.0;
  for (std::size_t c = 0; c < classes; ++c)
    for (std::size_t other = c + 1; other < classes; ++other)
      for (std::size_t k = 0; k < classes; ++k) {
        const double difference = rows.at(c, k) - rows.at(other, k);
        spread += difference * difference;
      }
  // Σ_k (a_k − b_k)² ≤ 2 for two distributions, so the C(C−1)/2 pairs bound the sum by C(C−1).
  return spread / static_cast<double>(classes * (classes - 1));
}

std::vector<double> spammer_scores(const std::vector<double>& annotator_confusion, int num_classes) {
  if (num_classes < 2) throw std::invalid_argument("spammer scores: needs at least 2 classes, got " + std::to_string(num_classes));
  const auto classes = static_cast<std::size_t>(num_classes);
  const std::size_t block = classes * classes;
  if (annotator_confusion.size() % block != 0)
    throw std::invalid_argument("spammer scores: " + std::to_string(annotator_confusion.size()) +
                                " confusion entries are not a whole number of " + std::to_string(classes) + " x " +
                                std::to_string(classes) + " matrices");
  std::vector<double> scores(annotator_confusion.size() / block);
  Matrix<double> confusion(classes, classes);
  for (std::size_t m = 0; m < scores.size(); ++m) {
    for (std::size_t y = 0; y < classes; ++y)
      for (std::size_t c = 0; c < classes; ++c) confusion.at(c, y) = annotator_confusion[(m * classes + y) * classes + c];
    scores[m] = spammer_score(confusion);
  }
  return scores;
}

std::vector<double> empirical_annotator_confusion(const SparseAnnotations& annotations,
                                                  const std::vector<int>& true_labels) {
  annotations.validate();
  if (true_labels.size() != annotations.num_items)
    throw std::invalid_argument("empirical annotator confusion: " + std::to_string(true_labels.size()) +
                                " true labels for " + std::to_string(annotations.num_items) + " items");
  const auto classes = static_cast<std::size_t>(annotations.num_classes);
  for (std::size_t i = 0; i < true_labels.size(); ++i)
    if (true_labels[i] != kMissingLabel && (true_labels[i] < 0 || true_labels[i] >= annotations.num_classes))
      throw std::invalid_argument("empirical annotator confusion: true label of item " + std::to_string(i) + " is " +
                                  std::to_string(true_labels[i]) + ", outside 0.." +
                                  std::to_string(annotations.num_classes - 1));
  std::vector<double> confusion(annotations.num_annotators * classes * classes, 0.0);
  std::vector<double> seen(annotations.num_annotators * classes, 0.0);  // labels of m on items of class c
  for (std::size_t k = 0; k < annotations.num_labels(); ++k) {
    const int truth = true_labels[annotations.items[k]];
    if (truth == kMissingLabel) continue;
    const std::size_t m = annotations.annotators[k];
    const auto c = static_cast<std::size_t>(truth);
    confusion[(m * classes + static_cast<std::size_t>(annotations.labels[k])) * classes + c] += 1.0;
    seen[m * classes + c] += 1.0;
  }
  for (std::size_t m = 0; m < annotations.num_annotators; ++m)
    for (std::size_t y = 0; y < classes; ++y)
      for (std::size_t c = 0; c < classes; ++c)
        if (seen[m * classes + c] > 0.0) confusion[(m * classes + y) * classes + c] /= seen[m * classes + c];
  return confusion;
}

}  // namespace annotbench
