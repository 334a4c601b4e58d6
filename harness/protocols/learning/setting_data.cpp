#include "harness/protocols/learning/setting_data.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "datasets/input_error.h"
#include "datasets/random.h"

namespace annotbench {

Dataset stratified_subsample(const Dataset& dataset, std::size_t count, std::uint64_t seed) {
  const std::size_t n = dataset.num_instances();
  if (count >= n)
    throw ConfigError("subsample " + std::to_string(count) + " of '" + dataset.name + "' keeps every one of its " +
                      std::to_string(n) + " instances; give a smaller count or none");
  if (!dataset.has_true_labels())
    throw ConfigError("subsample of '" + dataset.name + "': needs true labels to stratify by");
  // The "test" part of a split with this fraction is exactly `count` instances, every class in proportion.
  const SplitSpec spec{static_cast<double>(count) / static_cast<double>(n), 0.0};
  std::vector<std::size_t> kept =
      stratified_split(dataset.true_labels, dataset.num_classes(), spec, derive_seed(seed, "setting/subsample")).test;
  std::sort(kept.begin(), kept.end());
  return select_instances(dataset, kept);
}

std::vector<std::size_t> held_out_annotator_indices(std::size_t annotators, double share, std::uint64_t seed) {
  if (annotators < 2)
    throw ConfigError("held_out_annotators needs at least 2 annotators (one to train on, one to hold out), got " +
                      std::to_string(annotators));
  const auto wanted = static_cast<std::size_t>(std::llround(share * static_cast<double>(annotators)));
  const std::size_t count = std::clamp<std::size_t>(wanted, 1, annotators - 1);
  std::vector<std::size_t> order(annotators);
  for (std::size_t m = 0; m < annotators; ++m) order[m] = m;
  Rng rng(derive_seed(seed, "setting/held-out-annotators"));
  std::shuffle(order.begin(), order.end(), rng);
  order.resize(count);
  std::sort(order.begin(), order.end());
  return order;
}

AnnotationMatrix annotations_of(const AnnotationMatrix& annotations, const std::vector<std::size_t>& columns, bool keep) {
  std::vector<bool> listed(annotations.cols, false);
  for (const std::size_t m : columns)
    if (m < listed.size()) listed[m] = true;  // an empty part (no valid split) has no columns
  AnnotationMatrix kept = annotations;
  for (std::size_t i = 0; i < kept.rows; ++i)
    for (std::size_t m = 0; m < kept.cols; ++m)
      if (listed[m] != keep) kept.at(i, m) = kMissingLabel;
  return kept;
}

void withhold_annotators(PreparedData& data, const std::vector<std::size_t>& held_out) {
  data.valid.annotations = annotations_of(data.valid.annotations, held_out, false);
  const AnnotationMatrix train = annotations_of(data.train.annotations, held_out, false);
  std::vector<std::size_t> labelled;
  for (std::size_t i = 0; i < train.rows; ++i)
    if (std::any_of(train.row(i), train.row(i) + train.cols, [](int label) { return label != kMissingLabel; }))
      labelled.push_back(i);
  data.train.annotations = train;
  if (labelled.size() == train.rows) return;
  if (labelled.empty()) throw ConfigError("held_out_annotators: no training instance keeps a label of the other annotators");
  std::vector<std::size_t> split_rows;
  for (const std::size_t i : labelled) split_rows.push_back(data.split.train[i]);
  data.split.train = std::move(split_rows);
  data.train = select_instances(data.train, labelled);
}

}  // namespace annotbench
