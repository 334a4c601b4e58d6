#include "harness/grid/experiment.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "datasets/input_error.h"
#include "datasets/number_text.h"
#include "datasets/random.h"
#include "datasets/registry.h"
#include "harness/io/output_paths.h"
#include "harness/protocols/protocol.h"
#include "harness/store/row_checks.h"
#include "harness/protocols/learning/training_recipe.h"

namespace annotbench {

nlohmann::json simulation_to_json(const SimulationConfig& simulation) {
  if (simulation.kind.empty()) return {{"kind", "none"}};
  nlohmann::json description = {{"kind", simulation.kind},
                                {"annotators", simulation.num_annotators},
                                {"rates", simulation.rates},
                                {"options", simulation.options},
                                {"labels_per_instance", simulation.labels_per_instance},
                                {"missing_fraction", simulation.missing_fraction},
                                {"seed", simulation.seed}};
  // Only simulators with profiles have one: the ids of other settings stay what they were.
  if (!simulation.profile.empty()) description["profile"] = simulation.profile;
  return description;
}

nlohmann::json setting_data_to_json(const SettingData& setting_data) {
  if (setting_data.is_default()) return nullptr;
  nlohmann::json description = nlohmann::json::object();
  if (setting_data.subsample != 0) description["subsample"] = setting_data.subsample;
  if (!setting_data.annotator_features.empty()) description["annotator_features"] = setting_data.annotator_features;
  if (setting_data.held_out_annotators != 0.0) description["held_out_annotators"] = setting_data.held_out_annotators;
  return description;
}

std::string default_setting_label(const std::string& dataset, const SimulationConfig& simulation) {
  if (simulation.kind.empty()) return dataset;
  std::string label = dataset + " (" + simulation.kind;
  if (simulation.rates.size() == 1) label += " r=" + short_number(simulation.rates.front());
  return label + ")";
}

void resolve_data_files(std::vector<ExperimentCell>& cells, const std::string& data_dir) {
  for (ExperimentCell& cell : cells) {
    cell.data = protocol_of(cell).locate_data(cell, data_dir);
    require_utf8_path("the data file of '" + cell.dataset + "'", cell.data.path);  // it goes into the row
  }
}

nlohmann::json prepared_data_identity(const std::string& dataset, const SimulationConfig& simulation,
                                      const SplitSpec& split, const SettingData& setting_data) {
  return {{"dataset", dataset},
          {"simulation", simulation_to_json(simulation)},
          {"split", {split.test_fraction, split.valid_size}},
          {"setting_data", setting_data_to_json(setting_data)}};
}

std::string cell_id(const ExperimentCell& cell) {
  nlohmann::json identity = prepared_data_identity(cell.dataset, cell.simulation, cell.split, cell.setting_data);
  // Default setting data is left out, so the cells of results from before it existed keep their ids.
  if (cell.setting_data.is_default()) identity.erase("setting_data");
  identity.update({{"method", cell.method},
                   {"options", cell.method_options},
                   {"epochs", cell.training.epochs},
                   {"batch_size", cell.training.batch_size},
                   {"learning_rate", cell.training.learning_rate},
                   {"weight_decay", cell.training.weight_decay},
                   {"seed", cell.training.seed}});
  // Only a network other than the one every cell trained before recipes existed is named, so the
  // cells of earlier results (letter's recipe is that network) keep their ids.
  if (!trains_default_network(cell.training))
    identity["network"] = {{"hidden_widths", cell.training.hidden_widths},
                           {"dropout", cell.training.dropout},
                           {"ap_weight_decay", cell.training.ap_weight_decay}};
  protocol_of(cell).add_identity(cell, identity);  // learning cells keep the ids they always had
  // The content, not the path: a cluster's nodes may mount the same file at different paths.
  if (!cell.data.checksum.empty()) identity["data_checksum"] = cell.data.checksum;
  // Only batched cells carry the key, so the ids of separate runs stay those of earlier results.
  if (cell.batched_seeds) identity["batched_seeds"] = true;
  // The identity is hashed so the id stays short; the readable part helps a person grep.
  const std::string canonical = identity.dump();
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx",
                static_cast<unsigned long long>(derive_seed(0, canonical)));
  return cell.setting + "|" + cell.method + "|seed " + std::to_string(cell.training.seed) + "|" + hash;
}

std::shared_ptr<const PreparedSetting> prepare_setting(const ExperimentCell& cell, const std::string& data_dir) {
  return protocol_of(cell).prepare_setting(cell, data_dir);
}

std::vector<nlohmann::json> run_cells(const std::vector<ExperimentCell>& cells, const PreparedSetting& prepared,
                                      const RunContext& context) {
  if (cells.empty()) return {};
  std::vector<nlohmann::json> rows = protocol_of(cells.front()).run_cells(cells, prepared, context);
  for (const nlohmann::json& row : rows) require_finite_numbers(row);
  return rows;
}

}  // namespace annotbench
