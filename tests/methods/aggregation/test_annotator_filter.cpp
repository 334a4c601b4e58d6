#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "datasets/input_error.h"
#include "methods/aggregation/aggregator.h"
#include "methods/aggregation/annotator_filter.h"
#include "tests/methods/aggregation/crowd_examples.h"

namespace annotbench {
namespace {

// Six items, five annotators, two classes; 19 labels:
//   a0: item 0 -> 0                                       1 label
//   a1: items 0-3 -> 0 0 0 0                              4 labels, entropy 0
//   a2: items 0-3 -> 0 1 0 1                              4 labels, entropy log 2 = 0.6931
//   a3: items 0-3 -> 1 0 1 1                              4 labels (given spammer score 0.05)
//   a4: items 0-5 -> 0 1 0 1 0 0                          6 labels, entropy
//       -(2/3 log 2/3 + 1/3 log 1/3) = 0.6365
SparseAnnotations filter_example() {
  return labels_of(6, 5, 2,
                   {{0, 0, 0}, {0, 1, 0}, {1, 1, 0}, {2, 1, 0}, {3, 1, 0}, {0, 2, 0}, {1, 2, 1}, {2, 2, 0}, {3, 2, 1},
                    {0, 3, 1}, {1, 3, 0}, {2, 3, 1}, {3, 3, 1}, {0, 4, 0}, {1, 4, 1}, {2, 4, 0}, {3, 4, 1}, {4, 4, 0},
                    {5, 4, 0}});
}

// min_labels 2 drops a0 (1 label); a spammer score below 0.2 drops a3 (4 labels); the entropies
// left to judge are a1 0, a4 0.6365, a2 0.6931, whose 50th percentile (position 0.5 (3 - 1) = 1)
// is a4's 0.6365, so a1 (4 labels) drops and a4, at the cut-off, stays. 19 - 1 - 4 - 4 = 10 kept.
TEST(AnnotatorFilter, CountsWhatEachRuleDropsOnTheHandExample) {
  AnnotatorFilterSettings settings;
  settings.min_labels = 2;
  settings.min_spammer_score = 0.2;
  settings.spammer_scores = {0.9, 0.8, 0.8, 0.05, 0.8};
  settings.entropy_percentile = 50;
  const FilteredAnnotations result = filter_annotators(filter_example(), settings);
  EXPECT_EQ(result.too_few_labels.annotators, 1u);
  EXPECT_EQ(result.too_few_labels.labels, 1u);
  EXPECT_EQ(result.low_spammer_score.annotators, 1u);
  EXPECT_EQ(result.low_spammer_score.labels, 4u);
  EXPECT_EQ(result.low_entropy.annotators, 1u);
  EXPECT_EQ(result.low_entropy.labels, 4u);
  EXPECT_EQ(result.annotations.num_labels(), 10u);
  EXPECT_EQ(result.reasons, (std::vector<AnnotatorDropReason>{
                                AnnotatorDropReason::too_few_labels, AnnotatorDropReason::low_entropy,
                                AnnotatorDropReason::kept, AnnotatorDropReason::low_spammer_score,
                                AnnotatorDropReason::kept}));
  // Indices are kept: same index spaces, the dropped annotators simply have no labels.
  EXPECT_EQ(result.annotations.num_items, 6u);
  EXPECT_EQ(result.annotations.num_annotators, 5u);
  for (std::size_t k = 0; k < result.annotations.num_labels(); ++k)
    EXPECT_TRUE(result.annotations.annotators[k] == 2 || result.annotations.annotators[k] == 4);
  EXPECT_TRUE(std::isnan(result.label_entropy[0]));  // dropped before rule 3
  EXPECT_TRUE(std::isnan(result.label_entropy[3]));
  EXPECT_NEAR(result.label_entropy[2], std::log(2.0), 1e-15);
  EXPECT_NEAR(result.label_entropy[4], -(2.0 / 3 * std::log(2.0 / 3) + 1.0 / 3 * std::log(1.0 / 3)), 1e-15);
}

// Rule 2 off, so a3 (labels 1 0 1 1: entropy -(1/4 log 1/4 + 3/4 log 3/4) = 0.5623) is judged
// too: the entropies are 0, 0.5623, 0.6365, 0.6931. The percentile interpolates between order
// statistics as numpy's default: at 30 the position is 0.3 (4 - 1) = 0.9, the cut-off
// 0.9 0.5623 = 0.5061: a1 only; at 40 the position is 1.2, the cut-off 0.5623 + 0.2 (0.6365 -
// 0.5623) = 0.5771: a1 and a3; at 100 it is the largest, log 2: a1, a3 and a4 (14 labels). At 0
// nobody drops, and a crowd of equal entropies keeps everyone (Crowd-Kit's rule, entropy <= the
// percentile, would drop them all).
TEST(AnnotatorFilter, EntropyPercentileInterpolates) {
  AnnotatorFilterSettings settings;
  settings.min_labels = 2;
  settings.entropy_percentile = 30;
  EXPECT_EQ(filter_annotators(filter_example(), settings).low_entropy.annotators, 1u);
  settings.entropy_percentile = 40;
  const FilteredAnnotations at_40 = filter_annotators(filter_example(), settings);
  EXPECT_EQ(at_40.low_entropy.annotators, 2u);
  EXPECT_EQ(at_40.reasons[3], AnnotatorDropReason::low_entropy);
  settings.entropy_percentile = 100;
  const FilteredAnnotations all = filter_annotators(filter_example(), settings);
  EXPECT_EQ(all.low_entropy.annotators, 3u);
  EXPECT_EQ(all.low_entropy.labels, 14u);
  EXPECT_EQ(all.reasons[2], AnnotatorDropReason::kept);
  settings.entropy_percentile = 0;
  EXPECT_EQ(filter_annotators(filter_example(), settings).annotations.num_labels(), 18u);  // only a0 went

  const SparseAnnotations equals = labels_of(2, 3, 2, {{0, 0, 0}, {1, 0, 1}, {0, 1, 0}, {1, 1, 1}, {0, 2, 1}, {1, 2, 0}});
  settings.entropy_percentile = 10;
  EXPECT_EQ(filter_annotators(equals, settings).low_entropy.annotators, 0u);
}

TEST(AnnotatorFilter, RefusesSettingsOutOfRange) {
  AnnotatorFilterSettings settings;
  settings.entropy_percentile = 101;
  EXPECT_THROW(filter_annotators(filter_example(), settings), ConfigError);
  settings.entropy_percentile = 0;
  settings.min_spammer_score = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(filter_annotators(filter_example(), settings), ConfigError);
  settings.min_spammer_score = 0.1;
  settings.spammer_scores = {0.5, 0.5};  // five annotators
  EXPECT_THROW(filter_annotators(filter_example(), settings), ConfigError);
}

// Eight experts (right 0.85, else one of the other two classes evenly: Raykar & Yu's score
// S = (1 / 6) 3 pairs 2 (0.85 - 0.075)^2 = 0.6006), four uniform spammers (every row of A alike:
// S = 0) and two who always say 0 (S = 0 too); three classes uniform, 600 items, five labels each
// from the fourteen (seed 4). Dawid-Skene's matrices give the experts 0.504 .. 0.708 and the
// spammers at most 0.037, so a threshold of 0.2 drops exactly the six spammers, and majority vote
// goes from 0.822 to 0.910. The entropy rule at Crowd-Kit's default percentile (10: position 1.3
// among 14, cut-off 0.3 of the third-lowest entropy, 1.087) finds only the always-0 pair: the
// uniform spammers' labels have entropies (1.094 .. 1.099) as high as the experts'.
TEST(AnnotatorFilter, ACrowdOfSpammersAndExpertsLosesItsSpammers) {
  const ConfusionRows expert = {{0.85, 0.075, 0.075}, {0.075, 0.85, 0.075}, {0.075, 0.075, 0.85}};
  const ConfusionRows uniform = {{1.0 / 3, 1.0 / 3, 1.0 / 3}, {1.0 / 3, 1.0 / 3, 1.0 / 3}, {1.0 / 3, 1.0 / 3, 1.0 / 3}};
  const ConfusionRows always_zero = {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}};
  std::vector<ConfusionRows> crowd_confusions(8, expert);
  for (int j = 0; j < 4; ++j) crowd_confusions.push_back(uniform);
  for (int j = 0; j < 2; ++j) crowd_confusions.push_back(always_zero);
  const SimulatedCrowd crowd = simulate_crowd(600, crowd_confusions, {1.0 / 3, 1.0 / 3, 1.0 / 3}, 5, 4);

