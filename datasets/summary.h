#pragma once
// Facts about a data set that `inspect`, `simulate` and the reports print: class counts and, where
// annotations exist, how much and how well each annotator labelled.

#include <string>
#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

struct AnnotatorSummary {
  std::string id;
  std::size_t labels = 0;
  std::size_t correct = 0;  // counted only where the truth is known
  double accuracy() const { return labels == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(labels); }
};

struct AnnotationSummary {
  std::vector<std::size_t> class_counts;   // of the true labels (empty without truth)
  std::vector<AnnotatorSummary> annotators;
  std::size_t total_labels = 0;
  std::size_t wrong_labels = 0;            // where the truth is known
  double mean_labels_per_instance = 0.0;
  std::size_t min_labels_per_instance = 0;
  std::size_t max_labels_per_instance = 0;
  // Share of given labels that differ from the true label; 0 without truth.
  double noise_rate() const {
    return total_labels == 0 ? 0.0 : static_cast<double>(wrong_labels) / static_cast<double>(total_labels);
  }
};

AnnotationSummary summarise_annotations(const Dataset& dataset);

// Human-readable report of the above, as `annotbench inspect` prints it.
std::string format_summary(const Dataset& dataset, const AnnotationSummary& summary);

}  // namespace annotbench
