#include "simulators/annotation_process.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "datasets/input_error.h"
#include "datasets/random.h"
#include "simulators/sampling.h"

namespace annotbench {

void check_annotation_process(const AnnotationProcess& process, std::size_t num_annotators) {
  if (!process.labels_per_instance.empty() && process.missing_fraction != 0.0)
    throw ConfigError("give either labels per instance or a missing fraction, not both");
  for (const int count : process.labels_per_instance) {
    if (count < 1)
      throw ConfigError("labels per instance must be at least 1, got " + std::to_string(count));
    if (static_cast<std::size_t>(count) > num_annotators)
      throw ConfigError("labels per instance " + std::to_string(count) + " is more than the " +
                        std::to_string(num_annotators) + " annotators");
  }
  if (!(process.selection_alpha > 0.0 && process.selection_beta > 0.0))
    throw ConfigError("annotator selection Beta parameters must be positive");
  const double most = num_annotators == 0 ? 0.0 : static_cast<double>(num_annotators - 1) / num_annotators;
  if (!(process.missing_fraction >= 0.0 && process.missing_fraction <= most + 1e-12))
    throw ConfigError("missing fraction must lie in [0, " + std::to_string(most) + "] for " +
                      std::to_string(num_annotators) + " annotators (every instance keeps one label), got " +
                      std::to_string(process.missing_fraction));
}

namespace {

// annot-mix's process (maml/utils insert_missing_annotations): per instance a count from the list, then
// that many annotators drawn one after another with probabilities p_m renormalised over those left.
void keep_labels_per_instance(AnnotationMatrix& annotations, const AnnotationProcess& process, Rng& rng,
                              std::vector<double>& selection) {
  const std::size_t m_count = annotations.cols;
  selection.resize(m_count);
  double total = 0.0;
  for (double& p : selection) total += p = beta_variate(rng, process.selection_alpha, process.selection_beta);
  for (double& p : selection) p = total > 0.0 ? p / total : 1.0 / static_cast<double>(m_count);

  std::vector<double> weights(m_count);
  std::vector<bool> keep(m_count);
  for (std::size_t i = 0; i < annotations.rows; ++i) {
    const int wanted = process.labels_per_instance[uniform_index(rng, process.labels_per_instance.size())];
    std::size_t available = 0;
    for (std::size_t m = 0; m < m_count; ++m) {
      const bool present = annotations.at(i, m) != kMissingLabel;
      weights[m] = present ? selection[m] : 0.0;
      available += present ? 1 : 0;
      keep[m] = false;
    }
    const std::size_t count = std::min(static_cast<std::size_t>(wanted), available);
    for (std::size_t k = 0; k < count; ++k) {
      double left = 0.0;
      for (std::size_t m = 0; m < m_count; ++m) left += weights[m];
      std::size_t chosen = 0;
      if (left > 0.0) {
        chosen = draw_weighted(weights, rng);
      } else {  // every remaining probability underflowed: fall back to a uniform choice
        std::vector<std::size_t> remaining;
        for (std::size_t m = 0; m < m_count; ++m)
          if (!keep[m] && annotations.at(i, m) != kMissingLabel) remaining.push_back(m);
        chosen = remaining[uniform_index(rng, remaining.size())];
      }
      keep[chosen] = true;
      weights[chosen] = 0.0;
    }
    for (std::size_t m = 0; m < m_count; ++m)
      if (!keep[m]) annotations.at(i, m) = kMissingLabel;
  }
}

void drop_fraction(AnnotationMatrix& annotations, double fraction, Rng& rng) {
  std::vector<std::size_t> present_per_instance;
  std::vector<std::size_t> candidates;  // flat indices i * M + m that may be dropped
  std::size_t present = 0;
  for (std::size_t i = 0; i < annotations.rows; ++i) {
    std::vector<std::size_t> here;
    for (std::size_t m = 0; m < annotations.cols; ++m)
      if (annotations.at(i, m) != kMissingLabel) here.push_back(i * annotations.cols + m);
    present += here.size();
    if (here.empty()) continue;
    // One label of each instance, chosen at random, is protected so that no instance loses all.
    const std::size_t protect = uniform_index(rng, here.size());
    for (std::size_t k = 0; k < here.size(); ++k)
      if (k != protect) candidates.push_back(here[k]);
  }
  const auto drop_count = static_cast<std::size_t>(std::llround(fraction * static_cast<double>(present)));
  if (drop_count > candidates.size())
    throw ConfigError("missing fraction " + std::to_string(fraction) + " would leave an instance without labels");
  // Partial Fisher-Yates: the first drop_count candidates after it are a uniform random subset.
  for (std::size_t k = 0; k < drop_count; ++k) {
    std::swap(candidates[k], candidates[k + uniform_index(rng, candidates.size() - k)]);
    annotations.values[candidates[k]] = kMissingLabel;
  }
}

}  // namespace

ProcessedAnnotations apply_annotation_process(const AnnotationMatrix& complete, const AnnotationProcess& process,
                                              std::uint64_t seed) {
  check_annotation_process(process, complete.cols);
  ProcessedAnnotations result;
  result.annotations = complete;
  Rng rng(derive_seed(seed, "annotation-process"));
  if (!process.labels_per_instance.empty())
    keep_labels_per_instance(result.annotations, process, rng, result.selection_probabilities);
  else if (process.missing_fraction > 0.0)
    drop_fraction(result.annotations, process.missing_fraction, rng);
  return result;
}

}  // namespace annotbench