  AnnotatorFilterSettings settings;
  settings.min_spammer_score = 0.2;
  const FilteredAnnotations result = filter_annotators(crowd.labels, settings);
  for (std::size_t m = 0; m < 14; ++m) {
    EXPECT_EQ(result.reasons[m], m < 8 ? AnnotatorDropReason::kept : AnnotatorDropReason::low_spammer_score) << m;
    if (m < 8) {
      EXPECT_NEAR(result.spammer_scores[m], 0.6006, 0.15) << m;
    } else {
      EXPECT_LT(result.spammer_scores[m], 0.05) << m;
    }
  }
  EXPECT_EQ(result.low_spammer_score.annotators, 6u);
  EXPECT_EQ(result.low_spammer_score.labels + result.annotations.num_labels(), 3000u);
  const double before = aggregation_accuracy(make_aggregator("mv")->fit(crowd.labels, {}).labels, crowd.truth);
  const double after = aggregation_accuracy(make_aggregator("mv")->fit(result.annotations, {}).labels, crowd.truth);
  EXPECT_NEAR(before, 0.822, 0.0005);
  EXPECT_NEAR(after, 0.910, 0.0005);

  AnnotatorFilterSettings by_entropy;
  by_entropy.entropy_percentile = 10;
  const FilteredAnnotations entropy_result = filter_annotators(crowd.labels, by_entropy);
  for (std::size_t m = 0; m < 14; ++m)
    EXPECT_EQ(entropy_result.reasons[m], m >= 12 ? AnnotatorDropReason::low_entropy : AnnotatorDropReason::kept) << m;
}

}  // namespace
}  // namespace annotbench
