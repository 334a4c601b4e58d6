#include "methods/fewshot/support_aggregation.h"

#include "methods/aggregation/aggregator.h"

namespace annotbench {

std::vector<int> aggregate_support_labels(const FewShotTaskBatch& tasks, const std::string& aggregator,
                                          std::uint64_t seed) {
  if (aggregator == "truth") return tasks.support_truth;
  const std::unique_ptr<Aggregator> fitter = make_aggregator(aggregator);
  std::vector<int> labels(tasks.tasks * tasks.support);
  for (std::size_t t = 0; t < tasks.tasks; ++t) {
    SparseAnnotations annotations;
    annotations.num_items = tasks.support;
    annotations.num_annotators = tasks.annotators;
    annotations.num_classes = static_cast<int>(tasks.classes);
    for (std::size_t n = 0; n < tasks.support; ++n)
      for (std::size_t r = 0; r < tasks.annotators; ++r) {
        const int label = tasks.support_labels[(t * tasks.support + n) * tasks.annotators + r];
        if (label != kMissingLabel) annotations.add(n, r, label);
      }
    AggregationSettings settings;
    settings.seed = derive_seed(seed, "support task " + std::to_string(t));
    const Aggregation aggregation = fitter->fit(annotations, settings);
    std::copy(aggregation.labels.begin(), aggregation.labels.end(), labels.begin() + static_cast<std::ptrdiff_t>(t * tasks.support));
  }
  return labels;
}

}  // namespace annotbench
