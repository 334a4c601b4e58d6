// The annot-mix simulated annotators (annot-mix.md, "Simulated annotators") on small blobs: each
// annotator's recipe follows the paper's draws, and the run is reproducible from its seed.

#include <gtest/gtest.h>

#include <cmath>

#include "datasets/input_error.h"
#include "datasets/split.h"
#include "simulators/classifier_inputs.h"
#include "simulators/noise_summary.h"
#include "simulators/simulator.h"
#include "tests/support/blob_datasets.h"

namespace annotbench {
namespace {

SimulationConfig classifier_config(std::uint64_t seed) {
  SimulationConfig config;
  config.kind = "classifier";
  config.num_annotators = 6;
  config.options = {{"max_epochs", 4}};
  config.seed = seed;
  return config;
}

TEST(SimulatorsClassifier, RecipesFollowThePaperDraws) {
  const std::vector<std::size_t> sizes = {500, 300, 400};
  const Dataset dataset = testing::blob_dataset(sizes);
  const SimulatedAnnotations simulated = simulate_annotations(dataset, classifier_config(3));
  for (const nlohmann::json& profile : simulated.annotator_profiles) {
    const double a = profile["beta_a"], b = profile["beta_b"];
    EXPECT_GE(a, 0.0);
    EXPECT_LT(a, 1.0);  // a ~ U(0, 1)
    EXPECT_GE(b, 0.5);
    EXPECT_LT(b, 2.0);  // b ~ U(0.5, 2)
    const int epochs = profile["epochs"];
    EXPECT_GE(epochs, 1);
    EXPECT_LE(epochs, 4);  // uniform on 1..max_epochs
    // The paper profile draws a rate (the reference's dead code) but trains at RAdam's default.
    const double drawn = profile["drawn_learning_rate"];
    EXPECT_GE(drawn, 1e-4);
    EXPECT_LE(drawn, 1e-1);
    EXPECT_EQ(profile["learning_rate"].get<double>(), 1e-3);
    EXPECT_EQ(profile["profile"].get<std::string>(), "paper");
    // Subset: floor(r_c * |c|) draws from each class; sum_c r_c * N >= 10 (min_samples).
    const auto ratios = profile["train_ratios"].get<std::vector<double>>();
    std::size_t expected_size = 0;
    double ratio_sum = 0.0;
    for (std::size_t c = 0; c < sizes.size(); ++c) {
      expected_size += static_cast<std::size_t>(std::floor(ratios[c] * sizes[c]));
      ratio_sum += ratios[c];
    }
    EXPECT_EQ(profile["training_subset_size"].get<std::size_t>(), expected_size);
    EXPECT_GE(ratio_sum * 1200.0, 10.0);
  }
  // Every annotator labels every instance with a class index (its argmax prediction).
  for (const int label : simulated.annotations.values) {
    ASSERT_GE(label, 0);
    ASSERT_LT(label, 3);
  }
}

// Issue 24: each annotator is described by its per-class training ratios plus N(0, 0.1^2) noise.
TEST(SimulatorsClassifier, DescribesEachAnnotatorByItsTrainRatiosWithNoise) {
  const std::vector<std::size_t> sizes = {500, 300, 400};
  const Dataset dataset = testing::blob_dataset(sizes);
  SimulationConfig config = classifier_config(3);
  config.num_annotators = 40;
  const SimulatedAnnotations simulated = simulate_annotations(dataset, config);
  ASSERT_EQ(simulated.annotator_features.rows, 40u);
  ASSERT_EQ(simulated.annotator_features.cols, 3u);
  double sum = 0.0, squares = 0.0;
  for (std::size_t m = 0; m < 40; ++m) {
    const auto ratios = simulated.annotator_profiles[m]["train_ratios"].get<std::vector<double>>();
    for (std::size_t c = 0; c < 3; ++c) {
      const double noise = simulated.annotator_features.at(m, c) - ratios[c];
      sum += noise;
      squares += noise * noise;
    }
  }
  // 120 draws: the mean's standard error is 0.1 / sqrt(120) ~ 0.009, the sd's ~ 0.0065.
  EXPECT_NEAR(sum / 120.0, 0.0, 0.04);
  EXPECT_NEAR(std::sqrt(squares / 120.0), 0.1, 0.03);
}

TEST(SimulatorsClassifier, SameSeedSameLabelsOtherSeedOtherLabels) {
  const Dataset dataset = testing::balanced_blobs(3, 300);
  const SimulatedAnnotations first = simulate_annotations(dataset, classifier_config(5));
  const SimulatedAnnotations again = simulate_annotations(dataset, classifier_config(5));
  const SimulatedAnnotations other = simulate_annotations(dataset, classifier_config(6));
  EXPECT_EQ(first.annotations.values, again.annotations.values);
  EXPECT_NE(first.annotations.values, other.annotations.values);
}

TEST(SimulatorsClassifier, TakesNoRate) {
  SimulationConfig config = classifier_config(1);
  config.rates = {0.2};
  EXPECT_THROW(simulate_annotations(testing::balanced_blobs(3, 20), config), ConfigError);
}

// The reference trains every annotator at lr 1e-3 whatever it drew (annot-mix-audit.md §1, deviation
// 1). Without a split both profiles scale the rows alike and share every draw, so the paper profile
// must label exactly as the clean profile told to draw its rate from [1e-3, 1e-3], and differently
// from the clean profile's drawn rates.
TEST(SimulatorsClassifier, PaperProfileTrainsEveryAnnotatorAtRAdamsDefaultRate) {
  const Dataset dataset = testing::balanced_blobs(3, 200);
  SimulationConfig paper = with_default_profile(classifier_config(3));
  ASSERT_EQ(paper.profile, "paper");
  SimulationConfig clean_fixed = classifier_config(3);
  clean_fixed.profile = "clean";
  clean_fixed.options["lr_min"] = 1e-3;
  clean_fixed.options["lr_max"] = 1e-3;
  SimulationConfig clean_drawn = classifier_config(3);
  clean_drawn.profile = "clean";
  const SimulatedAnnotations by_paper = simulate_annotations(dataset, paper);
  EXPECT_EQ(by_paper.annotations.values, simulate_annotations(dataset, clean_fixed).annotations.values);
  EXPECT_NE(by_paper.annotations.values, simulate_annotations(dataset, clean_drawn).annotations.values);
}

// The reference standardises the train rows with the train scaler and feeds the valid and test rows
// raw (audit §1, deviation 2): here 3 train rows of one feature (1, 2, 3: mean 2, population sd
// sqrt(2/3)) and a valid and a test row that must come through unchanged.
TEST(SimulatorsClassifier, PaperProfileStandardisesOnlyTheTrainRows) {
  Dataset dataset;
  dataset.features = FeatureMatrix(5, 1);
  const float values[] = {1.0f, 7.0f, 2.0f, 3.0f, 15.0f};
  for (std::size_t i = 0; i < 5; ++i) dataset.features.at(i, 0) = values[i];
  dataset.predefined_part = {SplitPart::train, SplitPart::valid, SplitPart::train, SplitPart::train, SplitPart::test};
  const FeatureMatrix paper = classifier_simulation_inputs(dataset, "paper");
  const double sd = std::sqrt(2.0 / 3.0);
  EXPECT_NEAR(paper.at(0, 0), (1.0 - 2.0) / sd, 1e-6);
  EXPECT_NEAR(paper.at(2, 0), 0.0, 1e-6);
  EXPECT_NEAR(paper.at(3, 0), (3.0 - 2.0) / sd, 1e-6);
  EXPECT_EQ(paper.at(1, 0), 7.0f);
  EXPECT_EQ(paper.at(4, 0), 15.0f);
  // The clean profile: all five rows with the whole set's mean 5.6 and population sd.
  const FeatureMatrix clean = classifier_simulation_inputs(dataset, "clean");
  double squares = 0.0;
  for (const float value : values) squares += (value - 5.6) * (value - 5.6);
  EXPECT_NEAR(clean.at(1, 0), (7.0 - 5.6) / std::sqrt(squares / 5.0), 1e-6);
}

// The reference thins train and valid only; its test split keeps all 20 labels (audit deviation 5).
TEST(SimulatorsClassifier, AnnotationProcessLeavesTheTestRowsEveryLabel) {
  Dataset dataset = testing::balanced_blobs(3, 40);
  const std::size_t n = dataset.num_instances();
  dataset.predefined_part.assign(n, SplitPart::train);
  for (std::size_t i = 0; i < n; i += 4) dataset.predefined_part[i] = SplitPart::test;
  for (std::size_t i = 1; i < n; i += 4) dataset.predefined_part[i] = SplitPart::valid;
  SimulationConfig config = classifier_config(2);
  config.labels_per_instance = {2};
  const SimulatedAnnotations simulated = simulate_annotations(dataset, with_default_profile(config));
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t given = 0;
    for (std::size_t m = 0; m < simulated.annotations.cols; ++m) given += simulated.annotations.at(i, m) != kMissingLabel;
    EXPECT_EQ(given, dataset.predefined_part[i] == SplitPart::test ? config.num_annotators : 2u) << "row " << i;
  }
}

TEST(SimulatorsClassifier, ProfilesAreCheckedAndKeepTheirOwnOptions) {
  SimulationConfig unknown = classifier_config(1);
  unknown.profile = "faithful";
  EXPECT_THROW(check_simulation_config(unknown), ConfigError);
  SimulationConfig paper_with_range = with_default_profile(classifier_config(1));
  paper_with_range.options["lr_max"] = 0.1;
  EXPECT_THROW(simulate_annotations(testing::balanced_blobs(3, 20), paper_with_range), ConfigError);
  SimulationConfig uniform;
  uniform.kind = "uniform";
  uniform.rates = {0.2};
  uniform.profile = "paper";
  EXPECT_THROW(check_simulation_config(uniform), ConfigError);
  uniform.profile.clear();
  EXPECT_EQ(with_default_profile(uniform).profile, "");  // no profiles: nothing filled in
}

}  // namespace
}  // namespace annotbench
