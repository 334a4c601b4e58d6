// Few-shot episodes and per-task pseudo-annotators (spec meta-em.md §7.1-§7.2, §8.2.8).

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "datasets/fewshot_tasks.h"
#include "simulators/task_annotators.h"

namespace annotbench {
namespace {

// 26 classes x 40 rows, feature 0 = the row index (so rows can be traced), feature 1 = the class.
Dataset traced_dataset() {
  Dataset dataset;
  dataset.name = "traced";
  const std::size_t classes = 26, per_class = 40;
  dataset.features = FeatureMatrix(classes * per_class, 2);
  for (std::size_t n = 0; n < classes * per_class; ++n) {
    dataset.features.at(n, 0) = static_cast<float>(n);
    dataset.features.at(n, 1) = static_cast<float>(n % classes);
    dataset.true_labels.push_back(static_cast<int>(n % classes));
  }
  for (std::size_t k = 0; k < classes; ++k) dataset.class_names.push_back(std::string(1, static_cast<char>('A' + k)));
  return dataset;
}

TEST(FewShotTasks, ClassSplitIsDisjointAndTasksKeepSupportAndQueryApart) {
  const Dataset dataset = traced_dataset();
  const ClassSplit split = split_classes(dataset, ClassSplitSpec{}, 3);
  std::set<int> train(split.train.classes.begin(), split.train.classes.end());
  std::set<int> valid(split.valid.classes.begin(), split.valid.classes.end());
  std::set<int> test(split.test.classes.begin(), split.test.classes.end());
  EXPECT_EQ(train.size(), 14u);
  EXPECT_EQ(valid.size(), 4u);
  EXPECT_EQ(test.size(), 8u);
  for (const int k : test) EXPECT_FALSE(train.count(k) || valid.count(k));
  for (const int k : valid) EXPECT_FALSE(train.count(k));

  Rng rng(5);
  const std::size_t shot = 5, queries = 10, ways = 4, tasks = 200;
  const FewShotTaskBatch batch = sample_tasks(dataset.features, split.train, tasks, ways, shot, queries, rng);
  ASSERT_EQ(batch.support, ways * shot);
  ASSERT_EQ(batch.queries, ways * queries);
  for (std::size_t t = 0; t < tasks; ++t) {
    std::set<int> rows;
    std::vector<int> class_of_task(ways, -1);
    const auto visit = [&](const std::vector<float>& features, std::size_t slot, int task_class) {
      const int row = static_cast<int>(features[slot * 2]);
      const int data_class = static_cast<int>(features[slot * 2 + 1]);
      EXPECT_TRUE(train.count(data_class)) << "a meta-test or meta-validation class in a meta-train task";
      EXPECT_TRUE(rows.insert(row).second) << "row " << row << " twice in task " << t;
      if (class_of_task[task_class] < 0) class_of_task[task_class] = data_class;
      EXPECT_EQ(class_of_task[task_class], data_class);
    };
    for (std::size_t n = 0; n < batch.support; ++n)
      visit(batch.support_features, t * batch.support + n, batch.support_truth[t * batch.support + n]);
    for (std::size_t q = 0; q < batch.queries; ++q)
      visit(batch.query_features, t * batch.queries + q, batch.query_truth[t * batch.queries + q]);
    EXPECT_EQ(std::set<int>(class_of_task.begin(), class_of_task.end()).size(), ways);
    for (std::size_t k = 0; k < ways; ++k)
      EXPECT_EQ(std::count(batch.support_truth.begin() + t * batch.support,
                           batch.support_truth.begin() + (t + 1) * batch.support, static_cast<int>(k)),
                static_cast<long>(shot));
  }
}

TEST(FewShotTasks, ValidationFromHeldOutRowsWhenThereAreNoValidationClasses) {
  const Dataset dataset = traced_dataset();
  const ClassSplit split = split_classes(dataset, ClassSplitSpec{20, 0, 6, 0.2}, 1);
  ASSERT_TRUE(split.valid_from_rows);
  EXPECT_EQ(split.valid.classes, split.train.classes);
  for (std::size_t j = 0; j < split.train.rows.size(); ++j) {
    EXPECT_EQ(split.valid.rows[j].size(), 8u);  // 20 % of 40
    EXPECT_EQ(split.train.rows[j].size(), 32u);
    for (const std::size_t row : split.valid.rows[j])
      EXPECT_FALSE(std::binary_search(split.train.rows[j].begin(), split.train.rows[j].end(), row));
  }
}

// Each family's count over 10⁵ draws lies in its binomial 99.9 % interval (z = 3.29, normal approximation).
// The real-annotator check's split: the same classes everywhere, meta-test rows exactly the given ones,
// 20 % of each class's other rows held out for validation, no row in two parts; tasks record their rows.
TEST(FewShotTasks, RowSplitKeepsTheClassesAndSeparatesTheRows) {
  const Dataset dataset = traced_dataset();
  std::vector<std::size_t> train_rows, test_rows;
  for (std::size_t n = 0; n < dataset.num_instances(); ++n) (n % 3 == 0 ? test_rows : train_rows).push_back(n);
  const ClassSplit split = split_rows(dataset, train_rows, test_rows, 0.2, 4);
  EXPECT_EQ(split.train.classes, split.test.classes);
  EXPECT_EQ(split.valid.classes, split.train.classes);
  std::set<std::size_t> seen;
  std::size_t test_count = 0;
  for (const EpisodePool* pool : {&split.train, &split.valid, &split.test})
    for (const std::vector<std::size_t>& rows : pool->rows)
      for (const std::size_t row : rows) {
        EXPECT_TRUE(seen.insert(row).second) << "row " << row << " in two parts";
        if (pool == &split.test) {
          EXPECT_EQ(row % 3, 0u);
          ++test_count;
        }
      }
  EXPECT_EQ(test_count, test_rows.size());
  EXPECT_EQ(seen.size(), dataset.num_instances());
  Rng rng(2);
  const FewShotTaskBatch batch = sample_tasks(dataset.features, split.test, 5, 26, 2, 3, rng);
  for (std::size_t i = 0; i < batch.support_rows.size(); ++i) {
    EXPECT_EQ(static_cast<float>(batch.support_rows[i]), batch.support_features[i * 2]);
    const std::size_t t = i / batch.support;
    EXPECT_EQ(batch.task_classes[t * 26 + static_cast<std::size_t>(batch.support_truth[i])],
              dataset.true_labels[batch.support_rows[i]]);
  }
}

TEST(TaskAnnotators, FamilyFrequenciesFollowTheMix) {
  const AnnotatorMix mix = annotator_mix(0.1, 0.7, 0.2);
  const double draws = 100000;
  Rng rng(17);
  std::vector<double> counts(kAnnotatorFamilies, 0.0);
  for (int draw = 0; draw < 100000; ++draw) counts[static_cast<std::size_t>(draw_family(mix, rng))] += 1;
  for (std::size_t f = 0; f < kAnnotatorFamilies; ++f) {
    const double p = mix.shares[f];
    EXPECT_LE(std::fabs(counts[f] - draws * p), 3.29 * std::sqrt(draws * p * (1 - p)) + 1e-9) << f;
  }
}

// Through the whole labelling path: mean agreement with the truth over 10⁵ one-annotator tasks of 40 rows
// is E[a] = .1 · .95 + .7 · .65 + .2 · 1/4 = 0.55 (a spammer's Dirichlet vote hits the truth 1/4 of the time on average).
TEST(TaskAnnotators, MeanAgreementFollowsTheMix) {
  Rng rng(19);
  const std::size_t draws = 100000;
  FewShotTaskBatch tasks;
  tasks.tasks = draws;
  tasks.classes = 4;
  tasks.support = 40;
  tasks.support_truth.resize(draws * 40);
  for (std::size_t i = 0; i < tasks.support_truth.size(); ++i) tasks.support_truth[i] = static_cast<int>(i % 4);
  annotate_support(tasks, 1, annotator_mix(0.1, 0.7, 0.2), 0.0, rng);
  double agreement = 0.0;
  for (std::size_t i = 0; i < tasks.support_labels.size(); ++i)
    agreement += tasks.support_labels[i] == tasks.support_truth[i] ? 1.0 : 0.0;
  agreement /= static_cast<double>(tasks.support_labels.size());
  EXPECT_NEAR(agreement, 0.1 * 0.95 + 0.7 * 0.65 + 0.2 * 0.25, 0.004);
}

TEST(TaskAnnotators, ConfusionRowsAreDistributionsInTheirFamiliesRanges) {
  Rng rng(23);
  for (int trial = 0; trial < 2000; ++trial) {
    const std::size_t K = 2 + static_cast<std::size_t>(trial % 7);
    for (std::size_t f = 0; f < kAnnotatorFamilies; ++f) {
      const auto family = static_cast<AnnotatorFamily>(f);
      const std::vector<double> confusion = draw_confusion(family, K, false, rng);
      for (std::size_t k = 0; k < K; ++k) {
        double total = 0.0;
        for (std::size_t l = 0; l < K; ++l) {
          EXPECT_GE(confusion[k * K + l], 0.0);
          total += confusion[k * K + l];
        }
        EXPECT_NEAR(total, 1.0, 1e-12) << family_name(family);
        const double diagonal = confusion[k * K + k];
        if (family == AnnotatorFamily::expert) {
          EXPECT_TRUE(diagonal >= 0.9 && diagonal <= 1.0);
        } else if (family == AnnotatorFamily::hammer || family == AnnotatorFamily::flipper) {
          EXPECT_TRUE(diagonal >= 0.5 && diagonal <= 0.8);
        } else if (family == AnnotatorFamily::spammer) {
          for (std::size_t l = 0; l < K; ++l) EXPECT_EQ(confusion[k * K + l], confusion[l]);  // every row the same
        }
      }
    }
  }
}

// A spammer's labels are independent of the truth: Pearson's χ² on the 4 x 4 table of (truth, label)
// stays under χ²₉'s 99.9 % quantile, 27.877.
TEST(TaskAnnotators, SpammerLabelsAreIndependentOfTheTruth) {
  const std::size_t K = 4, rows = 20000;
  FewShotTaskBatch tasks;
  tasks.tasks = 1;
  tasks.classes = K;
  tasks.support = rows;
  for (std::size_t n = 0; n < rows; ++n) tasks.support_truth.push_back(static_cast<int>(n % K));
  Rng rng(29);
  annotate_support(tasks, 1, annotator_mix(0.0, 0.0, 1.0), 0.0, rng);
  std::vector<double> table(K * K, 0.0), by_truth(K, 0.0), by_label(K, 0.0);
  for (std::size_t n = 0; n < rows; ++n) {
    const auto t = static_cast<std::size_t>(tasks.support_truth[n]);
    const auto l = static_cast<std::size_t>(tasks.support_labels[n]);
    table[t * K + l] += 1;
    by_truth[t] += 1;
    by_label[l] += 1;
  }
  double chi_square = 0.0;
  for (std::size_t t = 0; t < K; ++t)
    for (std::size_t l = 0; l < K; ++l) {
      const double expected = by_truth[t] * by_label[l] / static_cast<double>(rows);
      if (expected > 0) chi_square += std::pow(table[t * K + l] - expected, 2) / expected;
    }
  EXPECT_LT(chi_square, 27.877);
}

TEST(TaskAnnotators, SparseAnnotationKeepsOneLabelPerRowAndDropsAboutTheShareAsked) {
  FewShotTaskBatch tasks;
  tasks.tasks = 200;
  tasks.classes = 4;
  tasks.support = 20;
  for (std::size_t i = 0; i < tasks.tasks * tasks.support; ++i) tasks.support_truth.push_back(static_cast<int>(i % 4));
  Rng rng(31);
  annotate_support(tasks, 5, annotator_mix(0.1, 0.7, 0.2), 0.5, rng);
  double missing = 0.0;
  for (std::size_t i = 0; i < tasks.tasks * tasks.support; ++i) {
    int given = 0;
    for (std::size_t r = 0; r < 5; ++r) given += tasks.support_labels[i * 5 + r] != kMissingLabel;
    EXPECT_GE(given, 1);
    missing += 5 - given;
  }
  // Four of five labels face the coin: E[missing share] = 0.5 · 4/5 = 0.4.
  EXPECT_NEAR(missing / static_cast<double>(tasks.support_labels.size()), 0.4, 0.02);
}

}  // namespace
}  // namespace annotbench
