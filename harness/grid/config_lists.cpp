#include "harness/grid/config_lists.h"

#include <algorithm>

#include "datasets/input_error.h"

namespace annotbench {

std::vector<std::uint64_t> read_seed_list(const nlohmann::json& config, const std::string& path) {
  const auto fail = [&](const std::string& problem) { throw InputError(path, 0, "seeds", problem); };
  if (!config.contains("seeds")) return {0};
  const nlohmann::json& list = config.at("seeds");
  if (!list.is_array() || list.empty()) fail("expected a non-empty list of whole numbers >= 0");
  std::vector<std::uint64_t> seeds;
  for (const nlohmann::json& seed : list) {
    if (!seed.is_number_integer() || seed.get<long long>() < 0) fail("expected whole numbers >= 0, got " + seed.dump());
    if (std::find(seeds.begin(), seeds.end(), seed.get<std::uint64_t>()) != seeds.end())
      fail("seed " + seed.dump() + " is listed twice");
    seeds.push_back(seed.get<std::uint64_t>());
  }
  return seeds;
}

std::vector<DatasetEntry> read_dataset_entries(const nlohmann::json& config, const std::string& path,
                                               const std::string& what,
                                               const std::function<std::string(const std::string&)>& check) {
  const auto fail = [&](const std::string& field, const std::string& problem) {
    throw InputError(path, 0, field, problem);
  };
  if (!config.contains("datasets") || !config.at("datasets").is_array() || config.at("datasets").empty())
    fail("datasets", "expected a non-empty list of " + what);
  std::vector<DatasetEntry> entries;
  for (std::size_t d = 0; d < config.at("datasets").size(); ++d) {
    const nlohmann::json& item = config.at("datasets")[d];
    const std::string field = "datasets[" + std::to_string(d) + "]";
    DatasetEntry entry;
    if (item.is_string()) {
      entry.dataset = item.get<std::string>();
    } else if (item.is_object() && item.contains("dataset") && item.at("dataset").is_string()) {
      for (const auto& [key, value] : item.items())
        if (key != "dataset" && key != "setting") fail(field + "." + key, "unknown field (known: dataset, setting)");
      entry.dataset = item.at("dataset").get<std::string>();
      if (item.contains("setting")) {
        if (!item.at("setting").is_string()) fail(field + ".setting", "expected a string");
        entry.setting = item.at("setting").get<std::string>();
      }
    } else {
      fail(field, "expected a set name or {\"dataset\": NAME, \"setting\": LABEL}");
    }
    const std::string problem = check(entry.dataset);
    if (!problem.empty()) fail(field, problem);
    if (entry.setting.empty()) entry.setting = entry.dataset;
    for (const DatasetEntry& earlier : entries)
      if (earlier.setting == entry.setting) fail(field, "setting '" + entry.setting + "' is listed twice");
    entries.push_back(entry);
  }
  return entries;
}

}  // namespace annotbench
