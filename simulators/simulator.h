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
};

struct SimulatedAnnotations {
  AnnotationMatrix annotations;            // N x M, kMissingLabel where the process dropped a label
  std::vector<std::string> annotator_ids;  // size M
  // What each annotator was configured to be (its rate, confusion matrix, type, ...): one JSON
  // object per annotator, stored with results so a reader knows what was simulated.
  nlohmann::json annotator_profiles = nlohmann::json::array();
};

class AnnotatorSimulator {
 public:
  virtual ~AnnotatorSimulator() = default;
  virtual std::string name() const = 0;
  // The keys of SimulationConfig::options it understands; any other is a typo, found at config load.
  virtual std::vector<std::string> option_names() const = 0;
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

// The annotation process that `config` asks for (labels_per_instance or missing_fraction).
AnnotationProcess annotation_process_of(const SimulationConfig& config);

// Throws ConfigError for an unknown kind or a bad setting (rate outside [0,1), more labels per
// instance than annotators, ...).
SimulatedAnnotations simulate_annotations(const Dataset& dataset, const SimulationConfig& config);

// `dataset` with its annotations and annotator ids replaced by the simulated ones.
Dataset with_simulated_annotations(const Dataset& dataset, const SimulationConfig& config);

}  // namespace annotbench
