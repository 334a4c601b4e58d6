#include "methods/aggregation/annotator_filter.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "datasets/input_error.h"
#include "methods/aggregation/aggregator.h"
#include "methods/aggregation/spammer_score.h"

namespace annotbench {

namespace {

constexpr double kNotJudged = std::numeric_limits<double>::quiet_NaN();

// numpy.percentile's default: linear interpolation between the order statistics at
// position p / 100 (n - 1).
double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const double position = p / 100.0 * static_cast<double>(values.size() - 1);
  const std::size_t below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  return values[below] + (position - static_cast<double>(below)) * (values[above] - values[below]);
}

SparseAnnotations labels_of_kept(const SparseAnnotations& annotations, const std::vector<AnnotatorDropReason>& reasons) {
  SparseAnnotations kept;
  kept.num_items = annotations.num_items;
  kept.num_annotators = annotations.num_annotators;
  kept.num_classes = annotations.num_classes;
  for (std::size_t k = 0; k < annotations.num_labels(); ++k)
    if (reasons[annotations.annotators[k]] == AnnotatorDropReason::kept) {
      kept.items.push_back(annotations.items[k]);
      kept.annotators.push_back(annotations.annotators[k]);
      kept.labels.push_back(annotations.labels[k]);
    }
  return kept;
}

}  // namespace

FilteredAnnotations filter_annotators(const SparseAnnotations& annotations, const AnnotatorFilterSettings& settings) {
  const std::size_t annotators = annotations.num_annotators;
  const std::size_t classes = static_cast<std::size_t>(std::max(annotations.num_classes, 0));
  if (std::isnan(settings.min_spammer_score))
    throw ConfigError("annotator filter: min_spammer_score is not a number (a negative value turns the rule off)");
  if (!(settings.entropy_percentile >= 0.0 && settings.entropy_percentile <= 100.0))
    throw ConfigError("annotator filter: entropy_percentile must be in [0, 100] (0: off), got " +
                      std::to_string(settings.entropy_percentile));
  if (!settings.spammer_scores.empty() && settings.spammer_scores.size() != annotators)
    throw ConfigError("annotator filter: spammer_scores has " + std::to_string(settings.spammer_scores.size()) +
                      " entries, but the annotations have " + std::to_string(annotators) + " annotators");

  const std::vector<std::size_t> label_counts = labels_per_annotator(annotations);
  FilteredAnnotations result;
  result.reasons.assign(annotators, AnnotatorDropReason::kept);
  const auto drop = [&](std::size_t m, AnnotatorDropReason reason, DroppedAnnotators& count) {
    result.reasons[m] = reason;
    ++count.annotators;
    count.labels += label_counts[m];
  };
  const auto judged = [&](std::size_t m) { return result.reasons[m] == AnnotatorDropReason::kept && label_counts[m] > 0; };

  for (std::size_t m = 0; m < annotators; ++m)
    if (label_counts[m] < settings.min_labels) drop(m, AnnotatorDropReason::too_few_labels, result.too_few_labels);

  if (settings.min_spammer_score >= 0) {
    result.spammer_scores.assign(annotators, kNotJudged);
    std::vector<double> scores = settings.spammer_scores;
    if (scores.empty() && classes >= 2)
      scores = spammer_scores(
          make_aggregator("ds")->fit(labels_of_kept(annotations, result.reasons), {}).annotator_confusion,
          static_cast<int>(classes));
    for (std::size_t m = 0; m < annotators; ++m)
      if (judged(m) && m < scores.size()) result.spammer_scores[m] = scores[m];
    for (std::size_t m = 0; m < annotators; ++m)
      if (judged(m) && result.spammer_scores[m] < settings.min_spammer_score)  // false for NaN
        drop(m, AnnotatorDropReason::low_spammer_score, result.low_spammer_score);
  }

  if (settings.entropy_percentile > 0) {
    result.label_entropy.assign(annotators, kNotJudged);
    std::vector<double> shares(annotators * classes, 0.0);
    for (std::size_t k = 0; k < annotations.num_labels(); ++k)
      shares[annotations.annotators[k] * classes + static_cast<std::size_t>(annotations.labels[k])] += 1.0;
    std::vector<double> entropies;
    for (std::size_t m = 0; m < annotators; ++m) {
      if (!judged(m) || label_counts[m] < settings.entropy_min_labels) continue;
      double entropy = 0.0;
      for (std::size_t c = 0; c < classes; ++c) {
        const double share = shares[m * classes + c] / static_cast<double>(label_counts[m]);
        if (share > 0) entropy -= share * std::log(share);
      }
      result.label_entropy[m] = entropy;
      entropies.push_back(entropy);
    }
    if (!entropies.empty()) {
      const double cutoff = percentile(entropies, settings.entropy_percentile);
      for (std::size_t m = 0; m < annotators; ++m)
        if (!std::isnan(result.label_entropy[m]) && result.label_entropy[m] < cutoff)
          drop(m, AnnotatorDropReason::low_entropy, result.low_entropy);
    }
  }

  result.annotations = labels_of_kept(annotations, result.reasons);
  return result;
}

}  // namespace annotbench
