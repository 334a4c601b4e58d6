// Acceptance on the paper's data set, letter (20000 instances, 26 classes): the achieved noise equals
// the configured noise. Skipped where no data directory holds letter (tests/support/temp_files.h).

#include <gtest/gtest.h>

#include <cmath>

#include "datasets/registry.h"
#include "simulators/noise_summary.h"
#include "simulators/simulator.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

const Dataset& letter() {
  static const Dataset dataset = load_dataset("letter", testing::shared_data_dir());
  return dataset;
}

SimulationConfig letter_config(const std::string& kind, double rate, std::uint64_t seed = 2024) {
  SimulationConfig config;
  config.kind = kind;
  config.num_annotators = 10;
  config.rates = {rate};
  config.seed = seed;
  return config;
}

TEST(SimulatorsLetter, AchievedOverallRateIsTheConfiguredRate) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  for (const std::string kind : {"uniform", "class-dependent", "instance-dependent"}) {
    for (const double rate : {0.2, 0.5, 0.75}) {
      const SimulatedAnnotations simulated = simulate_annotations(letter(), letter_config(kind, rate));
      const NoiseSummary summary = summarise_noise(simulated.annotations, letter().true_labels);
      ASSERT_EQ(summary.labels, 200000u);  // every label kept
      EXPECT_NEAR(summary.overall_noise_rate, rate, 0.01) << kind << " r=" << rate;
      RecordProperty(kind + "_" + std::to_string(rate), std::to_string(summary.overall_noise_rate));
    }
  }
}

TEST(SimulatorsLetter, ClassDependentConfusionWithinTwoPointsPerEntry) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  // One annotator labels all 20000 instances, so each row of its matrix is estimated from the ~770
  // instances of a class; pooled over 5 annotators, >= 50k labels are checked in all.
  for (const double pair_flip : {0.0, 1.0}) {
    SimulationConfig config = letter_config("class-dependent", 0.4);
    config.num_annotators = 5;
    config.options = {{"pair_flip", pair_flip}, {"diagonal_spread", pair_flip == 0.0 ? 0.2 : 0.0}};
    const SimulatedAnnotations simulated = simulate_annotations(letter(), config);
    double worst = 0.0;
    for (std::size_t m = 0; m < 5; ++m) {
      const auto counts = confusion_counts(simulated.annotations, letter().true_labels, 26, static_cast<long>(m));
      const auto configured =
          simulated.annotator_profiles[m]["confusion_matrix"].get<std::vector<std::vector<double>>>();
      for (std::size_t c = 0; c < 26; ++c) {
        double row_total = 0.0;
        for (const std::size_t value : counts[c]) row_total += static_cast<double>(value);
        for (std::size_t k = 0; k < 26; ++k)
          worst = std::max(worst, std::abs(counts[c][k] / row_total - configured[c][k]));
      }
    }
    EXPECT_LE(worst, 0.02) << "pair_flip " << pair_flip;
    RecordProperty("worst_confusion_error_pair_flip_" + std::to_string(static_cast<int>(pair_flip)),
                   std::to_string(worst));
  }
}

}  // namespace
}  // namespace annotbench
