#include <algorithm>
#include <cctype>
#include <filesystem>

#include "datasets/crowd_label_table.h"
#include "datasets/input_error.h"
#include "datasets/registry.h"
#include "harness/grid/config.h"
#include "harness/grid/config_lists.h"
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
  const std::vector<std::uint64_t> seeds = read_seed_list(config, path);
  const auto& registered = registered_datasets();
  const std::vector<DatasetEntry> settings = read_dataset_entries(
      config, path, "crowd sets (label-only sets or sets with human annotations)", [&](const std::string& name) {
        const bool known = is_label_only_set(name) || std::any_of(registered.begin(), registered.end(),
                                                                 [&](const DatasetInfo& info) { return info.name == name; });
        return known ? std::string()
                     : "'" + name + "' is neither a label-only set nor a registered data set (see annotbench datasets)";
      });
  for (const DatasetEntry& setting : settings)
    for (const std::uint64_t seed : seeds) {
      ExperimentCell cell;
      cell.kind = kAnnotationQualityKind;
      cell.setting = setting.setting;
      cell.dataset = setting.dataset;
      cell.method = kQualityReportMethod;
      cell.training.seed = seed;
      cell.training.epochs = 0;
      experiment.cells.push_back(std::move(cell));
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
