// DARL spec §8, tests 8 and 9, and the ActiveLab scores of §6.3: hand-made tables, hand-computed picks.

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "methods/acquisition/acquisition.h"
#include "methods/acquisition/folds.h"
#include "methods/acquisition/labelled_set.h"
#include "methods/acquisition/scores.h"

namespace annotbench {
namespace {

FeatureMatrix table(std::size_t rows, std::size_t cols, const std::vector<float>& values) {
  FeatureMatrix matrix(rows, cols);
  matrix.values = values;
  return matrix;
}

TEST(LabelledSet, PoolNoiseMatchesAHandCountUnderReplaceAndVote) {
  // Six items, truth 0 1 2 0 1 2; three classes.
  const std::vector<int> truth = {0, 1, 2, 0, 1, 2};
  for (const RelabelPolicy policy : {RelabelPolicy::replace, RelabelPolicy::vote}) {
    LabelledSet labelled(6, 3);
    const std::vector<int> first = {0, 2, 2, 1, 1, 0};  // items 1, 3, 5 wrong
    for (std::size_t i = 0; i < 6; ++i) labelled.add(i, first[i]);
    EXPECT_EQ(labelled.wrong_count(truth), 3u);
    // Item 1: 2 → 1. replace: right. vote: {2, 1} tie, the tie-break (p̂ favours 1) gives 1: right.
    labelled.relabel(1, 1, policy, [](const std::vector<int>& tied) {
      EXPECT_EQ(tied, (std::vector<int>{1, 2}));
      return 1;
    });
    // Item 3: 1 → 0 then 0 again. replace: right. vote: {1, 0} tie → p̂ favours 1 (wrong), then {1, 0, 0} → 0.
    labelled.relabel(3, 0, policy, [](const std::vector<int>&) { return 1; });
    EXPECT_EQ(labelled.current_label(3), policy == RelabelPolicy::replace ? 0 : 1);
    labelled.relabel(3, 0, policy, [](const std::vector<int>&) { return 1; });
    EXPECT_EQ(labelled.current_label(3), 0);
    // Under replace the second 0 repeats the training label (confirmed); under vote ŷ was 1 before it.
    EXPECT_EQ(labelled.confirmed(3), policy == RelabelPolicy::replace);
    // Item 0: right, re-labelled wrong (0 → 2). replace: wrong. vote: {0, 2} tie → p̂ favours 0: right.
    labelled.relabel(0, 2, policy, [](const std::vector<int>&) { return 0; });
    // Hand count. replace: items 0 and 5 wrong. vote: item 5 only.
    EXPECT_EQ(labelled.wrong_count(truth), policy == RelabelPolicy::replace ? 2u : 1u);
    EXPECT_EQ(labelled.relabel_count(3), 2);
    EXPECT_FALSE(labelled.eligible(3, 2));
    EXPECT_TRUE(labelled.eligible(5, 2));
  }
}

TEST(LabelledSet, VoteConfirmsWhenTheAnswerRepeatsTheTrainingLabel) {
  LabelledSet labelled(1, 3);
  labelled.add(0, 2);
  labelled.relabel(0, 2, RelabelPolicy::vote, {});
  EXPECT_TRUE(labelled.confirmed(0));
  EXPECT_FALSE(labelled.eligible(0, 5));
}

TEST(NoiseScores, LossAndUncertaintyPickTheHandComputedItems) {
  // Four labelled items, three classes, current labels 0 0 1 2.
  const FeatureMatrix proba = table(4, 3, {0.9f, 0.05f, 0.05f,    // agrees confidently: loss −log 0.9 = 0.105
                                           0.05f, 0.9f, 0.05f,    // confident disagreement: −log 0.05 = 3.00
                                           0.34f, 0.33f, 0.33f,   // ambiguous: loss −log 0.33 = 1.11, H = 1.0986
                                           0.5f, 0.3f, 0.2f});    // H = 1.0297, loss −log 0.2 = 1.61
  const std::vector<int> labels = {0, 0, 1, 2};
  const std::vector<double> loss = loss_scores(proba, labels);
  EXPECT_NEAR(loss[1], -std::log(0.05), 1e-6);
  EXPECT_EQ(top_positions(loss, 2), (std::vector<std::size_t>{1, 3}));
  const std::vector<double> uncertainty = entropy_scores(proba);
  EXPECT_NEAR(uncertainty[3], -(0.5 * std::log(0.5) + 0.3 * std::log(0.3) + 0.2 * std::log(0.2)), 1e-6);
  EXPECT_EQ(top_positions(uncertainty, 2), (std::vector<std::size_t>{2, 3}));
  // Margin and least confidence on the same rows: smallest p(1) − p(2) is item 2 (0.01).
  EXPECT_EQ(top_positions(margin_scores(proba), 1), (std::vector<std::size_t>{2}));
  EXPECT_EQ(top_positions(least_confidence_scores(proba), 1), (std::vector<std::size_t>{2}));
}

TEST(NoiseScores, DarlBothTakesHalfFromEachRankingLossFirst) {
  AcquisitionRound round;
  round.round = 5;
  round.round_budget = 4;
  round.relabel_allowance = 3;
  round.eligible = {10, 11, 12, 13};
  round.eligible_label = {0, 0, 1, 2};
  round.eligible_label_count = {1, 1, 1, 1};
  round.eligible_proba = table(4, 3, {0.9f, 0.05f, 0.05f, 0.05f, 0.9f, 0.05f, 0.34f, 0.33f, 0.33f, 0.5f, 0.3f, 0.2f});
  round.unlabelled = {20, 21};
  round.unlabelled_proba = table(2, 3, {0.98f, 0.01f, 0.01f, 0.4f, 0.3f, 0.3f});
  // 3 units: 2 by loss (items 11, 13), then uncertainty's top that is new (12); 1 new label by entropy (21).
  const AcquisitionPicks picks = make_strategy("darl-both")->select(round);
  EXPECT_EQ(picks.relabel, (std::vector<std::size_t>{11, 13, 12}));
  EXPECT_EQ(picks.fresh, (std::vector<std::size_t>{21}));
  const AcquisitionPicks loss = make_strategy("darl-loss")->select(round);
  EXPECT_EQ(loss.relabel, (std::vector<std::size_t>{11, 13, 12}));  // 3.00, 1.61, 1.11
  const AcquisitionPicks plain = make_strategy("al-entropy")->select(round);
  EXPECT_TRUE(plain.relabel.empty());
  EXPECT_EQ(plain.fresh, (std::vector<std::size_t>{21, 20}));
}

TEST(NoiseScores, ActiveLabRanksLabelledAndUnlabelledItemsTogether) {
  AcquisitionRound round;
  round.round_budget = 2;
  round.eligible = {1, 2};
  round.eligible_label = {0, 1};
  round.eligible_label_count = {1, 2};
  round.eligible_proba = table(2, 2, {0.2f, 0.8f, 0.5f, 0.5f});
  round.unlabelled = {7, 8};
  round.unlabelled_proba = table(2, 2, {0.55f, 0.45f, 0.95f, 0.05f});
  // labelled: (p(ŷ)(n+1) + 1/C)/(n+2): item 1: (0.2·2 + 0.5)/3 = 0.3; item 2: (0.5·3 + 0.5)/4 = 0.5.
  // unlabelled: (max p + 1/C)/2: item 7: 0.525; item 8: 0.725. The two lowest: item 1 (re-label), item 2.
  const AcquisitionPicks picks = make_strategy("activelab")->select(round);
  EXPECT_EQ(picks.relabel, (std::vector<std::size_t>{1, 2}));
  EXPECT_TRUE(picks.fresh.empty());
  round.round_budget = 3;
  EXPECT_EQ(make_strategy("activelab")->select(round).fresh, (std::vector<std::size_t>{7}));
}

TEST(NoiseScores, TheOracleControlPicksOnlyWrongLabels) {
  AcquisitionRound round;
  round.round_budget = 5;
  round.relabel_allowance = 3;
  round.eligible = {1, 2, 3, 4};
  round.eligible_label = {0, 0, 0, 0};
  round.eligible_label_count = {1, 1, 1, 1};
  round.eligible_is_wrong = {0, 1, 0, 1};
  round.unlabelled = {5, 6, 7, 8, 9};
  round.unlabelled_proba = table(5, 2, {0.5f, 0.5f, 0.6f, 0.4f, 0.7f, 0.3f, 0.8f, 0.2f, 0.9f, 0.1f});
  const AcquisitionPicks picks = make_strategy("relabel-oracle")->select(round);
  // Only two labels are wrong: the third unit goes to a new label.
  EXPECT_EQ(std::set<std::size_t>(picks.relabel.begin(), picks.relabel.end()), (std::set<std::size_t>{2, 4}));
  EXPECT_EQ(picks.fresh, (std::vector<std::size_t>{5, 6, 7}));
}

TEST(Folds, AnItemIsNeverScoredByAModelThatTrainedOnIt) {
  const std::vector<int> fold_of = fold_assignment(103, 4, 17);
  std::vector<int> sizes(4, 0);
  for (const int fold : fold_of) ++sizes[static_cast<std::size_t>(fold)];
  EXPECT_LE(*std::max_element(sizes.begin(), sizes.end()) - *std::min_element(sizes.begin(), sizes.end()), 1);
  const std::vector<FoldJob> jobs = fold_jobs(fold_of, 4);
  std::vector<int> scored(103, 0);
  for (const FoldJob& job : jobs) {
    const std::set<std::size_t> trained(job.train_positions.begin(), job.train_positions.end());
    for (const std::size_t position : job.predict_positions) {
      EXPECT_EQ(trained.count(position), 0u);
      ++scored[position];
    }
    EXPECT_EQ(job.train_positions.size() + job.predict_positions.size(), 103u);
  }
  for (const int count : scored) EXPECT_EQ(count, 1);  // every item scored exactly once
}

TEST(Strategies, UnknownNamesAreRefusedWithTheKnownOnes) {
  try {
    make_strategy("darl-nosuch");
    FAIL();
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("darl-both"), std::string::npos);
  }
}

}  // namespace
}  // namespace annotbench
