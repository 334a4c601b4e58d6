// `madl-sets`: a mix of annotator types in the spirit of the annotator sets of MaDL (Herde, Huseljic,
// Sick, TMLR 2023), with the fraction of each type configurable; experts fill what the others leave.
//  - expert: correct with an accuracy drawn from [expert_accuracy_low, expert_accuracy_high], else a
//    uniformly chosen wrong class;
//  - spammer: a uniformly random class, the truth included (accuracy 1/C);
//  - adversary: a systematic wrong mapping, true class c always labelled sigma(c) for a random cyclic
//    permutation sigma (a derangement), so it agrees with itself and never with the truth;
//  - cluster specialist: k-means clusters of the standardised features; accuracy
//    specialist_accuracy_inside (0.95) on a random half of them and specialist_accuracy_outside (0.05)
//    on the rest, as in MaDL's cluster-specialised annotators;
//  - copier (interdependent): repeats the labels of one non-copying annotator, except on a fraction
//    copy_noise of the instances, where it gives a uniformly random class.

#include <cmath>
#include <memory>
#include <numeric>

#include "datasets/input_error.h"
#include "simulators/kmeans.h"
#include "simulators/sampling.h"
#include "simulators/simulator_support.h"

namespace annotbench {

namespace {

constexpr const char* kName = "madl-sets";

enum class AnnotatorType { kExpert, kSpammer, kAdversary, kClusterSpecialist, kCopier };
constexpr std::size_t kAnnotatorTypes = 5;

// The standard deviation of the noise on each entry of an annotator's one-hot type, its description
// for feature-taking methods: the type tells a spammer from an expert, the noise keeps it inexact.
constexpr double kFeatureNoise = 0.25;

const char* type_name(AnnotatorType type) {
  switch (type) {
    case AnnotatorType::kExpert: return "expert";
    case AnnotatorType::kSpammer: return "spammer";
    case AnnotatorType::kAdversary: return "adversary";
    case AnnotatorType::kClusterSpecialist: return "cluster-specialist";
    case AnnotatorType::kCopier: return "copier";
  }
  return "?";
}

double checked_probability(const SimulationConfig& config, const std::string& key, double fallback) {
  const double value = simulator_option(config, key, fallback);
  if (!(value >= 0.0 && value <= 1.0))
    throw ConfigError(std::string(kName) + ": " + key + " must lie in [0, 1], got " + std::to_string(value));
  return value;
}

// Labels with accuracy `correct_probability[i]` on instance i, a uniformly chosen wrong class otherwise.
void label_with_accuracy(const std::vector<int>& truth, const std::vector<double>& correct_probability,
                         int num_classes, Rng& rng, AnnotationMatrix& annotations, std::size_t m) {
  std::vector<double> error_probability(truth.size());
  for (std::size_t i = 0; i < truth.size(); ++i) error_probability[i] = 1.0 - correct_probability[i];
  const std::vector<bool> wrong = systematic_sample(error_probability, rng);
  for (std::size_t i = 0; i < truth.size(); ++i)
    annotations.at(i, m) = wrong[i] ? uniform_wrong_class(truth[i], num_classes, rng) : truth[i];
}

class MadlSetsSimulator : public AnnotatorSimulator {
 public:
  std::string name() const override { return kName; }
  std::vector<std::string> option_names() const override {
    return {"spammer_fraction", "adversary_fraction", "cluster_fraction", "copier_fraction",
            "expert_accuracy_low", "expert_accuracy_high", "clusters",
            "specialist_accuracy_inside", "specialist_accuracy_outside", "copy_noise"};
  }

  bool describes_annotators() const override { return true; }

