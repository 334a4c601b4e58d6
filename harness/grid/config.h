#pragma once
// Experiment configs (harness/configs/*.json): data-set settings × methods × seeds, and the grid
// of cells they expand to.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/grid/experiment.h"

namespace annotbench {

struct ExperimentConfig {
  std::string name;
  std::string path;
  std::vector<ExperimentCell> cells;  // settings × seeds × methods, in this order
};

// Throws InputError naming the file and the field (JSON syntax errors: the line).
ExperimentConfig load_experiment_config(const std::string& path);
ExperimentConfig parse_experiment_config(const nlohmann::json& config, const std::string& path);
// Configs without a "kind": methods trained on annotated features (the learning protocol).
ExperimentConfig parse_learning_config(const nlohmann::json& config, const std::string& path);
// "kind": "truth-inference" configs (truth_inference_config.cpp).
ExperimentConfig parse_truth_inference_config(const nlohmann::json& config, const std::string& path);
// "kind": "fewshot" configs (fewshot_config.cpp).
ExperimentConfig parse_fewshot_config(const nlohmann::json& config, const std::string& path);

// "kind": "active" configs (active_config.cpp): active learning against noisy oracles.
ExperimentConfig parse_active_config(const nlohmann::json& config, const std::string& path);

// Letters, digits, '.', '_', '-', not starting with '.': safe as a file name in a results directory.
bool is_file_name_token(const std::string& name);

// Settings shared by the CLI's `train` and the configs.
SimulationConfig simulation_from_json(const nlohmann::json& description, const std::string& path,
                                      const std::string& field);

// The cells of shard `index` (1-based) of `count`: every count-th cell, so each shard gets a
// similar mix of cheap and expensive cells.
std::vector<ExperimentCell> shard_cells(const std::vector<ExperimentCell>& cells, int index, int count);

}  // namespace annotbench
