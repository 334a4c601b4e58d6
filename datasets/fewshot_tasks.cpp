#include "datasets/fewshot_tasks.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "datasets/input_error.h"

namespace annotbench {

namespace {

// Uniform on {0, ..., count - 1} without modulo bias, by rejection (as simulators/sampling.cpp; the
// datasets library cannot link the simulators).
std::size_t draw_index(Rng& rng, std::size_t count) {
  const std::uint64_t range = static_cast<std::uint64_t>(count);
  const std::uint64_t limit = Rng::max() - (Rng::max() - range + 1) % range;
  std::uint64_t value;
  do value = rng(); while (value > limit);
  return static_cast<std::size_t>(value % range);
}

// The first `count` entries of a partial Fisher–Yates shuffle of `values`.
template <typename T>
void shuffle_prefix(std::vector<T>& values, std::size_t count, Rng& rng) {
  for (std::size_t i = 0; i < count; ++i) std::swap(values[i], values[i + draw_index(rng, values.size() - i)]);
}

}  // namespace

ClassSplit split_classes(const Dataset& dataset, const ClassSplitSpec& spec, std::uint64_t seed) {
  const auto classes = static_cast<std::size_t>(dataset.num_classes());
  const std::size_t wanted = spec.train_classes + spec.valid_classes + spec.test_classes;
  if (!dataset.has_true_labels())
    throw ConfigError("data set '" + dataset.name + "' has no true labels to build few-shot tasks from");
  if (wanted > classes)
    throw ConfigError("data set '" + dataset.name + "' has " + std::to_string(classes) + " classes; the class split " +
                      std::to_string(spec.train_classes) + "/" + std::to_string(spec.valid_classes) + "/" +
                      std::to_string(spec.test_classes) + " needs " + std::to_string(wanted));
  std::vector<std::vector<std::size_t>> rows_of(classes);
  for (std::size_t n = 0; n < dataset.true_labels.size(); ++n)
    rows_of[static_cast<std::size_t>(dataset.true_labels[n])].push_back(n);
  std::vector<int> order(classes);
  for (std::size_t k = 0; k < classes; ++k) order[k] = static_cast<int>(k);
  Rng rng(derive_seed(seed, "fewshot class split"));
  shuffle_prefix(order, classes, rng);
  ClassSplit split;
  const auto deal = [&](EpisodePool& pool, std::size_t from, std::size_t count) {
    for (std::size_t j = from; j < from + count; ++j) {
      pool.classes.push_back(order[j]);
      pool.rows.push_back(rows_of[static_cast<std::size_t>(order[j])]);
    }
  };
  deal(split.train, 0, spec.train_classes);
  deal(split.valid, spec.train_classes, spec.valid_classes);
  deal(split.test, spec.train_classes + spec.valid_classes, spec.test_classes);
  if (spec.valid_classes == 0) {
    split.valid_from_rows = true;
    split.valid.classes = split.train.classes;
    split.valid.rows.assign(split.train.rows.size(), {});
    for (std::size_t j = 0; j < split.train.rows.size(); ++j) {
      std::vector<std::size_t>& rows = split.train.rows[j];
      shuffle_prefix(rows, rows.size(), rng);
      const auto held_out = static_cast<std::size_t>(std::llround(spec.valid_row_fraction * static_cast<double>(rows.size())));
      split.valid.rows[j].assign(rows.end() - static_cast<std::ptrdiff_t>(held_out), rows.end());
      rows.resize(rows.size() - held_out);
      std::sort(rows.begin(), rows.end());
      std::sort(split.valid.rows[j].begin(), split.valid.rows[j].end());
    }
  }
  return split;
}

EpisodePool pool_of_rows(const Dataset& dataset, const std::vector<std::size_t>& rows) {
  EpisodePool pool;
  std::vector<std::vector<std::size_t>> by_class(static_cast<std::size_t>(dataset.num_classes()));
  for (const std::size_t n : rows) by_class[static_cast<std::size_t>(dataset.true_labels[n])].push_back(n);
  for (std::size_t k = 0; k < by_class.size(); ++k) {
    if (by_class[k].empty()) continue;
    pool.classes.push_back(static_cast<int>(k));
    pool.rows.push_back(std::move(by_class[k]));
  }
  return pool;
}

ClassSplit split_rows(const Dataset& dataset, const std::vector<std::size_t>& train_rows,
                      const std::vector<std::size_t>& test_rows, double valid_fraction, std::uint64_t seed) {
  if (!dataset.has_true_labels())
    throw ConfigError("data set '" + dataset.name + "' has no true labels to build few-shot tasks from");
  ClassSplit split;
  split.valid_from_rows = true;
  split.train = pool_of_rows(dataset, train_rows);
  split.test = pool_of_rows(dataset, test_rows);
  split.valid.classes = split.train.classes;
  Rng rng(derive_seed(seed, "fewshot row split"));
  for (std::vector<std::size_t>& rows : split.train.rows) {
    shuffle_prefix(rows, rows.size(), rng);
    const auto held_out = static_cast<std::size_t>(std::llround(valid_fraction * static_cast<double>(rows.size())));
    split.valid.rows.emplace_back(rows.end() - static_cast<std::ptrdiff_t>(held_out), rows.end());
    rows.resize(rows.size() - held_out);
    std::sort(rows.begin(), rows.end());
    std::sort(split.valid.rows.back().begin(), split.valid.rows.back().end());
  }
  return split;
}

FeatureMatrix standardise_with_pool(const FeatureMatrix& features, const EpisodePool& train) {
  const std::size_t dims = features.cols;
  std::vector<double> sum(dims, 0.0), sum_squares(dims, 0.0);
  double count = 0.0;
  for (const std::vector<std::size_t>& rows : train.rows)
    for (const std::size_t n : rows) {
      for (std::size_t d = 0; d < dims; ++d) {
        const double value = features.at(n, d);
        sum[d] += value;
        sum_squares[d] += value * value;
      }
      count += 1.0;
    }
  FeatureMatrix standardised = features;
  for (std::size_t d = 0; d < dims; ++d) {
    const double mean = count > 0 ? sum[d] / count : 0.0;
    const double variance = count > 1 ? std::max(0.0, (sum_squares[d] - count * mean * mean) / (count - 1)) : 0.0;
    const double scale = variance > 0 ? 1.0 / std::sqrt(variance) : 1.0;
    for (std::size_t n = 0; n < features.rows; ++n)
      standardised.at(n, d) = static_cast<float>((features.at(n, d) - mean) * scale);
  }
  return standardised;
}

FewShotTaskBatch sample_tasks(const FeatureMatrix& features, const EpisodePool& pool, std::size_t tasks,
                              std::size_t classes, std::size_t shot, std::size_t queries_per_class, Rng& rng) {
  if (classes > pool.classes.size())
    throw ConfigError(std::to_string(classes) + "-way tasks need " + std::to_string(classes) +
                      " classes; this part of the class split has " + std::to_string(pool.classes.size()));
  for (std::size_t j = 0; j < pool.rows.size(); ++j)
    if (pool.rows[j].size() < shot + queries_per_class)
      throw ConfigError("class " + std::to_string(pool.classes[j]) + " has " + std::to_string(pool.rows[j].size()) +
                        " rows in this part; a " + std::to_string(shot) + "-shot task with " +
                        std::to_string(queries_per_class) + " queries per class needs " +
                        std::to_string(shot + queries_per_class));
  FewShotTaskBatch batch;
  batch.tasks = tasks;
  batch.classes = classes;
  batch.support = classes * shot;
  batch.queries = classes * queries_per_class;
  batch.features = features.cols;
  batch.support_features.resize(tasks * batch.support * batch.features);
  batch.support_truth.resize(tasks * batch.support);
  batch.query_features.resize(tasks * batch.queries * batch.features);
  batch.query_truth.resize(tasks * batch.queries);
  batch.support_rows.resize(tasks * batch.support);
  batch.task_classes.resize(tasks * classes);
  std::vector<std::size_t> class_order(pool.classes.size());
  std::vector<std::size_t> rows;
  for (std::size_t t = 0; t < tasks; ++t) {
    for (std::size_t j = 0; j < class_order.size(); ++j) class_order[j] = j;
    shuffle_prefix(class_order, classes, rng);
    for (std::size_t k = 0; k < classes; ++k) {
      batch.task_classes[t * classes + k] = pool.classes[class_order[k]];
      rows = pool.rows[class_order[k]];
      shuffle_prefix(rows, shot + queries_per_class, rng);
      for (std::size_t s = 0; s < shot + queries_per_class; ++s) {
        const bool in_support = s < shot;
        const std::size_t slot = in_support ? t * batch.support + k * shot + s
                                            : t * batch.queries + k * queries_per_class + (s - shot);
        float* to = (in_support ? batch.support_features.data() : batch.query_features.data()) + slot * batch.features;
        std::copy(features.row(rows[s]), features.row(rows[s]) + batch.features, to);
        (in_support ? batch.support_truth : batch.query_truth)[slot] = static_cast<int>(k);
        if (in_support) batch.support_rows[slot] = rows[s];
      }
    }
  }
  return batch;
}

}  // namespace annotbench
