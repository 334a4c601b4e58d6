// The noise simulators on synthetic blobs: each is checked against the noise model it claims.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "datasets/input_error.h"
#include "simulators/noise_summary.h"
#include "simulators/simulator.h"
#include "tests/support/blob_datasets.h"

namespace annotbench {
namespace {

using testing::balanced_blobs;
using testing::blob_dataset;

SimulationConfig config_for(const std::string& kind, std::size_t annotators, std::vector<double> rates,
                            std::uint64_t seed = 1) {
  SimulationConfig config;
  config.kind = kind;
  config.num_annotators = annotators;
  config.rates = std::move(rates);
  config.seed = seed;
  return config;
}

// ---- uniform -------------------------------------------------------------------------------------

TEST(SimulatorsUniform, AchievesTheConfiguredRatePerAnnotatorAndOverall) {
  const Dataset dataset = balanced_blobs(8, 500);  // N = 4000
  for (const double rate : {0.2, 0.5, 0.75}) {
    const SimulatedAnnotations simulated = simulate_annotations(dataset, config_for("uniform", 10, {rate}));
    const NoiseSummary summary = summarise_noise(simulated.annotations, dataset.true_labels);
    EXPECT_EQ(summary.labels, 40000u);
    EXPECT_NEAR(summary.overall_noise_rate, rate, 0.01);
    // Systematic sampling flips floor or ceil of r * N instances of each annotator.
    for (const double achieved : summary.noise_rate_per_annotator) EXPECT_NEAR(achieved, rate, 1.0 / 4000 + 1e-12);
  }
}

TEST(SimulatorsUniform, AFlipNeverGivesTheTrueClass) {
  // With C = 2 a flip can only go to the other class: if a flip could return the truth, the achieved
  // rate would fall below r (to r/2 for a coin over both classes).
  const Dataset dataset = balanced_blobs(2, 3000);
  const SimulatedAnnotations simulated = simulate_annotations(dataset, config_for("uniform", 4, {0.3}));
  const NoiseSummary summary = summarise_noise(simulated.annotations, dataset.true_labels);
  for (const double achieved : summary.noise_rate_per_annotator) EXPECT_NEAR(achieved, 0.3, 1.0 / 6000 + 1e-12);
}

TEST(SimulatorsUniform, WrongLabelsSpreadEvenlyOverTheWrongClasses) {
  const Dataset dataset = balanced_blobs(5, 4000);
  const SimulatedAnnotations simulated = simulate_annotations(dataset, config_for("uniform", 5, {0.5}));
  const auto counts = confusion_counts(simulated.annotations, dataset.true_labels, 5);
  // Row c has 4000 * 5 labels, half of them wrong, each wrong class 1/4 of those: 2500 expected;
  // binomial standard deviation about 43.
  for (std::size_t c = 0; c < 5; ++c)
    for (std::size_t k = 0; k < 5; ++k)
      if (k != c) {
        EXPECT_NEAR(static_cast<double>(counts[c][k]), 2500.0, 200.0) << c << "->" << k;
      }
}

TEST(SimulatorsUniform, RatesPerAnnotatorOrFromARange) {
  const Dataset dataset = balanced_blobs(4, 1000);
  const std::vector<double> rates = {0.0, 0.1, 0.4, 0.9};
  const SimulatedAnnotations listed = simulate_annotations(dataset, config_for("uniform", 4, rates));
  const NoiseSummary listed_summary = summarise_noise(listed.annotations, dataset.true_labels);
  for (std::size_t m = 0; m < 4; ++m) {
    EXPECT_NEAR(listed_summary.noise_rate_per_annotator[m], rates[m], 1.0 / 4000 + 1e-12);
    EXPECT_DOUBLE_EQ(listed.annotator_profiles[m]["rate"].get<double>(), rates[m]);
  }

  SimulationConfig ranged = config_for("uniform", 30, {});
  ranged.options = {{"rate_low", 0.1}, {"rate_high", 0.3}};
  const SimulatedAnnotations drawn = simulate_annotations(dataset, ranged);
  const NoiseSummary drawn_summary = summarise_noise(drawn.annotations, dataset.true_labels);
  std::set<double> distinct;
  for (std::size_t m = 0; m < 30; ++m) {
    const double configured = drawn.annotator_profiles[m]["rate"].get<double>();
    distinct.insert(configured);
    EXPECT_GE(configured, 0.1);
    EXPECT_LE(configured, 0.3);
    EXPECT_NEAR(drawn_summary.noise_rate_per_annotator[m], configured, 1.0 / 4000 + 1e-12);
  }
  EXPECT_EQ(distinct.size(), 30u);
}

// ---- class-dependent ------------------------------------------------------------------------------

// max over entries of |empirical - configured| for annotator m, the empirical row being the
// confusion counts of class c divided by the class size.
double worst_confusion_error(const Dataset& dataset, const SimulatedAnnotations& simulated, std::size_t m) {
  const int classes = dataset.num_classes();
  const auto counts = confusion_counts(simulated.annotations, dataset.true_labels, classes, static_cast<long>(m));
  const auto configured = simulated.annotator_profiles[m]["confusion_matrix"].get<std::vector<std::vector<double>>>();
  double worst = 0.0;
  for (std::size_t c = 0; c < counts.size(); ++c) {
    double row_total = 0.0;
    for (const std::size_t value : counts[c]) row_total += static_cast<double>(value);
    for (std::size_t k = 0; k < counts.size(); ++k)
      worst = std::max(worst, std::abs(counts[c][k] / row_total - configured[c][k]));
  }
  return worst;
}

TEST(SimulatorsClassDependent, EmpiricalConfusionMatchesTheConfiguredMatrix) {
  const Dataset dataset = blob_dataset({900, 1200, 600, 1300, 1000, 1000});  // 6000 instances
  for (const double pair_flip : {0.0, 1.0}) {
    SimulationConfig config = config_for("class-dependent", 10, {0.35});  // 60000 labels
    config.options = {{"pair_flip", pair_flip}, {"diagonal_spread", pair_flip == 0.0 ? 0.15 : 0.0}};
    const SimulatedAnnotations simulated = simulate_annotations(dataset, config);
    // Pooled over annotators the tolerance of the acceptance test: +-0.02 per entry.
    for (std::size_t m = 0; m < 10; ++m) EXPECT_LE(worst_confusion_error(dataset, simulated, m), 0.02);
    for (const nlohmann::json& profile : simulated.annotator_profiles) {
      const auto matrix = profile["confusion_matrix"].get<std::vector<std::vector<double>>>();
      for (std::size_t c = 0; c < matrix.size(); ++c) {
        double row = 0.0;
        for (const double value : matrix[c]) row += value;
        EXPECT_NEAR(row, 1.0, 1e-9);
        if (pair_flip == 1.0) {
          EXPECT_NEAR(matrix[c][c], 0.65, 1e-12);
          EXPECT_NEAR(matrix[c][(c + 1) % matrix.size()], 0.35, 1e-12);
        }
      }
    }
    const NoiseSummary summary = summarise_noise(simulated.annotations, dataset.true_labels);
    EXPECT_NEAR(summary.overall_noise_rate, 0.35, 0.01) << "pair_flip " << pair_flip;
  }
}

TEST(SimulatorsClassDependent, ClassWeightedDiagonalIsOneMinusTheRate) {
  // Unbalanced classes and a spread diagonal: the diagonal's mean weighted by class frequency is kept at
  // 1 - r, so the achieved overall noise rate is r.
  const std::vector<std::size_t> sizes = {300, 2700, 1000, 500};
  const Dataset dataset = blob_dataset(sizes);
  SimulationConfig config = config_for("class-dependent", 12, {0.5});
  config.options = {{"diagonal_spread", 0.3}};
  const SimulatedAnnotations simulated = simulate_annotations(dataset, config);
  for (const nlohmann::json& profile : simulated.annotator_profiles) {
    const auto matrix = profile["confusion_matrix"].get<std::vector<std::vector<double>>>();
    double weighted = 0.0;
    for (std::size_t c = 0; c < sizes.size(); ++c) weighted += matrix[c][c] * sizes[c] / 4500.0;
    EXPECT_NEAR(weighted, 0.5, 1e-9);
  }
  const NoiseSummary summary = summarise_noise(simulated.annotations, dataset.true_labels);
  EXPECT_NEAR(summary.overall_noise_rate, 0.5, 0.01);
}

// ---- instance-dependent ---------------------------------------------------------------------------

TEST(SimulatorsInstanceDependent, MeanFlipProbabilityIsTheRate) {
  const Dataset dataset = balanced_blobs(6, 700);
  for (const double rate : {0.2, 0.5, 0.75}) {
    for (const double difficulty : {0.0, 1.0}) {
      SimulationConfig config = config_for("instance-dependent", 10, {rate});
      config.options = {{"difficulty", difficulty}, {"sharpness", 2.0}};
      const SimulatedAnnotations simulated = simulate_annotations(dataset, config);
      const NoiseSummary summary = summarise_noise(simulated.annotations, dataset.true_labels);
      EXPECT_NEAR(summary.overall_noise_rate, rate, 0.01) << rate << " difficulty " << difficulty;
      for (const double achieved : summary.noise_rate_per_annotator) EXPECT_NEAR(achieved, rate, 0.002);
    }
  }
}

TEST(SimulatorsInstanceDependent, FarInstancesAreMislabelledMoreOften) {
  const Dataset dataset = balanced_blobs(4, 2000);
  const SimulatedAnnotations simulated = simulate_annotations(dataset, config_for("instance-dependent", 10, {0.3}));
  // Distance of each instance to its class mean after standardising every column (mean 0, sd 1).
  const std::size_t n = dataset.num_instances();
  std::vector<double> mean(4, 0.0), sd(4, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < 4; ++j) mean[j] += dataset.features.at(i, j) / static_cast<double>(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < 4; ++j) sd[j] += std::pow(dataset.features.at(i, j) - mean[j], 2) / static_cast<double>(n);
  for (double& value : sd) value = std::sqrt(value);
  std::vector<std::vector<double>> class_mean(4, std::vector<double>(4, 0.0));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < 4; ++j)
      class_mean[static_cast<std::size_t>(dataset.true_labels[i])][j] += (dataset.features.at(i, j) - mean[j]) / sd[j] / 2000.0;
  std::vector<std::pair<double, double>> distance_and_error;
  for (std::size_t i = 0; i < n; ++i) {
    const int c = dataset.true_labels[i];
    double squared = 0.0;
    for (std::size_t j = 0; j < 4; ++j)
      squared += std::pow((dataset.features.at(i, j) - mean[j]) / sd[j] - class_mean[static_cast<std::size_t>(c)][j], 2);
    double wrong = 0.0;
    for (std::size_t m = 0; m < 10; ++m) wrong += simulated.annotations.at(i, m) != c;
    distance_and_error.push_back({std::sqrt(squared), wrong / 10.0});
  }
  std::sort(distance_and_error.begin(), distance_and_error.end());
  const std::size_t quarter = distance_and_error.size() / 4;
  double near = 0.0, far = 0.0;
  for (std::size_t k = 0; k < quarter; ++k) {
    near += distance_and_error[k].second;
    far += distance_and_error[distance_and_error.size() - 1 - k].second;
  }
  // Flip probability proportional to distance: the farthest quarter (mean chi_4 distance about
  // 2.7) errs about 2.5 times as often as the nearest (about 1.1).
  EXPECT_GT(far / quarter, 1.5 * near / quarter);
}

// ---- madl-sets ------------------------------------------------------------------------------------

double accuracy_of(const Dataset& dataset, const AnnotationMatrix& annotations, std::size_t m) {
  double right = 0.0;
  for (std::size_t i = 0; i < annotations.rows; ++i) right += annotations.at(i, m) == dataset.true_labels[i];
  return right / static_cast<double>(annotations.rows);
}

TEST(SimulatorsMadlSets, EachTypeBehavesAsDefined) {
  const Dataset dataset = balanced_blobs(5, 1000);
  SimulationConfig config = config_for("madl-sets", 10, {});
  const SimulatedAnnotations simulated = simulate_annotations(dataset, config);
  // Default fractions: spammers 0.2, adversaries 0.1, cluster specialists 0.2, copiers 0.2, experts rest.
  std::map<std::string, int> type_counts;
  for (const nlohmann::json& profile : simulated.annotator_profiles) ++type_counts[profile["type"].get<std::string>()];
  EXPECT_EQ(type_counts["expert"], 3);
  EXPECT_EQ(type_counts["spammer"], 2);
  EXPECT_EQ(type_counts["adversary"], 1);
  EXPECT_EQ(type_counts["cluster-specialist"], 2);
  EXPECT_EQ(type_counts["copier"], 2);

  for (std::size_t m = 0; m < 10; ++m) {
    const nlohmann::json& profile = simulated.annotator_profiles[m];
    const std::string type = profile["type"];
    const double accuracy = accuracy_of(dataset, simulated.annotations, m);
    if (type == "expert") {
      EXPECT_NEAR(accuracy, profile["accuracy"].get<double>(), 1.0 / 5000 + 1e-12);
      EXPECT_GE(accuracy, 0.75 - 1e-3);
    } else if (type == "spammer") {
      EXPECT_NEAR(accuracy, 0.2, 0.02);  // 1/C; binomial se 0.006
    } else if (type == "adversary") {
      EXPECT_EQ(accuracy, 0.0);
      // Systematic: every instance of a class gets the same (wrong) label.
      std::map<int, std::set<int>> labels_of_class;
      for (std::size_t i = 0; i < dataset.num_instances(); ++i)
        labels_of_class[dataset.true_labels[i]].insert(simulated.annotations.at(i, m));
      for (const auto& [c, labels] : labels_of_class) EXPECT_EQ(labels.size(), 1u) << "class " << c;
    } else if (type == "cluster-specialist") {
      // Expected accuracy: 0.95 on the expert half of the clusters, 0.05 elsewhere (profile's mean).
      EXPECT_NEAR(accuracy, profile["accuracy"].get<double>(), 0.001);
      EXPECT_EQ(profile["expert_clusters"].size(), 5u);  // ceil(10 / 2)
    } else if (type == "copier") {
      const std::string source_id = profile["copies"];
      const auto source = static_cast<std::size_t>(
          std::find(simulated.annotator_ids.begin(), simulated.annotator_ids.end(), source_id) -
          simulated.annotator_ids.begin());
      ASSERT_LT(source, 8u);  // copies a non-copier
      double agree = 0.0;
      for (std::size_t i = 0; i < dataset.num_instances(); ++i)
        agree += simulated.annotations.at(i, m) == simulated.annotations.at(i, source);
      // Copies 90 %; of the 10 % random labels 1/C still agree: 0.9 + 0.1 / 5 = 0.92 (se 0.005).
      EXPECT_NEAR(agree / 5000.0, 0.92, 0.02);
    }
  }
}

// Issue 24: each annotator is described by its one-hot type (expert, spammer, adversary, cluster
// specialist, copier) plus N(0, 0.25^2) noise on every entry.
TEST(SimulatorsMadlSets, DescribesEachAnnotatorByItsTypeWithNoise) {
  const Dataset dataset = balanced_blobs(5, 200);
  const SimulatedAnnotations simulated = simulate_annotations(dataset, config_for("madl-sets", 40, {}));
  ASSERT_EQ(simulated.annotator_features.rows, 40u);
  ASSERT_EQ(simulated.annotator_features.cols, 5u);
  const std::vector<std::string> types = {"expert", "spammer", "adversary", "cluster-specialist", "copier"};
  double sum = 0.0, squares = 0.0;
  for (std::size_t m = 0; m < 40; ++m) {
    const std::string type = simulated.annotator_profiles[m]["type"];
    for (std::size_t t = 0; t < 5; ++t) {
      const double noise = simulated.annotator_features.at(m, t) - (types[t] == type ? 1.0 : 0.0);
      sum += noise;
      squares += noise * noise;
    }
  }
  // 200 draws: the mean's standard error is 0.25 / sqrt(200) ~ 0.018, the sd's ~ 0.0125.
  EXPECT_NEAR(sum / 200.0, 0.0, 0.07);
  EXPECT_NEAR(std::sqrt(squares / 200.0), 0.25, 0.05);
  // Same seed, same annotations and same features.
  const SimulatedAnnotations again = simulate_annotations(dataset, config_for("madl-sets", 40, {}));
  EXPECT_EQ(simulated.annotations.values, again.annotations.values);
  EXPECT_EQ(simulated.annotator_features.values, again.annotator_features.values);
}

TEST(SimulatorsMadlSets, FractionsAreConfigurable) {
  const Dataset dataset = balanced_blobs(3, 200);
  SimulationConfig config = config_for("madl-sets", 20, {});
  config.options = {{"spammer_fraction", 0.5}, {"adversary_fraction", 0.0}, {"cluster_fraction", 0.25},
                    {"copier_fraction", 0.0}};
  const SimulatedAnnotations simulated = simulate_annotations(dataset, config);
  std::map<std::string, int> type_counts;
  for (const nlohmann::json& profile : simulated.annotator_profiles) ++type_counts[profile["type"].get<std::string>()];
  EXPECT_EQ(type_counts["spammer"], 10);
  EXPECT_EQ(type_counts["cluster-specialist"], 5);
  EXPECT_EQ(type_counts["expert"], 5);
  config.options["copier_fraction"] = 0.5;  // 0.5 + 0.25 + 0.5 > 1
  EXPECT_THROW(simulate_annotations(dataset, config), ConfigError);
}

// ---- determinism and bad configurations -------------------------------------------------------------

TEST(SimulatorsDeterminism, SameSeedSameLabelsOtherSeedOtherLabels) {
  const Dataset dataset = balanced_blobs(4, 300);
  for (const std::string kind : {"uniform", "class-dependent", "instance-dependent", "madl-sets"}) {
    SimulationConfig config = config_for(kind, 6, kind == "madl-sets" ? std::vector<double>{} : std::vector<double>{0.3}, 42);
    config.labels_per_instance = {2, 3, 4};
    const SimulatedAnnotations first = simulate_annotations(dataset, config);
    const SimulatedAnnotations again = simulate_annotations(dataset, config);
    EXPECT_EQ(first.annotations.values, again.annotations.values) << kind;
    EXPECT_EQ(first.annotator_profiles, again.annotator_profiles) << kind;
    config.seed = 43;
    const SimulatedAnnotations other = simulate_annotations(dataset, config);
    EXPECT_NE(first.annotations.values, other.annotations.values) << kind;
  }
}

TEST(SimulatorsConfig, BadSettingsAreConfigErrors) {
  const Dataset dataset = balanced_blobs(3, 50);
  auto expect_error = [&](SimulationConfig config, const std::string& fragment) {
    try {
      simulate_annotations(dataset, config);
      ADD_FAILURE() << "no error for: " << fragment;
    } catch (const ConfigError& error) {
      EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what();
    }
  };
  expect_error(config_for("uniform", 5, {1.0}), "[0, 1)");
  expect_error(config_for("class-dependent", 5, {-0.1}), "[0, 1)");
  expect_error(config_for("instance-dependent", 3, {0.1, 0.2}), "2 rates for 3 annotators");
  expect_error(config_for("no-such-kind", 5, {0.2}), "unknown simulator 'no-such-kind'");
  SimulationConfig too_many = config_for("uniform", 3, {0.2});
  too_many.labels_per_instance = {2, 3, 4};
  expect_error(too_many, "more than the 3 annotators");
  SimulationConfig typo = config_for("uniform", 3, {0.2});
  typo.options = {{"rate_hgih", 0.3}};
  expect_error(typo, "unknown option 'rate_hgih'");
  Dataset no_truth = dataset;
  no_truth.true_labels.clear();
  EXPECT_THROW(simulate_annotations(no_truth, config_for("uniform", 3, {0.2})), ConfigError);
}

}  // namespace
}  // namespace annotbench
