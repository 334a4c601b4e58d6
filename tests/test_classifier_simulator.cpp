// The annot-mix simulated annotators (annot-mix.md, "Simulated annotators") on small blobs: each
// annotator's recipe follows the paper's draws, and the run is reproducible from its seed.

#include <gtest/gtest.h>

#include <cmath>

#include "datasets/input_error.h"
#include "simulators/noise_summary.h"
#include "simulators/simulator.h"
#include "tests/blob_datasets.h"

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
    const double lr = profile["learning_rate"];
    EXPECT_GE(lr, 1e-4);
    EXPECT_LE(lr, 1e-1);
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

}  // namespace
}  // namespace annotbench
