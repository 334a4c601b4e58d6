#include <algorithm>
#include <cctype>
#include <filesystem>

#include "datasets/crowd_label_table.h"
#include "datasets/input_error.h"
#include "datasets/registry.h"
#include "harness/grid/config.h"
#include "harness/protocols/annotation_quality/annotation_quality.h"

namespace annotbench {

ExperimentConfig parse_annotation_quality_config(const nlohmann::json& config, const std::string& path) {
  const auto fail = [&](const std::string& field, const std::string& problem) {
    throw InputError(path, 0, field, problem);
  };
  for (const auto& [key, value] : config.items())
    if (key != "name" && key != "description" && key != "kind" && key != "seeds" && key != "datasets")
      fail(key, "unknown field (known: name, description, kind, seeds, datasets)");
  ExperimentConfig experiment;
  experiment.path = path;
  experiment.name = config.value("name", kAnnotationQualityKind);
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
  if (!config.contains("datasets") || !config.at("datasets").is_array() || config.at("datasets").empty())
    fail("datasets", "expected a non-empty list of crowd sets (label-only sets or sets with human annotations)");
  std::vector<std::string> settings;
  for (std::size_t d = 0; d < config.at("datasets").size(); ++d) {
    const nlohmann::json& entry = config.at("datasets")[d];
    const std::string field = "datasets[" + std::to_string(d) + "]";
    ExperimentCell cell;
    if (entry.is_string()) {
      cell.dataset = entry.get<std::string>();
    } else if (entry.is_object() && entry.contains("dataset") && entry.at("dataset").is_string()) {
      for (const auto& [key, value] : entry.items())
        if (key != "dataset" && key != "setting") fail(field + "." + key, "unknown field (known: dataset, setting)");
      cell.dataset = entry.at("dataset").get<std::string>();
      if (entry.contains("setting")) {
        if (!entry.at("setting").is_string()) fail(field + ".setting", "expected a string");
        cell.setting = entry.at("setting").get<std::string>();
      }
    } else {
      fail(field, "expected a set name or {\"dataset\": NAME, \"setting\": LABEL}");
    }
    const auto& registered = registered_datasets();
    if (!is_label_only_set(cell.dataset) &&
        std::none_of(registered.begin(), registered.end(), [&](const DatasetInfo& info) { return info.name == cell.dataset; }))
      fail(field, "'" + cell.dataset + "' is neither a label-only set nor a registered data set (see annotbench datasets)");
    if (cell.setting.empty()) cell.setting = cell.dataset;
    if (std::find(settings.begin(), settings.end(), cell.setting) != settings.end())
      fail(field, "setting '" + cell.setting + "' is listed twice");
    settings.push_back(cell.setting);
    cell.kind = kAnnotationQualityKind;
    cell.method = kQualityReportMethod;
    cell.training.epochs = 0;
    for (const std::uint64_t seed : seeds) {
      cell.training.seed = seed;
      experiment.cells.push_back(cell);
    }
  }
  return experiment;
}

std::string quality_report_directory(const std::string& setting, std::uint64_t seed) {
  std::string name = setting;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '-';
  return name + "/seed-" + std::to_string(seed);
}

}  // namespace annotbench
