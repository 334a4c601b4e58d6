// Configs of kind "truth-inference": aggregators x label-only crowd sets x seeds.
//
//   {"name": "truth-inference", "kind": "truth-inference", "seeds": [0, 1, 2, 3, 4],
//    "datasets": ["d-sentiment", {"dataset": "s-rel", "setting": "S_Rel"}],
//    "methods": ["mv", "ds", {"method": "glad", "options": {...}}]}
//
// Every aggregator runs for every seed, deterministic ones too: it costs little, and every cell of
// the rank table then averages the same number of rows.

#include <algorithm>

#include "datasets/input_error.h"
#include "harness/grid/config.h"
#include "harness/grid/method_entries.h"
#include "harness/protocols/truth_inference/truth_inference.h"

namespace annotbench {

ExperimentConfig parse_truth_inference_config(const nlohmann::json& config, const std::string& path) {
  const auto fail = [&](const std::string& field, const std::string& problem) {
    throw InputError(path, 0, field, problem);
  };
  for (const auto& [key, value] : config.items())
    if (key != "name" && key != "description" && key != "kind" && key != "seeds" && key != "datasets" &&
        key != "methods")
      fail(key, "unknown field (known: name, description, kind, seeds, datasets, methods)");
  ExperimentConfig experiment;
  experiment.path = path;
  experiment.name = config.value("name", std::string("truth-inference"));

  std::vector<std::uint64_t> seeds;
  if (config.contains("seeds")) {
    const nlohmann::json& list = config.at("seeds");
    if (!list.is_array() || list.empty()) fail("seeds", "expected a non-empty list of whole numbers >= 0");
    for (const nlohmann::json& seed : list) {
      if (!seed.is_number_integer() || seed.get<long long>() < 0)
        fail("seeds", "expected whole numbers >= 0, got " + seed.dump());
      if (std::find(seeds.begin(), seeds.end(), seed.get<std::uint64_t>()) != seeds.end())
        fail("seeds", "seed " + seed.dump() + " is listed twice");
      seeds.push_back(seed.get<std::uint64_t>());
    }
  } else {
    seeds.push_back(0);
  }

  struct Setting {
    std::string dataset, label;
  };
  std::vector<Setting> settings;
  if (!config.contains("datasets") || !config.at("datasets").is_array() || config.at("datasets").empty())
    fail("datasets", "expected a non-empty list of label-only sets (see annotbench datasets)");
  for (std::size_t d = 0; d < config.at("datasets").size(); ++d) {
    const nlohmann::json& entry = config.at("datasets")[d];
    const std::string field = "datasets[" + std::to_string(d) + "]";
    Setting setting;
    if (entry.is_string()) {
      setting.dataset = entry.get<std::string>();
    } else if (entry.is_object() && entry.contains("dataset") && entry.at("dataset").is_string()) {
      for (const auto& [key, value] : entry.items())
        if (key != "dataset" && key != "setting") fail(field + "." + key, "unknown field (known: dataset, setting)");
      setting.dataset = entry.at("dataset").get<std::string>();
      if (entry.contains("setting")) {
        if (!entry.at("setting").is_string()) fail(field + ".setting", "expected a string");
        setting.label = entry.at("setting").get<std::string>();
      }
    } else {
      fail(field, "expected a set name or {\"dataset\": NAME, \"setting\": LABEL}");
    }
    if (!is_label_only_set(setting.dataset)) {
      std::string known;
      for (const LabelOnlySet& set : label_only_sets()) known += (known.empty() ? "" : ", ") + set.name;
      fail(field, "unknown label-only set '" + setting.dataset + "' (known: " + known + ")");
    }
    if (setting.label.empty()) setting.label = setting.dataset;
    for (const Setting& earlier : settings)
      if (earlier.label == setting.label) fail(field, "setting '" + setting.label + "' is listed twice");
    settings.push_back(setting);
  }

  const std::vector<NamedMethodEntry> methods = read_method_entries(
      config, path, {"aggregators", "an aggregator", "aggregator"},
      [](const NamedMethodEntry& method) { make_aggregator(method.name, method.options); });

  for (const Setting& setting : settings)
    for (const std::uint64_t seed : seeds)
      for (const NamedMethodEntry& method : methods) {
        ExperimentCell cell;
        cell.kind = kTruthInferenceKind;
        cell.setting = setting.label;
        cell.dataset = setting.dataset;
        cell.method = method.name;
        cell.method_options = method.options;
        cell.training.seed = seed;
        cell.training.epochs = 0;
        experiment.cells.push_back(std::move(cell));
      }
  return experiment;
}

}  // namespace annotbench
