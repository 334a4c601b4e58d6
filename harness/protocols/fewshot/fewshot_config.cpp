// Configs of kind "fewshot": few-shot methods x data sets x class-split seeds, with one protocol.
//
//   {"name": "meta-em-letter", "kind": "fewshot", "seeds": [0, 1, 2, 3, 4],
//    "datasets": ["letter", {"dataset": "vowel", "class_split": [7, 0, 4]}],
//    "protocol": {"ways": 4, "shots": [1, 3, 5], "annotators": [3, 5, 7], "test_tasks": 1000,
//                 "test_mixes": [[0.1, 0.7, 0.2], [0.1, 0.8, 0.1]], "em_steps_sweep": [0, 1, 2, 3, 5],
//                 "meta_training": {"iterations": 3000, "mix": [0.1, 0.7, 0.2]}},
//    "methods": ["meta-em", "proto-mv", {"method": "meta-em", "options": {"b": 100}}]}
//
// A data set's entry may override the protocol's class_split (vowel and digits have too few classes for
// a class-disjoint validation part: [7, 0, 4] takes validation tasks from held-out rows).

#include <algorithm>

#include "datasets/input_error.h"
#include "datasets/registry.h"
#include "harness/grid/config.h"
#include "harness/grid/config_lists.h"
#include "harness/grid/method_entries.h"
#include "harness/protocols/fewshot/fewshot_protocol.h"
#include "methods/fewshot/fewshot_method.h"

namespace annotbench {

ExperimentConfig parse_fewshot_config(const nlohmann::json& config, const std::string& path) {
  const auto fail = [&](const std::string& field, const std::string& problem) {
    throw InputError(path, 0, field, problem);
  };
  for (const auto& [key, value] : config.items())
    if (key != "name" && key != "description" && key != "kind" && key != "seeds" && key != "datasets" &&
        key != "methods" && key != "protocol")
      fail(key, "unknown field (known: name, description, kind, seeds, datasets, protocol, methods)");
  ExperimentConfig experiment;
  experiment.path = path;
  experiment.name = config.value("name", std::string("fewshot"));
  if (experiment.name.empty() || experiment.name.find('/') != std::string::npos || experiment.name.front() == '.')
    fail("name", "expected a file-name token, got \"" + experiment.name + "\"");

  const std::vector<std::uint64_t> seeds = read_seed_list(config, path);

  const nlohmann::json protocol_json = config.value("protocol", nlohmann::json::object());
  fewshot_protocol_from_json(protocol_json, path, "protocol");  // fails now, not at the first cell

  struct Setting {
    std::string dataset;
    nlohmann::json protocol;
  };
  std::vector<Setting> settings;
  if (!config.contains("datasets") || !config.at("datasets").is_array() || config.at("datasets").empty())
    fail("datasets", "expected a non-empty list of data sets with true labels (see annotbench datasets)");
  for (std::size_t d = 0; d < config.at("datasets").size(); ++d) {
    const nlohmann::json& entry = config.at("datasets")[d];
    const std::string field = "datasets[" + std::to_string(d) + "]";
    Setting setting{"", protocol_json};
    if (entry.is_string()) {
      setting.dataset = entry.get<std::string>();
    } else if (entry.is_object() && entry.contains("dataset") && entry.at("dataset").is_string()) {
      for (const auto& [key, value] : entry.items())
        if (key != "dataset" && key != "class_split") fail(field + "." + key, "unknown field (known: dataset, class_split)");
      setting.dataset = entry.at("dataset").get<std::string>();
      if (entry.contains("class_split")) setting.protocol["class_split"] = entry.at("class_split");
    } else {
      fail(field, "expected a data-set name or {\"dataset\": NAME, \"class_split\": [train, valid, test]}");
    }
    const auto& known = registered_datasets();
    if (std::none_of(known.begin(), known.end(), [&](const DatasetInfo& info) { return info.name == setting.dataset; }))
      fail(field, "unknown data set '" + setting.dataset + "' (see annotbench datasets)");
    fewshot_protocol_from_json(setting.protocol, path, field + " (protocol)");
    // As for seeds and methods (W9): a second entry would make the same cells twice (probe N19).
    for (std::size_t e = 0; e < settings.size(); ++e)
      if (settings[e].dataset == setting.dataset && settings[e].protocol == setting.protocol)
        fail(field, "'" + setting.dataset + "' is listed twice (also datasets[" + std::to_string(e) + "])");
    settings.push_back(std::move(setting));
  }

  const std::vector<NamedMethodEntry> methods = read_method_entries(
      config, path, {"few-shot methods", "a method", "method"},
      [](const NamedMethodEntry& method) { make_fewshot_method(method.name, method.options); });

  for (const Setting& setting : settings)
    for (const std::uint64_t seed : seeds)
      for (const NamedMethodEntry& method : methods) {
        ExperimentCell cell;
        cell.kind = kFewShotKind;
        const FewShotProtocol protocol = fewshot_protocol_from_json(setting.protocol, path, "protocol");
        cell.setting = setting.dataset + " " + std::to_string(protocol.ways) + "-way";
        cell.dataset = setting.dataset;
        cell.method = method.name;
        cell.method_options = method.options;
        cell.details = std::make_shared<const FewShotCellDetails>(fewshot_protocol_to_json(protocol));
        cell.training.seed = seed;
        cell.training.epochs = 0;
        experiment.cells.push_back(std::move(cell));
      }
  return experiment;
}

}  // namespace annotbench
