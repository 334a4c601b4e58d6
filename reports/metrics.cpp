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

double macro_f1(const FeatureMatrix& probabilities, const std::vector<int>& true_labels) {
  if (probabilities.rows != true_labels.size())
    throw std::invalid_argument("macro_f1: " + std::to_string(probabilities.rows) + " predictions for " +
                                std::to_string(true_labels.size()) + " labels");
  const std::vector<int> predicted = predicted_classes(probabilities);
  std::vector<double> true_positive(probabilities.cols, 0.0), false_positive(probabilities.cols, 0.0),
      false_negative(probabilities.cols, 0.0);
  for (std::size_t i = 0; i < predicted.size(); ++i) {
    const auto p = static_cast<std::size_t>(predicted[i]);
    const auto t = static_cast<std::size_t>(true_labels[i]);
    if (p == t) {
      true_positive[t] += 1.0;
    } else {
      false_positive[p] += 1.0;
      false_negative[t] += 1.0;
    }
  }
  double total = 0.0;
  std::size_t present = 0;
  for (std::size_t c = 0; c < probabilities.cols; ++c) {
    const double denominator = 2.0 * true_positive[c] + false_positive[c] + false_negative[c];
    if (denominator == 0.0) continue;
    total += 2.0 * true_positive[c] / denominator;
    ++present;
  }
  return present == 0 ? 0.0 : total / static_cast<double>(present);
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

double brier_score(const FeatureMatrix& probabilities, const std::vector<int>& true_labels) {
  if (probabilities.rows != true_labels.size())
    throw std::invalid_argument("brier_score: predictions and labels differ in number");
  if (true_labels.empty()) return 0.0;
  double total = 0.0;
  for (std::size_t i = 0; i < true_labels.size(); ++i)
    for (std::size_t k = 0; k < probabilities.cols; ++k) {
      const double target = static_cast<int>(k) == true_labels[i] ? 1.0 : 0.0;
      const double difference = static_cast<double>(probabilities.at(i, k)) - target;
      total += difference * difference;
    }
  return total / static_cast<double>(true_labels.size());
}

double expected_calibration_error(const FeatureMatrix& probabilities, const std::vector<int>& true_labels, int bins) {
  if (probabilities.rows != true_labels.size())
    throw std::invalid_argument("expected_calibration_error: predictions and labels differ in number");
  if (bins < 1) throw std::invalid_argument("expected_calibration_error: bins must be at least 1");
  if (true_labels.empty()) return 0.0;
  const std::vector<int> predicted = predicted_classes(probabilities);
  std::vector<double> confidence_sum(static_cast<std::size_t>(bins), 0.0), correct(static_cast<std::size_t>(bins), 0.0);
  std::vector<std::size_t> count(static_cast<std::size_t>(bins), 0);
  for (std::size_t i = 0; i < true_labels.size(); ++i) {
    const double confidence = probabilities.at(i, static_cast<std::size_t>(predicted[i]));
    // (b/B, (b+1)/B]: ceil(c * B) - 1, clamped so that 0 joins the first bin and rounding never
    // leaves the last.
    const int bin = std::clamp(static_cast<int>(std::ceil(confidence * bins)) - 1, 0, bins - 1);
    confidence_sum[static_cast<std::size_t>(bin)] += confidence;
    correct[static_cast<std::size_t>(bin)] += predicted[i] == true_labels[i] ? 1.0 : 0.0;
    ++count[static_cast<std::size_t>(bin)];
  }
  double error = 0.0;
  for (std::size_t b = 0; b < count.size(); ++b)
    if (count[b] > 0) error += std::abs(correct[b] - confidence_sum[b]);
  return error / static_cast<double>(true_labels.size());
}

bool metric_is_lower_better(const std::string& metric) {
  const auto ends_with = [&metric](const std::string& suffix) {
    return metric.size() >= suffix.size() && metric.compare(metric.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with("log_loss") || ends_with("brier") || ends_with("ece") || ends_with("_mae") || ends_with("noise_rate");
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

double balanced_accuracy(const FeatureMatrix& probabilities, const std::vector<int>& true_labels) {
  if (probabilities.rows != true_labels.size())
    throw std::invalid_argument("balanced_accuracy: predictions and labels differ in number");
  const std::vector<int> predicted = predicted_classes(probabilities);
  std::vector<std::size_t> rows(probabilities.cols, 0), right(probabilities.cols, 0);
  for (std::size_t i = 0; i < true_labels.size(); ++i) {
    const auto c = static_cast<std::size_t>(true_labels[i]);
    ++rows[c];
    right[c] += predicted[i] == true_labels[i];
  }
  double total = 0.0;
  std::size_t present = 0;
  for (std::size_t c = 0; c < rows.size(); ++c) {
    if (rows[c] == 0) continue;
    total += static_cast<double>(right[c]) / static_cast<double>(rows[c]);
    ++present;
  }
  return present == 0 ? 0.0 : total / static_cast<double>(present);
}

double label_noise_rate(const AnnotationMatrix& annotations, const std::vector<int>& true_labels) {
  std::size_t given = 0, wrong = 0;
  for (std::size_t i = 0; i < annotations.rows; ++i)
    for (std::size_t m = 0; m < annotations.cols; ++m) {
      const int label = annotations.at(i, m);
      if (label == kMissingLabel) continue;
      ++given;
      wrong += label != true_labels[i];
    }
  return given == 0 ? 0.0 : static_cast<double>(wrong) / static_cast<double>(given);
}

namespace {

// A NaN score compares unequal to itself, so the tie loops below would never advance past it (probe
// N1: a cell hung for ever in roc_auc), and it breaks the sort's strict weak ordering; an infinite
// one is no estimate either.
void require_finite_scores(const char* metric, const std::vector<double>& scores) {
  for (std::size_t k = 0; k < scores.size(); ++k)
    if (!std::isfinite(scores[k]))
      throw std::invalid_argument(std::string(metric) + ": score " + std::to_string(k + 1) + " of " +
                                  std::to_string(scores.size()) + " is " +
                                  (std::isnan(scores[k]) ? "NaN" : "infinite"));
}

// Row indices ordered by score, highest first.
std::vector<std::size_t> by_score_descending(const std::vector<double>& scores) {
  std::vector<std::size_t> order(scores.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  return order;
}

}  // namespace

double roc_auc(const std::vector<double>& scores, const std::vector<bool>& positive) {
  if (scores.size() != positive.size()) throw std::invalid_argument("roc_auc: scores and labels differ in number");
  require_finite_scores("roc_auc", scores);
  const std::vector<std::size_t> order = by_score_descending(scores);
  // Average ascending ranks over each run of tied scores.
  const std::size_t n = scores.size();
  double positive_rank_sum = 0.0;
  std::size_t positives = 0;
  for (std::size_t start = 0; start < n;) {
    std::size_t end = start;
    while (end < n && scores[order[end]] == scores[order[start]]) ++end;
    // Descending positions start..end-1 are ascending ranks n-end+1 .. n-start.
    const double rank = (static_cast<double>(n - end + 1) + static_cast<double>(n - start)) / 2.0;
    for (std::size_t k = start; k < end; ++k)
      if (positive[order[k]]) positive_rank_sum += rank, ++positives;
    start = end;
  }
  const std::size_t negatives = n - positives;
  if (positives == 0 || negatives == 0) return std::nan("");
  const double p = static_cast<double>(positives);
  return (positive_rank_sum - p * (p + 1.0) / 2.0) / (p * static_cast<double>(negatives));
}

double average_precision(const std::vector<double>& scores, const std::vector<bool>& positive) {
  if (scores.size() != positive.size())
    throw std::invalid_argument("average_precision: scores and labels differ in number");
  require_finite_scores("average_precision", scores);
  const std::size_t total_positives = static_cast<std::size_t>(std::count(positive.begin(), positive.end(), true));
  if (total_positives == 0) return std::nan("");
  const std::vector<std::size_t> order = by_score_descending(scores);
  double precision_sum = 0.0;
  double recall_before = 0.0;
  std::size_t true_positives = 0, seen = 0;
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start;
    while (end < order.size() && scores[order[end]] == scores[order[start]]) {
      true_positives += positive[order[end]];
      ++end;
    }
    seen = end;
    const double recall = static_cast<double>(true_positives) / static_cast<double>(total_positives);
    precision_sum += (recall - recall_before) * static_cast<double>(true_positives) / static_cast<double>(seen);
    recall_before = recall;
    start = end;
  }
  return precision_sum;
}

AnnotatorPerformanceScores annotator_performance_scores(const FeatureMatrix& estimate,
                                                        const AnnotationMatrix& annotations,
                                                        const std::vector<int>& true_labels) {
  if (estimate.rows != annotations.rows || estimate.cols != annotations.cols)
    throw std::invalid_argument("annotator_performance_scores: estimate and annotations differ in shape");
  AnnotatorPerformanceScores scores;
  for (std::size_t i = 0; i < annotations.rows; ++i)
    for (std::size_t m = 0; m < annotations.cols; ++m) {
      const int label = annotations.at(i, m);
      if (label == kMissingLabel) continue;
      scores.estimate.push_back(estimate.at(i, m));
      scores.correct.push_back(label == true_labels[i]);
    }
  return scores;
}

}  // namespace annotbench
