#include <gtest/gtest.h>

#include <string>

#include "datasets/input_error.h"
#include "methods/aggregation/aggregator.h"
#include "tests/methods/aggregation/crowd_examples.h"

namespace annotbench {
namespace {

// Five items, four annotators, two classes; items 0, 1, 2 have gold 0, 1, 0.
//   item 0 (gold 0): a0 0, a1 0, a2 1
//   item 1 (gold 1): a0 1, a1 0, a2 1
//   item 2 (gold 0): a0 0, a1 1, a1 1 (a repeat: one distinct triple)
//   item 3:          a0 1, a1 0, a2 0, a3 1
//   item 4:          a1 1, a2 0
// Gold accuracies: a0 3/3 = 1; a1 1/3 (right on item 0 only; its repeat counts once); a2 1/2;
// a3 labelled no gold item, so it gets their mean, (1 + 1/3 + 1/2) / 3 = 11/18.
// Item 3: class 1 gets 1 + 11/18 = 29/18, class 0 gets 1/3 + 1/2 = 15/18 -> (15/44, 29/44),
// where the plain majority is a 2 : 2 tie. Item 4: class 0 gets 1/2, class 1 gets 1/3 -> (3/5, 2/5).
SparseAnnotations gold_example() {
  return labels_of(5, 4, 2,
                   {{0, 0, 0}, {0, 1, 0}, {0, 2, 1}, {1, 0, 1}, {1, 1, 0}, {1, 2, 1}, {2, 0, 0}, {2, 1, 1}, {2, 1, 1},
                    {3, 0, 1}, {3, 1, 0}, {3, 2, 0}, {3, 3, 1}, {4, 1, 1}, {4, 2, 0}});
}

TEST(GoldMajorityVote, WeighsByGoldAccuracyOnTheHandExample) {
  AggregationSettings settings;
  settings.gold = {0, 1, 0, kMissingLabel, kMissingLabel};
  const Aggregation result = make_aggregator("gold-mv")->fit(gold_example(), settings);
  ASSERT_EQ(result.annotator_skill.size(), 4u);
  EXPECT_DOUBLE_EQ(result.annotator_skill[0], 1.0);
  EXPECT_DOUBLE_EQ(result.annotator_skill[1], 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(result.annotator_skill[2], 0.5);
  EXPECT_DOUBLE_EQ(result.annotator_skill[3], 11.0 / 18.0);
  EXPECT_NEAR(result.posteriors.at(3, 1), 29.0 / 44.0, 1e-15);
  EXPECT_NEAR(result.posteriors.at(4, 0), 3.0 / 5.0, 1e-15);
  EXPECT_EQ(result.labels[3], 1);
  EXPECT_EQ(result.labels[4], 0);
  // Gold items are answered by their gold with certainty: item 0's weighted vote alone would be
  // (1 + 1/3, 1/2) / (11/6) = (8/11, 3/11).
  for (std::size_t n = 0; n < 3; ++n) {
    EXPECT_EQ(result.posteriors.at(n, static_cast<std::size_t>(settings.gold[n])), 1.0) << "item " << n;
    EXPECT_EQ(result.labels[n], settings.gold[n]);
  }
}

TEST(GoldMajorityVote, RefusesToRunWithoutGold) {
  const auto message_of = [](const AggregationSettings& settings) {
    try {
      make_aggregator("gold-mv")->fit(gold_example(), settings);
    } catch (const ConfigError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message_of({}).find("needs known answers"), std::string::npos) << message_of({});
  AggregationSettings unknown;
  unknown.gold.assign(5, kMissingLabel);
  EXPECT_NE(message_of(unknown).find("needs known answers"), std::string::npos);
  // Gold on an item nobody labelled measures no one.
  SparseAnnotations labels = gold_example();
  labels.num_items = 6;
  AggregationSettings unlabelled;
  unlabelled.gold = {kMissingLabel, kMissingLabel, kMissingLabel, kMissingLabel, kMissingLabel, 1};
  EXPECT_THROW(make_aggregator("gold-mv")->fit(labels, unlabelled), ConfigError);
}

}  // namespace
}  // namespace annotbench
