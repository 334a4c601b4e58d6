#include "harness/bench/letter_sized_data.h"

#include <cmath>
#include <random>
#include <string>

#include "datasets/random.h"

namespace annotbench {

Dataset letter_sized_features(const LetterSizedSpec& spec) {
  Rng rng(derive_seed(spec.seed, "letter-sized features"));
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_int_distribution<int> any_class(0, spec.num_classes - 1);
  std::vector<double> centres(static_cast<std::size_t>(spec.num_classes) * spec.num_features);
  for (double& centre : centres) centre = normal(rng);

  Dataset data;
  data.name = "letter-sized";
  data.source = "harness/bench/letter_sized_data.cpp";
  data.features = FeatureMatrix(spec.num_instances, spec.num_features);
  data.true_labels.resize(spec.num_instances);
  for (std::size_t n = 0; n < spec.num_instances; ++n) {
    const int label = any_class(rng);
    data.true_labels[n] = label;
    for (std::size_t d = 0; d < spec.num_features; ++d)
      data.features.at(n, d) = static_cast<float>(centres[static_cast<std::size_t>(label) * spec.num_features + d] + normal(rng));
  }
  // Standardised, as the harness gives every method its training features.
  for (std::size_t d = 0; d < spec.num_features; ++d) {
    double sum = 0.0, squares = 0.0;
    for (std::size_t n = 0; n < spec.num_instances; ++n) sum += data.features.at(n, d);
    const double mean = sum / static_cast<double>(spec.num_instances);
    for (std::size_t n = 0; n < spec.num_instances; ++n) squares += std::pow(data.features.at(n, d) - mean, 2);
    const double scale = std::sqrt(squares / static_cast<double>(spec.num_instances));
    for (std::size_t n = 0; n < spec.num_instances; ++n)
      data.features.at(n, d) = static_cast<float>((data.features.at(n, d) - mean) / scale);
  }
  for (int c = 0; c < spec.num_classes; ++c) data.class_names.push_back(std::string(1, static_cast<char>('A' + c % 26)) + (c < 26 ? "" : std::to_string(c)));
  return data;
}

SimulationConfig letter_sized_simulation(const std::string& kind, const LetterSizedSpec& spec) {
  SimulationConfig config;
  config.kind = kind;
  config.num_annotators = spec.num_annotators;
  config.labels_per_instance = {2, 3, 4};
  config.seed = derive_seed(spec.seed, "letter-sized simulation");
  return config;
}

Dataset letter_sized_crowd(const LetterSizedSpec& spec) {
  SimulationConfig config = letter_sized_simulation("uniform", spec);
  config.rates = {0.3};
  return with_simulated_annotations(letter_sized_features(spec), config);
}

}  // namespace annotbench
