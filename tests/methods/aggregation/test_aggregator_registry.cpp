#include <gtest/gtest.h>

#include <random>

#include "datasets/input_error.h"
#include "methods/aggregation/aggregator.h"

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

TEST(AggregatorRegistry, SameSeedGivesTheSameResult) {
  const SparseAnnotations labels = random_binary_labels();
  for (const AggregatorInfo& info : registered_aggregators()) {
    AggregationSettings settings;
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
    const Aggregation result = info.make({})->fit(labels, {});
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

}  // namespace
}  // namespace annotbench
