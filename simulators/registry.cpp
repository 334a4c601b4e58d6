#include <algorithm>

#include "datasets/input_error.h"
#include "simulators/annotation_process.h"
#include "simulators/noisy_oracle.h"
#include "simulators/simulator_support.h"
#include "simulators/simulator.h"

namespace annotbench {

// One declaration and one table row per simulator; each make_* lives in that simulator's own file.
std::unique_ptr<AnnotatorSimulator> make_uniform_simulator();
std::unique_ptr<AnnotatorSimulator> make_class_dependent_simulator();
std::unique_ptr<AnnotatorSimulator> make_instance_dependent_simulator();
std::unique_ptr<AnnotatorSimulator> make_madl_sets_simulator();
std::unique_ptr<AnnotatorSimulator> make_classifier_simulator();

const std::vector<SimulatorInfo>& registered_simulators() {
  static const std::vector<SimulatorInfo> simulators = {
      {"uniform", "each annotator flips to a uniformly chosen wrong class with its rate r",
       make_uniform_simulator},
      {"class-dependent", "a confusion matrix per annotator with mean diagonal 1 - r (random or pair_flip)",
       make_class_dependent_simulator},
      {"instance-dependent", "flip probability grows with instance difficulty; mean rate r exactly",
       make_instance_dependent_simulator},
      {"madl-sets", "experts, spammers, adversaries, cluster specialists and copiers (MaDL, TMLR 2023)",
       make_madl_sets_simulator},
      {"classifier", "annot-mix's annotators: each an MLP trained on its own class-imbalanced subset",
       make_classifier_simulator},
  };
  return simulators;
}

// Active learning's oracles (noisy_oracle.h): one make_* per file, as for the simulators.
std::unique_ptr<NoisyOracle> make_clean_oracle(const OracleSpec&, const OraclePool&);
std::unique_ptr<NoisyOracle> make_symmetric_oracle(const OracleSpec&, const OraclePool&);
std::unique_ptr<NoisyOracle> make_instance_dependent_oracle(const OracleSpec&, const OraclePool&);
std::unique_ptr<NoisyOracle> make_pair_flip_oracle(const OracleSpec&, const OraclePool&);
std::unique_ptr<NoisyOracle> make_crowd_oracle(const OracleSpec&, const OraclePool&);
std::unique_ptr<NoisyOracle> make_sticky_oracle(const OracleSpec&, const OraclePool&);

const std::vector<OracleInfo>& registered_oracles() {
  static const std::vector<OracleInfo> oracles = {
      {"clean", "always the true label (the noise-free references)", false, make_clean_oracle},
      {"symmetric", "wrong with rate r, the wrong class uniform over the others", false, make_symmetric_oracle},
      {"instance-dependent", "rate grows with the item's difficulty for a reference model; mean r exactly", true,
       make_instance_dependent_oracle},
      {"pair-flip", "wrong with rate r, then always class t + 1 mod C", false, make_pair_flip_oracle},
      {"crowd", "10 annotators with rates around r; a re-label goes to one who has not labelled the item", false,
       make_crowd_oracle},
      {"sticky", "symmetric, but a re-label of a wrong item repeats its wrong label with chance stickiness", false,
       make_sticky_oracle},
  };
  return oracles;
}

const OracleInfo& find_oracle(const std::string& kind) {
  std::string known;
  for (const OracleInfo& info : registered_oracles()) {
    if (info.name == kind) return info;
    known += (known.empty() ? "" : ", ") + info.name;
  }
  throw ConfigError("unknown oracle '" + kind + "'; known oracles: " + known);
}

std::unique_ptr<NoisyOracle> make_oracle(const OracleSpec& spec, const OraclePool& pool) {
  const OracleInfo& info = find_oracle(spec.kind);
  if (!(spec.rate >= 0.0 && spec.rate < 1.0))
    throw ConfigError("oracle rate must lie in [0, 1), got " + std::to_string(spec.rate));
  if (!(spec.stickiness >= 0.0 && spec.stickiness <= 1.0))
    throw ConfigError("oracle stickiness must lie in [0, 1], got " + std::to_string(spec.stickiness));
  return info.make(spec, pool);
}

AnnotationProcess annotation_process_of(const SimulationConfig& config) {
  AnnotationProcess process;
  process.labels_per_instance = config.labels_per_instance;
  process.missing_fraction = config.missing_fraction;
  return process;
}

const SimulatorInfo& find_simulator(const std::string& kind) {
  std::string known;
  for (const SimulatorInfo& info : registered_simulators()) {
    if (info.name == kind) return info;
    known += (known.empty() ? "" : ", ") + info.name;
  }
  throw ConfigError("unknown simulator '" + kind + "'; known simulators: " + known);
}

SimulationConfig with_default_profile(SimulationConfig config) {
  if (config.profile.empty()) {
    const std::vector<std::string> profiles = find_simulator(config.kind).make()->profile_names();
    if (!profiles.empty()) config.profile = profiles.front();
  }
  return config;
}

bool simulation_needs_split(const SimulationConfig& config) {
  return find_simulator(config.kind).make()->needs_split(config);
}

bool simulation_describes_annotators(const SimulationConfig& config) {
  return find_simulator(config.kind).make()->describes_annotators();
}

void check_simulation_config(const SimulationConfig& config) {
  const std::unique_ptr<AnnotatorSimulator> simulator = find_simulator(config.kind).make();
  check_simulator_options(config.kind, config, simulator->option_names());
  if (!config.profile.empty()) {
    const std::vector<std::string> profiles = simulator->profile_names();
    if (std::find(profiles.begin(), profiles.end(), config.profile) == profiles.end()) {
      std::string known;
      for (const std::string& name : profiles) known += (known.empty() ? "" : ", ") + name;
      throw ConfigError(config.kind + ": unknown profile '" + config.profile + "'" +
                        (known.empty() ? "; this simulator has no profiles" : "; known profiles: " + known));
    }
  }
  if (config.num_annotators == 0) throw ConfigError(config.kind + ": need at least 1 annotator");
  for (const double rate : config.rates)
    if (!(rate >= 0.0 && rate < 1.0))
      throw ConfigError(config.kind + ": rate must lie in [0, 1), got " + std::to_string(rate));
  for (const char* key : {"rate_low", "rate_high"}) {
    const auto found = config.options.find(key);
    if (found != config.options.end() && !(found->second >= 0.0 && found->second < 1.0))
      throw ConfigError(config.kind + ": " + key + " must lie in [0, 1), got " + std::to_string(found->second));
  }
  check_annotation_process(annotation_process_of(config), config.num_annotators);
}

SimulatedAnnotations simulate_annotations(const Dataset& dataset, const SimulationConfig& config) {
  // Checked before simulating: a classifier simulation takes a while, a typo should not wait for it.
  check_simulation_config(config);
  const AnnotationProcess process = annotation_process_of(config);
  SimulatedAnnotations simulated = find_simulator(config.kind).make()->simulate(dataset, config);
  // With the split known, only the train and valid rows are thinned (in row order, one matrix).
  std::vector<std::size_t> thinned_rows;
  for (std::size_t i = 0; i < simulated.annotations.rows; ++i)
    if (dataset.predefined_part.empty() || dataset.predefined_part[i] != SplitPart::test) thinned_rows.push_back(i);
  const std::size_t m_count = simulated.annotations.cols;
  AnnotationMatrix to_thin(thinned_rows.size(), m_count, kMissingLabel);
  for (std::size_t k = 0; k < thinned_rows.size(); ++k)
    for (std::size_t m = 0; m < m_count; ++m) to_thin.at(k, m) = simulated.annotations.at(thinned_rows[k], m);
  ProcessedAnnotations processed = apply_annotation_process(to_thin, process, config.seed);
  for (std::size_t k = 0; k < thinned_rows.size(); ++k)
    for (std::size_t m = 0; m < m_count; ++m) simulated.annotations.at(thinned_rows[k], m) = processed.annotations.at(k, m);
  for (std::size_t m = 0; m < processed.selection_probabilities.size(); ++m)
    simulated.annotator_profiles[m]["selection_probability"] = processed.selection_probabilities[m];
  return simulated;
}

Dataset with_simulated_annotations(const Dataset& dataset, const SimulationConfig& config) {
  SimulatedAnnotations simulated = simulate_annotations(dataset, config);
  Dataset annotated = dataset;
  annotated.annotations = std::move(simulated.annotations);
  annotated.annotator_ids = std::move(simulated.annotator_ids);
  annotated.annotator_features = {};
  return annotated;
}

}  // namespace annotbench
