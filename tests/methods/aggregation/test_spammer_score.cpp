// The spammer score of Raykar & Yu (JMLR 2012): S = 1/(C(C−1)) Σ_{c<c'} Σ_k (A_ck − A_c'k)², checked on
// matrices whose score follows by hand, and on a simulated crowd of experts and spammers.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

#include "methods/aggregation/spammer_score.h"

namespace annotbench {
namespace {

Matrix<double> matrix(const std::vector<std::vector<double>>& rows) {
  Matrix<double> result(rows.size(), rows.front().size());
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < rows[r].size(); ++c) result.at(r, c) = rows[r][c];
  return result;
}

TEST(SpammerScoreTest, EqualRowsScoreZeroTheIdentityOne) {
  // Labels drawn from (0.5, 0.3, 0.2) whatever the true class: a spammer, however skewed its preferences.
  EXPECT_DOUBLE_EQ(spammer_score(matrix({{0.5, 0.3, 0.2}, {0.5, 0.3, 0.2}, {0.5, 0.3, 0.2}})), 0.0);
  EXPECT_DOUBLE_EQ(spammer_score(matrix({{1, 0, 0}, {0, 1, 0}, {0, 0, 1}})), 1.0);
  // Always the same class: a spammer too.
  EXPECT_DOUBLE_EQ(spammer_score(matrix({{0, 1, 0}, {0, 1, 0}, {0, 1, 0}})), 0.0);
  // A consistent swapper (c → c + 1 mod 3) is as informative as the identity.
  EXPECT_DOUBLE_EQ(spammer_score(matrix({{0, 1, 0}, {0, 0, 1}, {1, 0, 0}})), 1.0);
}

TEST(SpammerScoreTest, UniformNoiseByHand) {
  // Right with probability a = 0.7, else one of the 2 other classes with b = 0.15 each. Rows c and c'
  // differ only in columns c and c' (by a − b each), so Σ_k (A_ck − A_c'k)² = 2(a − b)² for each of the
  // C(C−1)/2 pairs, and S = (a − b)² = 0.55² = 0.3025.
  EXPECT_NEAR(spammer_score(matrix({{0.7, 0.15, 0.15}, {0.15, 0.7, 0.15}, {0.15, 0.15, 0.7}})), 0.3025, 1e-12);
  // Raykar & Yu's binary score: with sensitivity α = P(1 | 1) = 0.8 and specificity β = P(0 | 0) = 0.7,
  // S = (α + β − 1)² = 0.25 (not |α + β − 1| = 0.5). Rows: true class 0, then 1.
  EXPECT_NEAR(spammer_score(matrix({{0.7, 0.3}, {0.2, 0.8}})), 0.25, 1e-12);
  // A flipper (α = 0.2, β = 0.1: α + β − 1 = −0.7) is as informative as its mirror image.
  EXPECT_NEAR(spammer_score(matrix({{0.1, 0.9}, {0.8, 0.2}})), 0.49, 1e-12);
}

TEST(SpammerScoreTest, RowsAreNormalisedAndAZeroRowIsUniform) {
  // Counts score like the shares they give.
  EXPECT_NEAR(spammer_score(matrix({{14, 3, 3}, {3, 14, 3}, {3, 3, 14}})),
              spammer_score(matrix({{0.7, 0.15, 0.15}, {0.15, 0.7, 0.15}, {0.15, 0.15, 0.7}})), 1e-12);
  // A class the annotator was never seen on counts as a uniform row: identity on classes 0, 1, then
  // rows (1,0,0), (0,1,0), (⅓,⅓,⅓): pair (0,1) gives 2, pairs (0,2) and (1,2) give (⅔)² + 2(⅓)² = ⅔ each;
  // S = (2 + 4/3)/6 = 5/9.
  const double with_zero_row = spammer_score(matrix({{1, 0, 0}, {0, 1, 0}, {0, 0, 0}}));
  EXPECT_NEAR(with_zero_row, 5.0 / 9.0, 1e-12);
  EXPECT_NEAR(with_zero_row, spammer_score(matrix({{1, 0, 0}, {0, 1, 0}, {1, 1, 1}})), 1e-12);
  // No labels at all: every row uniform, S = 0.
  EXPECT_DOUBLE_EQ(spammer_score(matrix({{0, 0}, {0, 0}})), 0.0);
}

TEST(SpammerScoreTest, RefusesWhatIsNotAConfusionMatrix) {
  EXPECT_THROW(spammer_score(matrix({{1, 0, 0}, {0, 1, 0}})), std::invalid_argument);
  EXPECT_THROW(spammer_score(matrix({{1}})), std::invalid_argument);
  EXPECT_THROW(spammer_score(matrix({{1, -0.1}, {0, 1}})), std::invalid_argument);
  EXPECT_THROW(spammer_scores(std::vector<double>(7, 0.25), 2), std::invalid_argument);
}

TEST(SpammerScoreTest, AggregationLayoutScoresEveryAnnotator) {
  // annotator_confusion[(m·C + y)·C + c] = P(m says y | true c): annotator 0 the identity, annotator 1
  // always says class 1, annotator 2 the binary example above (β = 0.7, α = 0.8).
  const std::size_t classes = 2;
  std::vector<double> layout(3 * classes * classes, 0.0);
  const auto set = [&](std::size_t m, std::size_t y, std::size_t c, double p) { layout[(m * classes + y) * classes + c] = p; };
  set(0, 0, 0, 1.0);
  set(0, 1, 1, 1.0);
  set(1, 1, 0, 1.0);
  set(1, 1, 1, 1.0);
  set(2, 0, 0, 0.7);
  set(2, 1, 0, 0.3);
  set(2, 0, 1, 0.2);
  set(2, 1, 1, 0.8);
  const std::vector<double> scores = spammer_scores(layout, 2);
  ASSERT_EQ(scores.size(), 3u);
  EXPECT_DOUBLE_EQ(scores[0], 1.0);
  EXPECT_DOUBLE_EQ(scores[1], 0.0);
  EXPECT_NEAR(scores[2], 0.25, 1e-12);
}

TEST(SpammerScoreTest, EmpiricalConfusionAgainstTheTruth) {
  // Item truths 0, 0, 1, 1; annotator 0 says 0, 1, 1, 1; annotator 1 labels item 0 twice (0 then 1).
  SparseAnnotations annotations;
  annotations.num_items = 4;
  annotations.num_annotators = 2;
  annotations.num_classes = 2;
  for (const auto& [item, label] : std::vector<std::pair<int, int>>{{0, 0}, {1, 1}, {2, 1}, {3, 1}}) annotations.add(item, 0, label);
  annotations.add(0, 1, 0);
  annotations.add(0, 1, 1);
  const std::vector<double> confusion = empirical_annotator_confusion(annotations, {0, 0, 1, 1});
  // Annotator 0: P(0 | 0) = ½, P(1 | 0) = ½, P(1 | 1) = 1. Annotator 1: both labels count, ½ and ½; it was
  // never seen on class 1, so that column stays 0.
  EXPECT_EQ(confusion, (std::vector<double>{0.5, 0.0, 0.5, 1.0, 0.5, 0.0, 0.5, 0.0}));
  EXPECT_THROW(empirical_annotator_confusion(annotations, {0, 0, 1}), std::invalid_argument);
  EXPECT_THROW(empirical_annotator_confusion(annotations, {0, 0, 2, 1}), std::invalid_argument);
}

TEST(SpammerScoreTest, SeparatesSimulatedExpertsFromSpammers) {
  // 8 experts, right with probability 0.65-0.95 and otherwise uniform over the other classes, and 8
  // spammers, each with its own random label distribution that ignores the true class; 4 classes, 800
  // items, each labelled by each annotator with probability 0.4. Scores from the empirical confusions.
  const int classes = 4;
  const std::size_t experts = 8, spammers = 8, items = 800;
  std::mt19937_64 rng(2012);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<std::vector<std::vector<double>>> confusions;  // [annotator][true class][label]
  for (std::size_t m = 0; m < experts; ++m) {
    const double accuracy = 0.65 + 0.3 * unit(rng);
    std::vector<std::vector<double>> rows(classes, std::vector<double>(classes, (1 - accuracy) / (classes - 1)));
    for (int c = 0; c < classes; ++c) rows[c][c] = accuracy;
    confusions.push_back(rows);
  }
  for (std::size_t m = 0; m < spammers; ++m) {
    std::vector<double> preferences(classes);
    for (double& p : preferences) p = unit(rng);
    confusions.push_back(std::vector<std::vector<double>>(classes, preferences));
  }
  SparseAnnotations annotations;
  annotations.num_items = items;
  annotations.num_annotators = experts + spammers;
  annotations.num_classes = classes;
  std::vector<int> truth(items);
  std::uniform_int_distribution<int> klass(0, classes - 1);
  std::bernoulli_distribution labels_it(0.4);
  for (std::size_t i = 0; i < items; ++i) {
    truth[i] = klass(rng);
    for (std::size_t m = 0; m < confusions.size(); ++m) {
      if (!labels_it(rng)) continue;
      const std::vector<double>& row = confusions[m][static_cast<std::size_t>(truth[i])];
      annotations.add(i, m, std::discrete_distribution<int>(row.begin(), row.end())(rng));
    }
  }
  const std::vector<double> scores = spammer_scores(empirical_annotator_confusion(annotations, truth), classes);
  ASSERT_EQ(scores.size(), experts + spammers);
  const double weakest_expert = *std::min_element(scores.begin(), scores.begin() + experts);
  const double best_spammer = *std::max_element(scores.begin() + experts, scores.end());
  EXPECT_GT(weakest_expert, best_spammer);
  // Their true scores: experts (a − b)² with a ≥ 0.65, b = (1 − a)/3, so ≥ 0.5333² = 0.284; spammers 0.
  // About 80 labels per class and annotator leave each empirical share off by ~0.05, hence the margins.
  EXPECT_GT(weakest_expert, 0.2);
  EXPECT_LT(best_spammer, 0.05);
}

}  // namespace
}  // namespace annotbench
