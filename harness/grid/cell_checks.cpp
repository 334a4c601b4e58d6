#include "harness/grid/cell_checks.h"

#include <cmath>
#include <sstream>

#include "datasets/input_error.h"
#include "datasets/number_text.h"
#include "datasets/registry.h"
#include "methods/method.h"
#include "simulators/simulator.h"

namespace annotbench {

namespace {

std::optional<SettingProblem> training_problem(const TrainingSettings& training) {
  if (training.epochs < 1) return SettingProblem{"epochs", "must be at least 1, got " + std::to_string(training.epochs)};
  if (training.batch_size < 1)
    return SettingProblem{"batch_size", "must be at least 1, got " + std::to_string(training.batch_size)};
  if (training.eval_batch_size < 1)
    return SettingProblem{"eval_batch_size", "must be at least 1, got " + std::to_string(training.eval_batch_size)};
  if (!(std::isfinite(training.learning_rate) && training.learning_rate > 0))
    return SettingProblem{"learning_rate", "must be a finite number > 0, got " + short_number(training.learning_rate)};
  if (!(std::isfinite(training.weight_decay) && training.weight_decay >= 0))
    return SettingProblem{"weight_decay", "must be a finite number >= 0, got " + short_number(training.weight_decay)};
  if (!(std::isfinite(training.ap_weight_decay) && training.ap_weight_decay >= 0))
    return SettingProblem{"ap_weight_decay", "must be a finite number >= 0, got " + short_number(training.ap_weight_decay)};
  // p = 1 would drop every unit: the embedding, and with it the gradient, would be zero.
  if (!(training.dropout >= 0 && training.dropout < 1))
    return SettingProblem{"dropout", "must lie in [0, 1), got " + short_number(training.dropout)};
  for (const std::int64_t width : training.hidden_widths)
    if (width < 1 || width > 65536)
      return SettingProblem{"hidden_widths", "each width must lie in [1, 65536], got " + std::to_string(width)};
  const std::string& device = training.device;
  const bool indexed_cuda = device.rfind("cuda:", 0) == 0 && device.size() > 5 &&
                            device.find_first_not_of("0123456789", 5) == std::string::npos;
  if (device != "cpu" && device != "cuda" && !indexed_cuda)
    return SettingProblem{"device", "expected cpu, cuda or cuda:<index>, got \"" + device + "\""};
  return std::nullopt;
}

std::optional<SettingProblem> split_problem(const SplitSpec& split) {
  // A run without a test part has no test accuracy, and `report` drops such rows (probe W12).
  if (!(split.test_fraction > 0 && split.test_fraction < 1))
    return SettingProblem{"split.test_fraction", "must lie in (0, 1), got " + short_number(split.test_fraction)};
  const double valid = split.valid_size;
  if (!(std::isfinite(valid) && valid >= 0))
    return SettingProblem{"split.valid_size", "must be a count >= 1, a fraction in [0, 1), got " + short_number(valid)};
  if (valid >= 1 && valid != std::floor(valid))
    return SettingProblem{"split.valid_size", "a count (>= 1) must be a whole number, got " + short_number(valid)};
  if (valid < 1 && split.test_fraction + valid >= 1)
    return SettingProblem{"split", "test fraction " + short_number(split.test_fraction) + " and validation fraction " +
                                       short_number(valid) + " leave nothing to train on"};
  return std::nullopt;
}

std::optional<SettingProblem> setting_data_problem(const SettingData& setting_data, const SimulationConfig& simulation) {
  const double share = setting_data.held_out_annotators;
  if (!(share >= 0.0 && share < 1.0))
    return SettingProblem{"held_out_annotators", "must be a share in [0, 1) of the annotators, got " + short_number(share)};
  if (setting_data.annotator_features == kSimulatorAnnotatorFeatures) {
    if (simulation.kind.empty())
      return SettingProblem{"annotator_features", "\"simulator\" needs a simulator; this setting has its data set's own annotators"};
    if (!simulation_describes_annotators(simulation))
      return SettingProblem{"annotator_features", "simulator '" + simulation.kind +
                                                      "' gives no annotator features (classifier and madl-sets do)"};
  }
  return std::nullopt;
}

std::optional<SettingProblem> dataset_problem(const std::string& dataset) {
  std::string known;
  for (const DatasetInfo& info : registered_datasets()) {
    if (info.name == dataset) return std::nullopt;
    known += (known.empty() ? "" : ", ") + info.name;
  }
  return SettingProblem{"dataset", "unknown data set '" + dataset + "'; known data sets: " + known};
}

}  // namespace

std::optional<SettingProblem> first_problem(const ExperimentCell& cell) {
  if (auto problem = dataset_problem(cell.dataset)) return problem;
  if (!cell.simulation.kind.empty()) {
    try {
      check_simulation_config(cell.simulation);
    } catch (const ConfigError& error) {
      return SettingProblem{"simulator", error.what()};
    }
  }
  if (auto problem = split_problem(cell.split)) return problem;
  if (auto problem = setting_data_problem(cell.setting_data, cell.simulation)) return problem;
  if (auto problem = training_problem(cell.training)) return problem;
  try {
    make_method(cell.method, cell.method_options);
  } catch (const ConfigError& error) {
    return SettingProblem{"method", error.what()};
  }
  return std::nullopt;
}

}  // namespace annotbench
