#pragma once
// The learning protocol (protocol.cpp beside this file): a method trained on a setting's annotated
// features and evaluated on its test split. `annotbench train` and the tests call its steps directly.

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "harness/grid/experiment.h"

namespace annotbench {

// The setting's data set with its annotators (simulated when the setting names a simulator), split
// and standardised with the setting's own seed (simulation.seed), so that every method and run seed
// of a setting sees the same annotators and the same split: the comparison is paired.
std::shared_ptr<const PreparedSetting> prepare_learning_setting(const ExperimentCell& cell, const std::string& data_dir);

// Trains and evaluates one cell on prepared data; returns its result row (unchecked: run_cells checks).
nlohmann::json run_learning_cell(const ExperimentCell& cell, const PreparedSetting& prepared);

}  // namespace annotbench
