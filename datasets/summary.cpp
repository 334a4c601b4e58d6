#include "datasets/summary.h"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace annotbench {

AnnotationSummary summarise_annotations(const Dataset& dataset) {
  AnnotationSummary summary;
  if (dataset.has_true_labels()) {
    summary.class_counts.assign(static_cast<std::size_t>(dataset.num_classes()), 0);
    for (const int label : dataset.true_labels) ++summary.class_counts[static_cast<std::size_t>(label)];
  }
  if (!dataset.has_annotations()) return summary;
  summary.annotators.resize(dataset.num_annotators());
  for (std::size_t m = 0; m < dataset.num_annotators(); ++m) summary.annotators[m].id = dataset.annotator_ids[m];
  summary.min_labels_per_instance = std::numeric_limits<std::size_t>::max();
  for (std::size_t i = 0; i < dataset.num_instances(); ++i) {
    std::size_t labels_here = 0;
    for (std::size_t m = 0; m < dataset.num_annotators(); ++m) {
      const int label = dataset.annotations.at(i, m);
      if (label == kMissingLabel) continue;
      ++labels_here;
      ++summary.annotators[m].labels;
      if (dataset.has_true_labels()) {
        const bool right = label == dataset.true_labels[i];
        summary.annotators[m].correct += right;
        summary.wrong_labels += !right;
      }
    }
    summary.total_labels += labels_here;
    summary.min_labels_per_instance = std::min(summary.min_labels_per_instance, labels_here);
    summary.max_labels_per_instance = std::max(summary.max_labels_per_instance, labels_here);
  }
  if (dataset.num_instances() == 0) summary.min_labels_per_instance = 0;
  summary.mean_labels_per_instance =
      dataset.num_instances() == 0 ? 0.0
                                   : static_cast<double>(summary.total_labels) / static_cast<double>(dataset.num_instances());
  return summary;
}

std::string format_summary(const Dataset& dataset, const AnnotationSummary& summary) {
  char line[512];
  std::string text;
  std::snprintf(line, sizeof line, "%s: %zu instances, %zu features, %d classes, %zu annotators\n",
                dataset.name.c_str(), dataset.num_instances(), dataset.num_features(), dataset.num_classes(),
                dataset.num_annotators());
  text += line;
  text += "source: " + dataset.source + "\n";
  if (!summary.class_counts.empty()) {
    text += "\nclass counts (true labels):\n";
    for (std::size_t c = 0; c < summary.class_counts.size(); ++c) {
      std::snprintf(line, sizeof line, "  %-20s %7zu  (%5.1f %%)\n", dataset.class_names[c].c_str(),
                    summary.class_counts[c],
                    100.0 * static_cast<double>(summary.class_counts[c]) / static_cast<double>(dataset.num_instances()));
      text += line;
    }
  }
  if (!dataset.has_annotations()) return text;
  std::snprintf(line, sizeof line,
                "\nlabels per instance: mean %.3f, min %zu, max %zu; %zu labels in all\n",
                summary.mean_labels_per_instance, summary.min_labels_per_instance, summary.max_labels_per_instance,
                summary.total_labels);
  text += line;
  if (dataset.has_true_labels()) {
    std::snprintf(line, sizeof line, "overall noise rate: %.4f (%zu of %zu labels wrong)\n", summary.noise_rate(),
                  summary.wrong_labels, summary.total_labels);
    text += line;
  }
  text += "\nannotator             labels   accuracy\n";
  for (const AnnotatorSummary& annotator : summary.annotators) {
    if (dataset.has_true_labels())
      std::snprintf(line, sizeof line, "  %-18s %7zu   %.4f\n", annotator.id.c_str(), annotator.labels, annotator.accuracy());
    else
      std::snprintf(line, sizeof line, "  %-18s %7zu   (no truth)\n", annotator.id.c_str(), annotator.labels);
    text += line;
  }
  return text;
}

}  // namespace annotbench
