#pragma once
// What a simulation achieved, measured against the truth: the numbers a user checks against what they
// configured. Plain vectors, no torch.

#include <cstddef>
#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

struct NoiseSummary {
  std::size_t labels = 0;                 // non-missing entries
  double overall_noise_rate = 0.0;        // wrong labels / labels
  double mean_labels_per_instance = 0.0;  // labels / instances
  std::vector<std::size_t> labels_per_annotator;
  std::vector<double> noise_rate_per_annotator;  // NaN for an annotator without labels
};

NoiseSummary summarise_noise(const AnnotationMatrix& annotations, const std::vector<int>& true_labels);

// counts[c][k]: how often an instance of true class c was labelled k, over all annotators (or only
// `annotator` when it is given).
std::vector<std::vector<std::size_t>> confusion_counts(const AnnotationMatrix& annotations,
                                                       const std::vector<int>& true_labels, int num_classes,
                                                       long annotator = -1);

}  // namespace annotbench
