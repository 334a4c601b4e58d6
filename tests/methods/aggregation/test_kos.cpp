#include <gtest/gtest.h>

#include "datasets/input_error.h"
#include "methods/aggregation/aggregator.h"
#include "tests/methods/aggregation/crowd_examples.h"

namespace annotbench {
namespace {

TEST(Kos, RejectsMoreThanTwoClasses) {
  const SparseAnnotations labels = labels_of(1, 2, 3, {{0, 0, 0}, {0, 1, 2}});
  EXPECT_THROW(make_aggregator("kos")->fit(labels, {}), ConfigError);
}

// Items 0-19: six reliable annotators give the true class (n % 2) and two adversaries the other
// one. Item 20: both adversaries say 0, one reliable annotator says 1; majority vote says 0.
// An annotator's message is the sum over its other items of answer times item message; the
// adversaries disagree with the item messages everywhere, so theirs turn negative and their
// votes count for the opposite class: on item 20 all three votes then point to class 1. (KOS
// fixes the overall sign only through its N(1, 1) start, which must favour the majority of
// edges; six reliable annotators against two make that hold for every seed tried here.)
TEST(Kos, TurnsAdversariesVotesAround) {
  SparseAnnotations labels;
  labels.num_items = 21;
  labels.num_annotators = 8;
  labels.num_classes = 2;
  for (std::size_t n = 0; n < 20; ++n) {
    const int truth = static_cast<int>(n % 2);
    for (std::size_t m = 0; m < 6; ++m) labels.add(n, m, truth);
    for (std::size_t m = 6; m < 8; ++m) labels.add(n, m, 1 - truth);
  }
  labels.add(20, 6, 0);
  labels.add(20, 7, 0);
  labels.add(20, 0, 1);
  EXPECT_EQ(make_aggregator("mv")->fit(labels, {}).labels[20], 0);
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    AggregationSettings settings;
    settings.seed = seed;
    const Aggregation result = make_aggregator("kos")->fit(labels, settings);
    EXPECT_EQ(result.labels[20], 1) << "seed " << seed;
    for (std::size_t n = 0; n < 20; ++n) EXPECT_EQ(result.labels[n], static_cast<int>(n % 2)) << "seed " << seed;
    EXPECT_DOUBLE_EQ(result.posteriors.at(20, 1), 1.0);  // KOS gives signs, so rows are one-hot
  }
}

}  // namespace
}  // namespace annotbench
