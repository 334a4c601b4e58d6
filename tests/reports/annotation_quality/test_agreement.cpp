// Agreement statistics checked against Krippendorff's (2011) computational example, Fleiss' (1971) table
// as Wikipedia reproduces it, and small tables worked by hand in the comments.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <random>
#include <stdexcept>
#include <vector>

#include "reports/annotation_quality/agreement.h"

namespace annotbench {
namespace {

constexpr int kMissing = -1;

// Reliability data as Krippendorff tabulates them: one row per annotator, one column per item, kMissing
// where the annotator gave no label.
SparseAnnotations from_reliability_rows(const std::vector<std::vector<int>>& rows, int num_classes) {
  SparseAnnotations annotations;
  annotations.num_annotators = rows.size();
  annotations.num_items = rows.front().size();
  annotations.num_classes = num_classes;
  for (std::size_t m = 0; m < rows.size(); ++m)
    for (std::size_t i = 0; i < rows[m].size(); ++i)
      if (rows[m][i] != kMissing) annotations.add(i, m, rows[m][i]);
  return annotations;
}

// A table of counts (items x classes: how many annotators gave item i class k), with annotators
// 0, 1, ... on every item: which annotator gave which label does not enter Fleiss' kappa.
SparseAnnotations from_count_table(const std::vector<std::vector<int>>& counts) {
  SparseAnnotations annotations;
  annotations.num_items = counts.size();
  annotations.num_classes = static_cast<int>(counts.front().size());
  for (std::size_t i = 0; i < counts.size(); ++i) {
    std::size_t annotator = 0;
    for (std::size_t k = 0; k < counts[i].size(); ++k)
      for (int copy = 0; copy < counts[i][k]; ++copy) annotations.add(i, annotator++, static_cast<int>(k));
    annotations.num_annotators = std::max(annotations.num_annotators, annotator);
  }
  return annotations;
}

AgreementOptions without_bootstrap() {
  AgreementOptions options;
  options.bootstrap_resamples = 0;
  return options;
}

// Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C: 4 observers, 12 units,
// values 1..5 (here classes 0..4), some missing. Unit 12 has a single value (observer B's 3) and is not
// pairable.
SparseAnnotations krippendorff_2011_example() {
  const int _ = kMissing;
  return from_reliability_rows({{0, 1, 2, 2, 1, 0, 3, 0, 1, _, _, _},
                                {0, 1, 2, 2, 1, 1, 3, 0, 1, 4, _, 2},
                                {_, 2, 2, 2, 1, 2, 3, 1, 1, 4, 0, _},
                                {0, 1, 2, 2, 1, 3, 3, 0, 1, 4, 0, _}},
                               5);
}

TEST(AgreementTest, PerfectAgreementGivesOneEverywhere) {
  // Three annotators, every label of an item the same, some labels missing, all three classes in use
  // (else D_e = 0 and α is undefined).
  const SparseAnnotations annotations =
      from_reliability_rows({{0, 1, 2, 0, kMissing, 2}, {0, 1, 2, kMissing, 1, 2}, {0, kMissing, 2, 0, 1, 2}}, 3);
  EXPECT_DOUBLE_EQ(krippendorff_alpha(annotations, AlphaMetric::nominal), 1.0);
  EXPECT_DOUBLE_EQ(krippendorff_alpha(annotations, AlphaMetric::ordinal), 1.0);
  EXPECT_DOUBLE_EQ(krippendorff_alpha(annotations, AlphaMetric::interval), 1.0);
  EXPECT_DOUBLE_EQ(fleiss_kappa(annotations), 1.0);
  const PairwiseCohenKappa cohen = mean_pairwise_cohen_kappa(annotations);
  EXPECT_DOUBLE_EQ(cohen.mean, 1.0);
  EXPECT_EQ(cohen.pairs_used, 3u);
  EXPECT_DOUBLE_EQ(percent_agreement(annotations).pooled, 1.0);
}

TEST(AgreementTest, TwoAnnotatorsFourItemsByHand) {
  // A: 0 0 1 1, B: 0 1 1 1.
  const SparseAnnotations annotations = from_reliability_rows({{0, 0, 1, 1}, {0, 1, 1, 1}}, 2);
  // Coincidences (each unit has m_u = 2, so each ordered pair counts 1/(2 − 1) = 1):
  // item 1 (0,0) → o_00 += 2; item 2 (0,1) → o_01 = o_10 = 1; items 3, 4 (1,1) → o_11 += 2 each.
  EXPECT_EQ(coincidence_matrix(annotations), (std::vector<double>{2, 1, 1, 4}));
  // n_0 = 3, n_1 = 5, n = 8. D_o = (o_01 + o_10)/n = 2/8; D_e = 2·n_0·n_1/(n(n−1)) = 30/56.
  // α = 1 − (2/8)/(30/56) = 1 − 7/15 = 8/15.
  EXPECT_NEAR(krippendorff_alpha(annotations), 8.0 / 15.0, 1e-12);
  // Fleiss: P_i = 1, 0, 1, 1 → P̄ = 3/4; p_0 = 3/8, p_1 = 5/8 → P_e = 34/64;
  // κ = (48/64 − 34/64)/(30/64) = 7/15 (Scott's π). And α = 1 − (1 − π)(n − 1)/n = 1 − (8/15)(7/8) = 8/15.
  EXPECT_NEAR(fleiss_kappa(annotations), 7.0 / 15.0, 1e-12);
  // Cohen: p_o = 3/4; A says 1 half the time, B three quarters → p_e = ½·¼ + ½·¾ = ½; κ = (¾ − ½)/½ = ½.
  const PairwiseCohenKappa cohen = mean_pairwise_cohen_kappa(annotations);
  EXPECT_NEAR(cohen.mean, 0.5, 1e-12);
  EXPECT_EQ(cohen.pairs_used, 1u);
  const PercentAgreement percent = percent_agreement(annotations);
  EXPECT_EQ(percent.agreeing_pairs, 3u);
  EXPECT_EQ(percent.label_pairs, 4u);
  EXPECT_DOUBLE_EQ(percent.pooled, 0.75);
  EXPECT_DOUBLE_EQ(percent.mean_per_item, 0.75);
}

TEST(KrippendorffExampleTest, CoincidenceMatrixOfThe2011Example) {
  // Krippendorff (2011), section C, prints the coincidences of the example (values 1..5), which by hand:
  // unit 1 (1,1,1; m=3) gives o_11 = 3·2/2 = 3; unit 8 (1,1,2,1; m=4) o_11 += 3·2/3 = 2, o_12 = o_21 += 3·1/3 = 1;
  // unit 11 (1,1; m=2) o_11 += 2; unit 6 (1,2,3,4; m=4) 1/3 for every ordered pair of distinct values;
  // unit 2 (2,2,3,2) o_22 += 3·2/3 = 2, o_23 = o_32 += 1; ...
  const double third = 1.0 / 3.0;
  const std::vector<double> published = {7,         1 + third, third,     third,     0,  //
                                         1 + third, 10,        1 + third, third,     0,  //
                                         third,     1 + third, 8,         third,     0,  //
                                         third,     third,     third,     4,         0,  //
                                         0,         0,         0,         0,         3};
  const std::vector<double> coincidences = coincidence_matrix(krippendorff_2011_example());
  ASSERT_EQ(coincidences.size(), published.size());
  for (std::size_t cell = 0; cell < published.size(); ++cell) EXPECT_NEAR(coincidences[cell], published[cell], 1e-12) << cell;
  // Marginals n_c = 9, 13, 10, 5, 3 and n = 40 pairable values (unit 12's lone value is not among them).
  EXPECT_EQ(agreement_summary(krippendorff_2011_example(), without_bootstrap()).pairable_labels, 40u);
}

TEST(KrippendorffExampleTest, PublishedAlphasOfThe2011Example) {
  // Krippendorff (2011), section C: α_nominal = 0.743, α_ordinal = 0.815, α_interval = 0.849.
  // Nominal by hand: the off-diagonal coincidences sum to 2 (unit 2) + 4 (unit 6) + 2 (unit 8) = 8, so
  // D_o = 8/40; D_e = (40² − (9² + 13² + 10² + 5² + 3²)) / (40·39) = 1216/1560; α = 1 − 0.2/0.77949 = 0.7434.
  const SparseAnnotations annotations = krippendorff_2011_example();
  EXPECT_NEAR(krippendorff_alpha(annotations, AlphaMetric::nominal), 1.0 - 0.2 * 1560.0 / 1216.0, 1e-12);
  EXPECT_NEAR(krippendorff_alpha(annotations, AlphaMetric::nominal), 0.743, 5e-4);
  EXPECT_NEAR(krippendorff_alpha(annotations, AlphaMetric::ordinal), 0.815, 5e-4);
  EXPECT_NEAR(krippendorff_alpha(annotations, AlphaMetric::interval), 0.849, 5e-4);
  // The paper's values are 1..5; the default 0..4 differs by a shift, which (v_c − v_k)² ignores, and
  // any scale factor cancels between D_o and D_e.
  EXPECT_NEAR(krippendorff_alpha(annotations, AlphaMetric::interval, {1, 2, 3, 4, 5}), 0.849, 5e-4);
  EXPECT_NEAR(krippendorff_alpha(annotations, AlphaMetric::interval, {10, 20, 30, 40, 50}),
              krippendorff_alpha(annotations, AlphaMetric::interval), 1e-12);
}

TEST(KrippendorffExampleTest, ALoneValueIsNotPairable) {
  // Unit 12's single value changes nothing, whoever gave it and whatever it is: moving it from observer
  // B to observer C (as some copies of the table print it) or dropping it leaves every α as it was.
  const SparseAnnotations annotations = krippendorff_2011_example();
  SparseAnnotations moved = annotations;
  SparseAnnotations dropped = annotations;
  dropped.items.clear();
  dropped.annotators.clear();
  dropped.labels.clear();
  for (std::size_t k = 0; k < annotations.num_labels(); ++k) {
    if (annotations.items[k] != 11) {
      dropped.add(annotations.items[k], annotations.annotators[k], annotations.labels[k]);
      continue;
    }
    moved.annotators[k] = 2;
    moved.labels[k] = 4;
  }
  ASSERT_EQ(dropped.num_labels(), annotations.num_labels() - 1);
  for (const AlphaMetric metric : {AlphaMetric::nominal, AlphaMetric::ordinal, AlphaMetric::interval}) {
    EXPECT_DOUBLE_EQ(krippendorff_alpha(moved, metric), krippendorff_alpha(annotations, metric));
    EXPECT_DOUBLE_EQ(krippendorff_alpha(dropped, metric), krippendorff_alpha(annotations, metric));
  }
}

TEST(AgreementTest, OneClassOnlyLeavesAlphaAndKappaUndefined) {
  // Every pairable value 0: D_e = 0 and P_e = 1, so α and κ are 0/0, reported as NaN; raw agreement is 1.
  const SparseAnnotations annotations = from_reliability_rows({{0, 0, 0}, {0, 0, kMissing}}, 3);
  EXPECT_TRUE(std::isnan(krippendorff_alpha(annotations)));
  EXPECT_TRUE(std::isnan(krippendorff_alpha(annotations, AlphaMetric::ordinal)));
  EXPECT_TRUE(std::isnan(fleiss_kappa(annotations)));
  EXPECT_DOUBLE_EQ(percent_agreement(annotations).pooled, 1.0);
  // No item with two labels: nothing is pairable.
  const SparseAnnotations single = from_reliability_rows({{0, 1, kMissing}, {kMissing, kMissing, 2}}, 3);
  EXPECT_TRUE(std::isnan(krippendorff_alpha(single)));
  EXPECT_TRUE(std::isnan(fleiss_kappa(single)));
  EXPECT_TRUE(std::isnan(percent_agreement(single).pooled));
}

// Fleiss (1971), as the worked example of Wikipedia's "Fleiss' kappa" page reproduces it: 14 raters put
// 10 subjects into 5 categories. Row i: how many raters chose category j.
const std::vector<std::vector<int>> kFleissTable = {{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0},
                                                    {2, 2, 8, 1, 1},  {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2},
                                                    {6, 5, 2, 1, 0},  {0, 2, 2, 3, 7}};

TEST(FleissKappaTest, WorkedExampleOfFleiss1971) {
  // Published: P̄ = 0.378, P_e = 0.213 (p_j = 0.143, 0.200, 0.279, 0.150, 0.229), κ = 0.210.
  const SparseAnnotations annotations = from_count_table(kFleissTable);
  EXPECT_NEAR(fleiss_kappa(annotations), 0.210, 5e-4);
  EXPECT_NEAR(percent_agreement(annotations).mean_per_item, 0.378, 5e-4);
}

// Fleiss' 1971 formula for a table whose rows all sum to n, written as the paper gives it.
double fleiss_1971(const std::vector<std::vector<int>>& table) {
  const double subjects = static_cast<double>(table.size());
  double raters = 0.0;
  for (const int count : table.front()) raters += count;
  std::vector<double> category_totals(table.front().size(), 0.0);
  double mean_agreement = 0.0;
  for (const auto& row : table) {
    double squares = 0.0;
    for (std::size_t j = 0; j < row.size(); ++j) {
      squares += static_cast<double>(row[j]) * row[j];
      category_totals[j] += row[j];
    }
    mean_agreement += (squares - raters) / (raters * (raters - 1)) / subjects;
  }
  double chance = 0.0;
  for (const double total : category_totals) chance += (total / (subjects * raters)) * (total / (subjects * raters));
  return (mean_agreement - chance) / (1 - chance);
}

TEST(FleissKappaTest, EqualCountsGiveFleiss1971) {
  EXPECT_NEAR(fleiss_kappa(from_count_table(kFleissTable)), fleiss_1971(kFleissTable), 1e-12);
  // Random tables of 30 subjects, 5 raters each, 4 categories.
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> category(0, 3);
  for (int table_index = 0; table_index < 20; ++table_index) {
    std::vector<std::vector<int>> table(30, std::vector<int>(4, 0));
    for (auto& row : table)
      for (int rater = 0; rater < 5; ++rater) ++row[category(rng)];
    EXPECT_NEAR(fleiss_kappa(from_count_table(table)), fleiss_1971(table), 1e-12) << table_index;
  }
}

TEST(FleissKappaTest, VaryingCountsByHand) {
  // Items with 3, 2, 4 and 1 labels over two classes: {0,0,0}, {0,1}, {1,1,1,0}, {1}.
  const SparseAnnotations annotations = from_count_table({{3, 0}, {1, 1}, {1, 3}, {0, 1}});
  // The lone label of item 4 is left out. P_1 = 3·2/(3·2) = 1, P_2 = 0/(2·1) = 0, P_3 = 3·2/(4·3) = ½
  // → P̄ = ½. Over items 1-3: 5 labels 0, 4 labels 1 → P_e = (5/9)² + (4/9)² = 41/81.
  // κ = (½ − 41/81)/(1 − 41/81) = (−½/81)/(40/81) = −1/80.
  EXPECT_NEAR(fleiss_kappa(annotations), -1.0 / 80.0, 1e-12);
  // Raw agreement: agreeing pairs 3 + 0 + 3 = 6 of 3 + 1 + 6 = 10 pairs; per item (1 + 0 + ½)/3 = ½.
  const PercentAgreement percent = percent_agreement(annotations);
  EXPECT_DOUBLE_EQ(percent.pooled, 0.6);
  EXPECT_DOUBLE_EQ(percent.mean_per_item, 0.5);
}

TEST(CohenKappaTest, TwoAnnotatorsOnFiftyItems) {
  // The example of Wikipedia's "Cohen's kappa" page: 50 items, both yes 20, A yes / B no 5, A no / B yes 10,
  // both no 15. p_o = 35/50 = 0.7; A says yes 25/50, B 30/50 → p_e = 0.5·0.6 + 0.5·0.4 = 0.5;
  // κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
  std::vector<int> first, second;
  const auto add = [&](int a, int b, int times) {
    for (int t = 0; t < times; ++t) {
      first.push_back(a);
      second.push_back(b);
    }
  };
  add(1, 1, 20);
  add(1, 0, 5);
  add(0, 1, 10);
  add(0, 0, 15);
  EXPECT_NEAR(cohen_kappa(first, second, 2), 0.4, 1e-12);
  // Both always "no": p_e = 1, κ undefined.
  EXPECT_TRUE(std::isnan(cohen_kappa({0, 0, 0}, {0, 0, 0}, 2)));
  EXPECT_THROW(cohen_kappa({0, 1}, {0}, 2), std::invalid_argument);
  EXPECT_THROW(cohen_kappa({0, 2}, {0, 1}, 2), std::invalid_argument);
}

TEST(CohenKappaTest, MeanOverPairsCountsWhatIsLeftOut) {
  // Items 0-3: A = 0 0 1 1, B = 0 1 1 1, C = 0 0 1 1. D labels item 0 only. E and F label items 4, 5, both 0.
  const int _ = kMissing;
  const SparseAnnotations annotations = from_reliability_rows({{0, 0, 1, 1, _, _},
                                                               {0, 1, 1, 1, _, _},
                                                               {0, 0, 1, 1, _, _},
                                                               {1, _, _, _, _, _},
                                                               {_, _, _, _, 0, 0},
                                                               {_, _, _, _, 0, 0}},
                                                              2);
  // κ(A,B) = ½ (worked above), κ(A,C) = 1, κ(B,C) = κ(A,B) = ½ → mean 2/3 over 3 pairs. D shares one
  // item with each of A, B, C: 3 pairs with too few common items. κ(E,F) has p_e = 1: undefined.
  const PairwiseCohenKappa cohen = mean_pairwise_cohen_kappa(annotations);
  EXPECT_NEAR(cohen.mean, 2.0 / 3.0, 1e-12);
  EXPECT_EQ(cohen.pairs_used, 3u);
  EXPECT_EQ(cohen.pairs_too_few_common, 3u);
  EXPECT_EQ(cohen.pairs_undefined, 1u);
  // Asking for one common item lets D's pairs in: D says 1 where A, B, C say 0 on item 0, so
  // p_o = 0 and p_e = 0: κ = 0 for each, and the mean becomes (½ + 1 + ½ + 0 + 0 + 0)/6 = 1/3.
  const PairwiseCohenKappa loose = mean_pairwise_cohen_kappa(annotations, 1);
  EXPECT_NEAR(loose.mean, 1.0 / 3.0, 1e-12);
  EXPECT_EQ(loose.pairs_used, 6u);
}

TEST(AgreementTest, RepeatedLabelsKeepTheLastOne) {
  // Annotator 0 labels item 0 first as 1, then as 0; only the 0 counts.
  SparseAnnotations annotations = from_reliability_rows({{0, 0, 1, 1}, {0, 1, 1, 1}}, 2);
  SparseAnnotations repeated;
  repeated.num_items = annotations.num_items;
  repeated.num_annotators = annotations.num_annotators;
  repeated.num_classes = annotations.num_classes;
  repeated.add(0, 0, 1);
  for (std::size_t k = 0; k < annotations.num_labels(); ++k)
    repeated.add(annotations.items[k], annotations.annotators[k], annotations.labels[k]);
  const SparseAnnotations kept = last_label_per_annotator(repeated);
  EXPECT_EQ(kept.labels, annotations.labels);
  EXPECT_EQ(kept.items, annotations.items);
  EXPECT_DOUBLE_EQ(krippendorff_alpha(repeated), 8.0 / 15.0);
  EXPECT_DOUBLE_EQ(fleiss_kappa(repeated), fleiss_kappa(annotations));
  EXPECT_DOUBLE_EQ(mean_pairwise_cohen_kappa(repeated).mean, 0.5);
  const AgreementSummary summary = agreement_summary(repeated, without_bootstrap());
  EXPECT_EQ(summary.repeated_labels_dropped, 1u);
  EXPECT_EQ(summary.labels, 8u);
}

// Items with a uniformly drawn true class among 3, each labelled by 4 annotators who are right with
// probability 0.7 and otherwise name one of the other classes at random.
SparseAnnotations simulated_labels(std::size_t items, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> klass(0, 2), other(1, 2);
  std::bernoulli_distribution right(0.7);
  SparseAnnotations annotations;
  annotations.num_items = items;
  annotations.num_annotators = 4;
  annotations.num_classes = 3;
  for (std::size_t i = 0; i < items; ++i) {
    const int truth = klass(rng);
    for (std::size_t m = 0; m < 4; ++m) annotations.add(i, m, right(rng) ? truth : (truth + other(rng)) % 3);
  }
  return annotations;
}

TEST(AlphaBootstrapTest, ContainsTheEstimateAndRepeatsPerSeed) {
  const SparseAnnotations annotations = simulated_labels(60, 3);
  const BootstrapInterval interval = krippendorff_alpha_interval(annotations, AlphaMetric::nominal, {500, 0.95, 11});
  EXPECT_DOUBLE_EQ(interval.estimate, krippendorff_alpha(annotations));
  EXPECT_LT(interval.lower, interval.estimate);
  EXPECT_GT(interval.upper, interval.estimate);
  EXPECT_EQ(interval.resamples, 500u);
  EXPECT_EQ(interval.undefined_resamples, 0u);
  const BootstrapInterval again = krippendorff_alpha_interval(annotations, AlphaMetric::nominal, {500, 0.95, 11});
  EXPECT_EQ(again.lower, interval.lower);
  EXPECT_EQ(again.upper, interval.upper);
  const BootstrapInterval other_seed = krippendorff_alpha_interval(annotations, AlphaMetric::nominal, {500, 0.95, 12});
  EXPECT_NE(other_seed.lower, interval.lower);
  // A lower level gives a narrower interval inside the wider one (same draws: same seed).
  const BootstrapInterval narrower = krippendorff_alpha_interval(annotations, AlphaMetric::nominal, {500, 0.5, 11});
  EXPECT_GE(narrower.lower, interval.lower);
  EXPECT_LE(narrower.upper, interval.upper);
  // The ordinal metric's distances are recomputed in every resample from its own marginals.
  const BootstrapInterval ordinal = krippendorff_alpha_interval(annotations, AlphaMetric::ordinal, {200, 0.95, 11});
  EXPECT_LT(ordinal.lower, ordinal.estimate);
  EXPECT_GT(ordinal.upper, ordinal.estimate);
}

TEST(AlphaBootstrapTest, NarrowsWithMoreItems) {
  // The interval's width shrinks like 1/sqrt(items): 16 times the items should give about a quarter of
  // the width. Half is asked for, room for the sampling noise of both widths.
  const BootstrapOptions options{1000, 0.95, 5};
  const BootstrapInterval few = krippendorff_alpha_interval(simulated_labels(50, 1), AlphaMetric::nominal, options);
  const BootstrapInterval many = krippendorff_alpha_interval(simulated_labels(800, 1), AlphaMetric::nominal, options);
  EXPECT_LT(many.upper - many.lower, 0.5 * (few.upper - few.lower));
  // Both cover the population value: for 3 classes with accuracy 0.7 and the errors uniform, two labels
  // agree with probability 0.7² + 2·0.15² = 0.535 against 1/3 by chance, and α → (0.535 − ⅓)/(1 − ⅓) = 0.3025.
  EXPECT_LT(many.lower, 0.3025);
  EXPECT_GT(many.upper, 0.3025);
}

TEST(AlphaBootstrapTest, RefusesImpossibleRequests) {
  const SparseAnnotations annotations = krippendorff_2011_example();
  EXPECT_THROW(krippendorff_alpha_interval(annotations, AlphaMetric::nominal, {100, 1.0, 0}), std::invalid_argument);
  EXPECT_THROW(krippendorff_alpha_interval(annotations, AlphaMetric::nominal, {0, 0.95, 0}), std::invalid_argument);
  EXPECT_THROW(krippendorff_alpha(annotations, AlphaMetric::interval, {1, 2, 3}), std::invalid_argument);
}

TEST(AgreementSummaryTest, HoldsEachStatistic) {
  const SparseAnnotations annotations = krippendorff_2011_example();
  AgreementOptions options;
  options.ordinal = true;
  options.interval = true;
  options.bootstrap_resamples = 300;
  options.seed = 4;
  const AgreementSummary summary = agreement_summary(annotations, options);
  EXPECT_EQ(summary.items, 12u);
  EXPECT_EQ(summary.labels, 41u);
  EXPECT_EQ(summary.pairable_items, 11u);
  EXPECT_EQ(summary.pairable_labels, 40u);
  EXPECT_DOUBLE_EQ(summary.alpha_nominal, krippendorff_alpha(annotations));
  const BootstrapInterval interval = krippendorff_alpha_interval(annotations, AlphaMetric::nominal, {300, 0.95, 4});
  EXPECT_EQ(summary.alpha_nominal_lower, interval.lower);
  EXPECT_EQ(summary.alpha_nominal_upper, interval.upper);
  EXPECT_DOUBLE_EQ(summary.confidence_level, 0.95);
  EXPECT_DOUBLE_EQ(summary.alpha_ordinal, krippendorff_alpha(annotations, AlphaMetric::ordinal));
  EXPECT_DOUBLE_EQ(summary.alpha_interval, krippendorff_alpha(annotations, AlphaMetric::interval));
  EXPECT_DOUBLE_EQ(summary.fleiss_kappa, fleiss_kappa(annotations));
  const PairwiseCohenKappa cohen = mean_pairwise_cohen_kappa(annotations);
  EXPECT_DOUBLE_EQ(summary.mean_cohen_kappa, cohen.mean);
  EXPECT_EQ(summary.cohen_pairs_used, cohen.pairs_used);
  EXPECT_DOUBLE_EQ(summary.percent_agreement, percent_agreement(annotations).pooled);
  EXPECT_DOUBLE_EQ(summary.mean_item_agreement, percent_agreement(annotations).mean_per_item);

  // What was not asked for is NaN.
  const AgreementSummary plain = agreement_summary(annotations, without_bootstrap());
  EXPECT_TRUE(std::isnan(plain.alpha_ordinal));
  EXPECT_TRUE(std::isnan(plain.alpha_interval));
  EXPECT_TRUE(std::isnan(plain.alpha_nominal_lower));
  EXPECT_DOUBLE_EQ(plain.alpha_nominal, summary.alpha_nominal);
}

}  // namespace
}  // namespace annotbench