  SimulatedAnnotations simulate(const Dataset& dataset, const SimulationConfig& config) const override {
    check_simulation_input(kName, dataset, config);
    check_simulator_options(kName, config, option_names());
    if (!config.rates.empty())
      throw ConfigError(std::string(kName) + ": takes no rate; set the type fractions (spammer_fraction, ...)");
    const double spammers = checked_probability(config, "spammer_fraction", 0.2);
    const double adversaries = checked_probability(config, "adversary_fraction", 0.1);
    const double specialists = checked_probability(config, "cluster_fraction", 0.2);
    const double copiers = checked_probability(config, "copier_fraction", 0.2);
    const double experts = 1.0 - spammers - adversaries - specialists - copiers;
    if (experts < -1e-12)
      throw ConfigError(std::string(kName) + ": the type fractions add up to more than 1");
    const double expert_low = checked_probability(config, "expert_accuracy_low", 0.75);
    const double expert_high = checked_probability(config, "expert_accuracy_high", 0.95);
    if (expert_low > expert_high)
      throw ConfigError(std::string(kName) + ": expert_accuracy_low is above expert_accuracy_high");
    const double inside = checked_probability(config, "specialist_accuracy_inside", 0.95);
    const double outside = checked_probability(config, "specialist_accuracy_outside", 0.05);
    const double copy_noise = checked_probability(config, "copy_noise", 0.1);
    const double cluster_option = simulator_option(config, "clusters", 10.0);
    if (!(cluster_option >= 2.0 && cluster_option <= 1000.0) || cluster_option != std::floor(cluster_option))
      throw ConfigError(std::string(kName) + ": clusters must be a whole number in 2..1000");

    const std::size_t m_count = config.num_annotators;
    const std::vector<std::size_t> counts =
        apportion(m_count, {std::max(experts, 0.0), spammers, adversaries, specialists, copiers});
    std::vector<AnnotatorType> types;
    const AnnotatorType order[] = {AnnotatorType::kExpert, AnnotatorType::kSpammer, AnnotatorType::kAdversary,
                                   AnnotatorType::kClusterSpecialist, AnnotatorType::kCopier};
    for (std::size_t t = 0; t < 5; ++t) types.insert(types.end(), counts[t], order[t]);
    const std::size_t copier_count = counts[4];
    if (copier_count > 0 && copier_count == m_count)
      throw ConfigError(std::string(kName) + ": every annotator would be a copier; copiers need someone to copy");

    const std::size_t n = dataset.true_labels.size();
    const int num_classes = dataset.num_classes();
    std::vector<int> clusters;
    const std::size_t cluster_count = static_cast<std::size_t>(cluster_option);
    if (counts[3] > 0) {
      if (dataset.num_features() == 0)
        throw ConfigError(std::string(kName) + ": cluster specialists need features; data set '" + dataset.name +
                          "' has none");
      Rng cluster_rng(derive_seed(config.seed, "simulation/madl-sets/clusters"));
      clusters = kmeans_clusters(standardised_rows(dataset.features), cluster_count, cluster_rng);
    }

    SimulatedAnnotations result;
    result.annotations = AnnotationMatrix(n, m_count, kMissingLabel);
    result.annotator_ids = simulated_annotator_ids(m_count);
    const std::size_t sources = m_count - copier_count;  // the copiers come last
    for (std::size_t m = 0; m < m_count; ++m) {
      Rng rng = annotator_rng(config, m);
      nlohmann::json profile = {{"annotator", result.annotator_ids[m]}, {"kind", kName}, {"type", type_name(types[m])}};
      switch (types[m]) {
        case AnnotatorType::kExpert: {
          const double accuracy = expert_low + (expert_high - expert_low) * uniform01(rng);
          label_with_accuracy(dataset.true_labels, std::vector<double>(n, accuracy), num_classes, rng,
                              result.annotations, m);
          profile["accuracy"] = accuracy;
          break;
        }
        case AnnotatorType::kSpammer:
          for (std::size_t i = 0; i < n; ++i)
            result.annotations.at(i, m) = static_cast<int>(uniform_index(rng, static_cast<std::size_t>(num_classes)));
          profile["accuracy"] = 1.0 / num_classes;
          break;
        case AnnotatorType::kAdversary: {
          // Sattolo's shuffle draws a uniformly random single cycle: no class maps to itself.
          std::vector<int> mapping(static_cast<std::size_t>(num_classes));
          std::iota(mapping.begin(), mapping.end(), 0);
          for (std::size_t i = mapping.size(); i > 1; --i) std::swap(mapping[i - 1], mapping[uniform_index(rng, i - 1)]);
          for (std::size_t i = 0; i < n; ++i)
            result.annotations.at(i, m) = mapping[static_cast<std::size_t>(dataset.true_labels[i])];
          profile["accuracy"] = 0.0;
          profile["mapping"] = mapping;
          break;
        }
        case AnnotatorType::kClusterSpecialist: {
          std::vector<std::size_t> cluster_order = random_permutation(cluster_count, rng);
          std::vector<bool> expert_cluster(cluster_count, false);
          std::vector<std::size_t> expert_clusters;
          for (std::size_t k = 0; k < (cluster_count + 1) / 2; ++k) {
            expert_cluster[cluster_order[k]] = true;
            expert_clusters.push_back(cluster_order[k]);
          }
          std::vector<double> accuracy(n);
          for (std::size_t i = 0; i < n; ++i)
            accuracy[i] = expert_cluster[static_cast<std::size_t>(clusters[i])] ? inside : outside;
          label_with_accuracy(dataset.true_labels, accuracy, num_classes, rng, result.annotations, m);
          profile["accuracy"] = std::accumulate(accuracy.begin(), accuracy.end(), 0.0) / static_cast<double>(n);
          profile["expert_clusters"] = expert_clusters;
          profile["accuracy_inside"] = inside;
          profile["accuracy_outside"] = outside;
          break;
        }
        case AnnotatorType::kCopier: {
          const std::size_t source = uniform_index(rng, sources);
          const std::vector<bool> noisy = systematic_sample(std::vector<double>(n, copy_noise), rng);
          for (std::size_t i = 0; i < n; ++i)
            result.annotations.at(i, m) = noisy[i] ? static_cast<int>(uniform_index(rng, static_cast<std::size_t>(num_classes)))
                                                   : result.annotations.at(i, source);
          profile["copies"] = result.annotator_ids[source];
          profile["copy_noise"] = copy_noise;
          break;
        }
      }
      result.annotator_profiles.push_back(profile);
    }
    FeatureMatrix types_one_hot(m_count, kAnnotatorTypes);
    for (std::size_t m = 0; m < m_count; ++m) types_one_hot.at(m, static_cast<std::size_t>(types[m])) = 1.0F;
    result.annotator_features = noisy_annotator_features(std::move(types_one_hot), kFeatureNoise, config);
    return result;
  }
};

}  // namespace

std::unique_ptr<AnnotatorSimulator> make_madl_sets_simulator() { return std::make_unique<MadlSetsSimulator>(); }

}  // namespace annotbench
