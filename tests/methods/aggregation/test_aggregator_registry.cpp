#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "datasets/input_error.h"
#include "methods/aggregation/aggregator.h"
#include "tests/methods/aggregation/crowd_examples.h"

namespace annotbench {
namespace {

// A random binary label set with repeats and an item without labels, for checks every
// aggregator must pass.
SparseAnnotations random_binary_labels() {
  std::mt19937_64 rng(5);
  SparseAnnotations labels;
  labels.num_items = 60;
  labels.num_annotators = 8;
  labels.num_classes = 2;
  for (std::size_t n = 0; n + 1 < labels.num_items; ++n)
    for (int j = 0; j < 4; ++j) labels.add(n, rng() % 8, static_cast<int>(rng() % 2));
  labels.add(0, 0, 1);
  labels.add(0, 0, 1);
  return labels;
}

// Gold on every fourth item (item 59, which has no labels, too).
std::vector<int> some_gold(const SparseAnnotations& labels) {
  std::vector<int> gold(labels.num_items, kMissingLabel);
  for (std::size_t n = 0; n < labels.num_items; n += 4) gold[n] = static_cast<int>(n / 4 % 2);
  gold[labels.num_items - 1] = 1;
  return gold;
}

// What the contract gives fit: nothing, but gold for an aggregator that cannot run without it.
AggregationSettings contract_settings(const AggregatorInfo& info, const SparseAnnotations& labels) {
  AggregationSettings settings;
  if (info.make({})->gold_use() == GoldUse::required) settings.gold = some_gold(labels);
  return settings;
}

bool same_result(const Aggregation& a, const Aggregation& b) {
  return a.posteriors.values == b.posteriors.values && a.labels == b.labels && a.annotator_skill == b.annotator_skill &&
         a.annotator_confusion == b.annotator_confusion && a.iterations == b.iterations;
}

TEST(AggregatorRegistry, SameSeedGivesTheSameResult) {
  const SparseAnnotations labels = random_binary_labels();
  for (const AggregatorInfo& info : registered_aggregators()) {
    AggregationSettings settings = contract_settings(info, labels);
    settings.seed = 11;
    const Aggregation first = info.make({})->fit(labels, settings);
    const Aggregation second = info.make({})->fit(labels, settings);
    EXPECT_EQ(first.posteriors.values, second.posteriors.values) << info.name;
    EXPECT_EQ(first.labels, second.labels) << info.name;
    EXPECT_EQ(first.annotator_skill, second.annotator_skill) << info.name;
  }
}

TEST(AggregatorRegistry, EveryPosteriorRowIsADistribution) {
  const SparseAnnotations labels = random_binary_labels();
  for (const AggregatorInfo& info : registered_aggregators()) {
    const Aggregation result = info.make({})->fit(labels, contract_settings(info, labels));
    ASSERT_EQ(result.posteriors.rows, labels.num_items) << info.name;
    for (std::size_t n = 0; n < labels.num_items; ++n) {
      double total = 0.0;
      for (std::size_t c = 0; c < 2; ++c) {
        EXPECT_GE(result.posteriors.at(n, c), 0.0) << info.name;
        total += result.posteriors.at(n, c);
      }
      EXPECT_NEAR(total, 1.0, 1e-12) << info.name << " item " << n;
    }
  }
}

TEST(AggregatorRegistry, UnknownOptionsAreRejected) {
  for (const AggregatorInfo& info : registered_aggregators())
    EXPECT_THROW(info.make({{"no_such_option", 1.0}}), ConfigError) << info.name;
}

TEST(AggregatorRegistry, OptionsListEveryKnownKey) {
  // Every option an aggregator reports is accepted back, so a config can pin all of them.
  for (const AggregatorInfo& info : registered_aggregators()) {
    const AggregatorOptions options = info.make({})->options();
    EXPECT_NO_THROW(info.make(options)) << info.name;
  }
}

// An aggregator that uses gold answers a gold item by its gold class, exactly (a gold item
// without labels too); one that ignores gold gives the same bits with it as without.
TEST(AggregatorRegistry, GoldItemsAreOneHotOrGoldIsIgnored) {
  const SparseAnnotations labels = random_binary_labels();
  for (const AggregatorInfo& info : registered_aggregators()) {
    const std::unique_ptr<Aggregator> aggregator = info.make({});
    AggregationSettings with_gold;
    with_gold.gold = some_gold(labels);
    const Aggregation result = aggregator->fit(labels, with_gold);
    if (!aggregator->uses_gold()) {
      EXPECT_TRUE(same_result(result, aggregator->fit(labels, {}))) << info.name << " says it ignores gold";
      continue;
    }
    for (std::size_t n = 0; n < labels.num_items; ++n) {
      if (with_gold.gold[n] == kMissingLabel) continue;
      for (std::size_t c = 0; c < 2; ++c)
        EXPECT_EQ(result.posteriors.at(n, c), c == static_cast<std::size_t>(with_gold.gold[n]) ? 1.0 : 0.0)
            << info.name << " item " << n;
      EXPECT_EQ(result.labels[n], with_gold.gold[n]) << info.name << " item " << n;
    }
  }
}

// Gold that names no item is no gold: the same bits as none, or, for an aggregator that needs
// gold, the same refusal.
TEST(AggregatorRegistry, GoldOfUnknownsOnlyIsNoGold) {
  const SparseAnnotations labels = random_binary_labels();
  for (const AggregatorInfo& info : registered_aggregators()) {
    const std::unique_ptr<Aggregator> aggregator = info.make({});
    AggregationSettings unknowns;
    unknowns.gold.assign(labels.num_items, kMissingLabel);
    if (aggregator->gold_use() == GoldUse::required) {
      EXPECT_THROW(aggregator->fit(labels, unknowns), ConfigError) << info.name;
      EXPECT_THROW(aggregator->fit(labels, {}), ConfigError) << info.name;
      continue;
    }
    EXPECT_TRUE(same_result(aggregator->fit(labels, unknowns), aggregator->fit(labels, {}))) << info.name;
  }
}

// Malformed gold or confusion starts are refused by every aggregator, whether it reads them or not.
TEST(AggregatorRegistry, MalformedSettingsAreRefused) {
  const SparseAnnotations labels = random_binary_labels();
  std::vector<AggregationSettings> malformed(5);
  malformed[0].gold.assign(labels.num_items - 1, 0);  // one entry short
  malformed[1].gold = some_gold(labels);
  malformed[1].gold[8] = 2;  // two classes
  malformed[2].gold = some_gold(labels);
  malformed[2].gold[8] = -2;
  malformed[3].initial_confusion.assign(labels.num_annotators * 4 - 1, 0.5);
  malformed[4].initial_confusion.assign(labels.num_annotators * 4, 0.5);
  malformed[4].initial_confusion[(3 * 2 + 1) * 2 + 0] = 0.6;  // annotator 3, true 0: 0.5 + 0.6
  for (const AggregatorInfo& info : registered_aggregators())
    for (std::size_t j = 0; j < malformed.size(); ++j) {
      AggregationSettings settings = malformed[j];
      if (settings.gold.empty()) settings.gold = contract_settings(info, labels).gold;
      EXPECT_THROW(info.make({})->fit(labels, settings), ConfigError) << info.name << ", malformed case " << j;
    }
}

// Annotators without labels (as annotator_filter leaves the dropped ones) are no obstacle.
TEST(AggregatorRegistry, AnnotatorsWithoutLabelsAreAllowed) {
  SparseAnnotations labels = random_binary_labels();
  labels.num_annotators += 3;
  for (const AggregatorInfo& info : registered_aggregators()) {
    const Aggregation result = info.make({})->fit(labels, contract_settings(info, labels));
    for (const double p : result.posteriors.values) EXPECT_TRUE(std::isfinite(p)) << info.name;
    for (const double skill : result.annotator_skill) EXPECT_TRUE(std::isfinite(skill)) << info.name;
  }
}

// Gold is worth having: three of five annotators answer binary items against the truth (right
// 0.2 of the time), two for it (0.8); 400 items, all labelled by all (simulate_crowd, seed 1),
// gold on the even items, scored on the odd ones only. Majority vote there: 0.355 (it is right
// when at least three of the five say the truth). Measured: ds, one-coin-ds and glad 0.960 with
// gold against 0.040-0.045 without (they settle on the adversaries' story); gold-mv 0.725. An
// aggregator that uses gold must beat the majority by 0.25, and its own result without gold.
TEST(AggregatorRegistry, GoldTurnsAnAdversarialMajority) {
  const ConfusionRows adversary = {{0.2, 0.8}, {0.8, 0.2}};
  const ConfusionRows honest = {{0.8, 0.2}, {0.2, 0.8}};
  const SimulatedCrowd crowd = simulate_crowd(400, {adversary, adversary, adversary, honest, honest}, {0.5, 0.5}, 0, 1);
  AggregationSettings with_gold;
  with_gold.gold.assign(400, kMissingLabel);
  std::vector<int> truth_of_the_rest = crowd.truth;
  for (std::size_t n = 0; n < 400; n += 2) with_gold.gold[n] = crowd.truth[n], truth_of_the_rest[n] = kMissingLabel;
  const double majority = aggregation_accuracy(make_aggregator("mv")->fit(crowd.labels, {}).labels, truth_of_the_rest);
  EXPECT_NEAR(majority, 0.355, 0.0005);
  for (const AggregatorInfo& info : registered_aggregators()) {
    const std::unique_ptr<Aggregator> aggregator = info.make({});
    if (!aggregator->uses_gold()) continue;
    const double with = aggregation_accuracy(aggregator->fit(crowd.labels, with_gold).labels, truth_of_the_rest);
    EXPECT_GT(with, majority + 0.25) << info.name;
    if (aggregator->gold_use() == GoldUse::used) {
      EXPECT_GE(with, aggregation_accuracy(aggregator->fit(crowd.labels, {}).labels, truth_of_the_rest)) << info.name;
    }
  }
}

}  // namespace
}  // namespace annotbench
