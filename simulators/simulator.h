#pragma once
// Annotator simulators: from a data set with true labels to an annotation matrix. No torch here.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "datasets/dataset.h"
#include "simulators/annotation_process.h"

namespace annotbench {

struct SimulationConfig {
  std::string kind;                      // registered simulator name
  std::size_t num_annotators = 10;
  // Noise rate per annotator; one value applies to all; empty means the simulator's default.
  std::vector<double> rates;
  // Simulator-specific settings (e.g. "rate_low", "rate_high", "mean_diagonal", "spammer_fraction");
  // each simulator rejects a key it does not know.
  std::map<std::string, double> options;
  // The annotation process: each instance keeps a number of labels drawn uniformly from this list
  // (the paper: {2, 3, 4}); empty keeps every label.
  std::vector<int> labels_per_instance;
  // Alternative process: drop this fraction of labels uniformly at random (0 keeps all).
  double missing_fraction = 0.0;
  std::uint64_t seed = 0;
  // A simulator's named variant (the classifier's "paper" or "clean"); empty before
  // with_default_profile() fills in the simulator's default, and for simulators that have none.
  std::string profile;
};

struct SimulatedAnnotations {
  AnnotationMatrix annotations;            // N x M, kMissingLabel where the process dropped a label
  std::vector<std::string> annotator_ids;  // size M
  // What each annotator was configured to be (its rate, confusion matrix, type, ...): one JSON
  // object per annotator, stored with results so a reader knows what was simulated.
  nlohmann::json annotator_profiles = nlohmann::json::array();
  // M x A features that describe each annotator's competence, with noise (issue 24): what a method
  // that embeds annotators may take in place of one-hot codes. Empty for simulators that give none.
  FeatureMatrix annotator_features;
};

class AnnotatorSimulator {
 public:
  virtual ~AnnotatorSimulator() = default;
  virtual std::string name() const = 0;
  // The keys of SimulationConfig::options it understands; any other is a typo, found at config load.
  virtual std::vector<std::string> option_names() const = 0;
  // Its variants by name, the default first; empty when it has none.
  virtual std::vector<std::string> profile_names() const { return {}; }
  // Whether it must know the train / valid / test split before it simulates (Dataset::predefined_part
  // then marks each row's part): the classifier's paper profile standardises only the train rows.
  virtual bool needs_split(const SimulationConfig& config) const { return false; }
  // Whether simulate() fills SimulatedAnnotations::annotator_features.
  virtual bool describes_annotators() const { return false; }
  // Every annotator labels every instance of `dataset` (which has true labels); the annotation
  // process is applied afterwards by simulate_annotations().
  virtual SimulatedAnnotations simulate(const Dataset& dataset, const SimulationConfig& config) const = 0;
};

struct SimulatorInfo {
  std::string name;
  std::string summary;
  std::function<std::unique_ptr<AnnotatorSimulator>()> make;
};

const std::vector<SimulatorInfo>& registered_simulators();

// Throws ConfigError naming the unknown kind and the known ones.
const SimulatorInfo& find_simulator(const std::string& kind);

// Checks what can be checked without the data: the kind, its option names, the number of
// annotators, the rates, the annotation process. Throws ConfigError.
void check_simulation_config(const SimulationConfig& config);

// `config` with an empty profile set to its simulator's default profile (unchanged when it has none).
SimulationConfig with_default_profile(SimulationConfig config);

// Whether the simulator of `config` must see the split first (AnnotatorSimulator::needs_split).
bool simulation_needs_split(const SimulationConfig& config);

// Whether the simulator of `config` describes its annotators by features (describes_annotators).
bool simulation_describes_annotators(const SimulationConfig& config);

// The annotation process that `config` asks for (labels_per_instance or missing_fraction).
AnnotationProcess annotation_process_of(const SimulationConfig& config);

// Throws ConfigError for an unknown kind or a bad setting (rate outside [0,1), more labels per
// instance than annotators, ...). When `dataset` marks its split (predefined_part), the annotation
// process thins the train and valid rows only and the test rows keep every label, as the annot-mix
// reference does (its test metrics of the annotator model score all 20 labels of a test instance).
SimulatedAnnotations simulate_annotations(const Dataset& dataset, const SimulationConfig& config);

// `dataset` with its annotations and annotator ids replaced by the simulated ones.
Dataset with_simulated_annotations(const Dataset& dataset, const SimulationConfig& config);

}  // namespace annotbench
