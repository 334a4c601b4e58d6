#include "datasets/input_error.h"
#include "simulators/simulator.h"

namespace annotbench {

// One declaration and one table row per simulator; each make_* lives in that simulator's own file.

const std::vector<SimulatorInfo>& registered_simulators() {
  static const std::vector<SimulatorInfo> simulators = {
  };
  return simulators;
}

SimulatedAnnotations simulate_annotations(const Dataset& dataset, const SimulationConfig& config) {
  std::string known;
  for (const SimulatorInfo& info : registered_simulators()) {
    if (info.name == config.kind) return info.make()->simulate(dataset, config);
    known += (known.empty() ? "" : ", ") + info.name;
  }
  throw ConfigError("unknown simulator '" + config.kind + "'; known simulators: " + known);
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
