#include "simulators/noise_summary.h"

#include <cmath>

namespace annotbench {

NoiseSummary summarise_noise(const AnnotationMatrix& annotations, const std::vector<int>& true_labels) {
  NoiseSummary summary;
  summary.labels_per_annotator.assign(annotations.cols, 0);
  std::vector<std::size_t> wrong_per_annotator(annotations.cols, 0);
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < annotations.rows; ++i)
    for (std::size_t m = 0; m < annotations.cols; ++m) {
      const int label = annotations.at(i, m);
      if (label == kMissingLabel) continue;
      ++summary.labels_per_annotator[m];
      if (label != true_labels[i]) {
        ++wrong_per_annotator[m];
        ++wrong;
      }
      ++summary.labels;
    }
  summary.overall_noise_rate = summary.labels == 0 ? NAN : static_cast<double>(wrong) / summary.labels;
  summary.mean_labels_per_instance =
      annotations.rows == 0 ? 0.0 : static_cast<double>(summary.labels) / annotations.rows;
  summary.noise_rate_per_annotator.resize(annotations.cols);
  for (std::size_t m = 0; m < annotations.cols; ++m)
    summary.noise_rate_per_annotator[m] =
        summary.labels_per_annotator[m] == 0
            ? NAN
            : static_cast<double>(wrong_per_annotator[m]) / summary.labels_per_annotator[m];
  return summary;
}

std::vector<std::vector<std::size_t>> confusion_counts(const AnnotationMatrix& annotations,
                                                       const std::vector<int>& true_labels, int num_classes,
                                                       long annotator) {
  const auto c_count = static_cast<std::size_t>(num_classes);
  std::vector<std::vector<std::size_t>> counts(c_count, std::vector<std::size_t>(c_count, 0));
  for (std::size_t i = 0; i < annotations.rows; ++i)
    for (std::size_t m = 0; m < annotations.cols; ++m) {
      if (annotator >= 0 && m != static_cast<std::size_t>(annotator)) continue;
      const int label = annotations.at(i, m);
      if (label == kMissingLabel) continue;
      ++counts[static_cast<std::size_t>(true_labels[i])][static_cast<std::size_t>(label)];
    }
  return counts;
}

}  // namespace annotbench
