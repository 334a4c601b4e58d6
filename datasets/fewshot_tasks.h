#pragma once
// Few-shot episodes (spec meta-em.md §7.1): class-disjoint meta-train / meta-validation / meta-test
// splits of a labelled data set, and N-way K-shot tasks drawn from one part. No torch: the tasks are
// plain arrays that the annotator sampler (simulators/task_annotators.h) labels and the few-shot
// methods (methods/fewshot/) read.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "datasets/dataset.h"
#include "datasets/random.h"

namespace annotbench {

// T tasks of one shape. Within a task the support rows come class by class (shot rows each, in the
// task's class order), then the query rows likewise; task classes are numbered 0..K-1 in that order.
struct FewShotTaskBatch {
  std::size_t tasks = 0;
  std::size_t classes = 0;       // K
  std::size_t support = 0;       // rows per task: K x shot
  std::size_t queries = 0;       // rows per task: K x queries per class
  std::size_t annotators = 0;    // R
  std::size_t features = 0;      // D
  std::vector<float> support_features;  // T x support x D
  std::vector<int> support_truth;       // T x support
  std::vector<int> support_labels;      // T x support x R, kMissingLabel where r did not label n
  std::vector<float> query_features;    // T x queries x D
  std::vector<int> query_truth;         // T x queries
  std::vector<std::size_t> support_rows;  // T x support: the data set's rows (for real annotators' labels)
  std::vector<int> task_classes;          // T x K: the data set's class behind each task class
};

struct ClassSplitSpec {
  std::size_t train_classes = 14;  // letter: 14 / 4 / 8 (§7.1)
  std::size_t valid_classes = 4;   // 0: validation tasks come from held-out rows of the train classes
  std::size_t test_classes = 8;
  double valid_row_fraction = 0.2;  // with valid_classes = 0
};

// Row indices of one part, grouped by the data set's class.
struct EpisodePool {
  std::vector<int> classes;                    // data-set class ids in this part
  std::vector<std::vector<std::size_t>> rows;  // rows[j]: the rows of classes[j]
};

struct ClassSplit {
  EpisodePool train, valid, test;
  bool valid_from_rows = false;  // validation rows are held-out rows of the train classes
};

// Shuffles the classes with `seed` and deals them out; throws ConfigError when the data set has fewer
// classes than the spec asks for or a class is too small.
ClassSplit split_classes(const Dataset& dataset, const ClassSplitSpec& spec, std::uint64_t seed);

// The same classes in every part (spec §7.1 P2 and the LabelMe check): `rows_of_part` split by class,
// then `valid_fraction` of each class's rows of the train part held out for validation tasks.
EpisodePool pool_of_rows(const Dataset& dataset, const std::vector<std::size_t>& rows);
ClassSplit split_rows(const Dataset& dataset, const std::vector<std::size_t>& train_rows,
                      const std::vector<std::size_t>& test_rows, double valid_fraction, std::uint64_t seed);

// Standardises every feature with the mean and standard deviation of the meta-train rows only
// (a constant feature is centred only).
FeatureMatrix standardise_with_pool(const FeatureMatrix& features, const EpisodePool& train);

// T tasks: each draws `classes` distinct classes of `pool` in random order, then `shot` support and
// `queries_per_class` query rows per class without replacement (support ∩ query = ∅). Support labels
// are left empty (annotators = 0) for the annotator sampler to fill.
FewShotTaskBatch sample_tasks(const FeatureMatrix& features, const EpisodePool& pool, std::size_t tasks,
                              std::size_t classes, std::size_t shot, std::size_t queries_per_class, Rng& rng);

}  // namespace annotbench
