// Configs of kind "active": active learning against noisy oracles (DARL spec §6).
//
//   {"name": "darl", "kind": "active", "seeds": [0, 1, 2, 3, 4],
//    "datasets": ["letter", "satellite"],
//    "oracles": [{"kind": "symmetric", "rates": [0.2, 0.4]}, {"kind": "instance-dependent", "rates": [0.2]}],
//    "strategies": ["passive", "al-entropy", "darl-both"],
//    "options": {"relabel_share": 0.2, "relabel_from_round": 3}}
//
// A seed fixes the split, the seed set, the oracle's randomness and the model inits; every strategy of
// a seed shares them, so comparisons are paired. "options" apply to every cell (active_option_names());
// budgets default to the spec's per data set. An oracle entry may add "stickiness" (sticky oracle).

#include <algorithm>
#include <sstream>

#include "datasets/input_error.h"
#include "datasets/number_text.h"
#include "datasets/registry.h"
#include "harness/protocols/active/active_learning.h"
#include "harness/grid/config.h"
#include "harness/grid/experiment.h"
#include "methods/acquisition/acquisition.h"

namespace annotbench {

ExperimentConfig parse_active_config(const nlohmann::json& config, const std::string& path) {
  const auto fail = [&](const std::string& field, const std::string& problem) {
    throw InputError(path, 0, field, problem);
  };
  if (!config.is_object()) fail("", "expected a JSON object");
  for (const auto& [key, value] : config.items())
    if (key != "name" && key != "description" && key != "kind" && key != "seeds" && key != "datasets" &&
        key != "oracles" && key != "strategies" && key != "options")
      fail(key, "unknown field (known: name, description, kind, seeds, datasets, oracles, strategies, options)");
  ExperimentConfig experiment;
  experiment.path = path;
  experiment.name = config.value("name", std::string("active"));
  if (!is_file_name_token(experiment.name)) fail("name", "expected a file-name token, got \"" + experiment.name + "\"");

  std::vector<std::uint64_t> seeds{0};
  if (config.contains("seeds")) {
    seeds.clear();
    const nlohmann::json& list = config.at("seeds");
    if (!list.is_array() || list.empty()) fail("seeds", "expected a non-empty list of whole numbers >= 0");
    for (const nlohmann::json& seed : list) {
      if (!seed.is_number_integer() || seed.get<long long>() < 0) fail("seeds", "expected whole numbers >= 0, got " + seed.dump());
      if (std::find(seeds.begin(), seeds.end(), seed.get<std::uint64_t>()) != seeds.end())
        fail("seeds", "seed " + seed.dump() + " is listed twice");
      seeds.push_back(seed.get<std::uint64_t>());
    }
  }

  const auto names = [&](const char* field) {
    std::vector<std::string> list;
    if (!config.contains(field) || !config.at(field).is_array() || config.at(field).empty())
      fail(field, "expected a non-empty list of names");
    for (const nlohmann::json& entry : config.at(field)) {
      if (!entry.is_string()) fail(field, "expected names, got " + entry.dump());
      if (std::find(list.begin(), list.end(), entry.get<std::string>()) != list.end())
        fail(field, "'" + entry.get<std::string>() + "' is listed twice");
      list.push_back(entry.get<std::string>());
    }
    return list;
  };
  const std::vector<std::string> datasets = names("datasets");
  const auto& known = registered_datasets();
  for (std::size_t k = 0; k < datasets.size(); ++k)  // here, with the field (probe N25), not per cell
    if (std::none_of(known.begin(), known.end(), [&](const DatasetInfo& info) { return info.name == datasets[k]; }))
      fail("datasets[" + std::to_string(k) + "]", "unknown data set '" + datasets[k] + "' (see annotbench datasets)");
  const std::vector<std::string> strategies = names("strategies");
  for (std::size_t k = 0; k < strategies.size(); ++k) {
    try {
      make_strategy(strategies[k]);
    } catch (const ConfigError& error) {
      fail("strategies[" + std::to_string(k) + "]", error.what());
    }
  }

  struct Oracle {
    std::string kind;
    double rate = 0.0;
    std::map<std::string, double> options;
  };
  std::vector<Oracle> oracles;
  if (!config.contains("oracles") || !config.at("oracles").is_array() || config.at("oracles").empty())
    fail("oracles", "expected a non-empty list of {\"kind\": NAME, \"rates\": [...]}");
  for (std::size_t k = 0; k < config.at("oracles").size(); ++k) {
    const nlohmann::json& entry = config.at("oracles")[k];
    const std::string field = "oracles[" + std::to_string(k) + "]";
    if (!entry.is_object() || !entry.contains("kind") || !entry.at("kind").is_string())
      fail(field, "expected {\"kind\": NAME, \"rates\": [...]}");
    for (const auto& [key, value] : entry.items())
      if (key != "kind" && key != "rates" && key != "stickiness") fail(field + "." + key, "unknown field (known: kind, rates, stickiness)");
    const std::string kind = entry.at("kind").get<std::string>();
    try {
      find_oracle(kind);
    } catch (const ConfigError& error) {
      fail(field + ".kind", error.what());
    }
    std::vector<double> rates{0.0};
    if (entry.contains("rates")) {
      rates.clear();
      if (!entry.at("rates").is_array() || entry.at("rates").empty()) fail(field + ".rates", "expected a non-empty list of rates in [0, 1)");
      for (const nlohmann::json& rate : entry.at("rates")) {
        if (!rate.is_number() || !(rate.get<double>() >= 0.0 && rate.get<double>() < 1.0))
          fail(field + ".rates", "expected rates in [0, 1), got " + rate.dump());
        rates.push_back(rate.get<double>());
      }
    }
    std::map<std::string, double> options;
    if (entry.contains("stickiness")) {
      if (!entry.at("stickiness").is_number() || !(entry.at("stickiness").get<double>() >= 0.0 && entry.at("stickiness").get<double>() <= 1.0))
        fail(field + ".stickiness", "expected a value in [0, 1]");
      options["stickiness"] = entry.at("stickiness").get<double>();
    }
    for (const double rate : rates) {
      // A repeated oracle or rate made the same cells twice, and the run then spoke of "another
      // process" training half of them (probe N19).
      for (const Oracle& earlier : oracles)
        if (earlier.kind == kind && earlier.rate == rate && earlier.options == options)
          fail(field, "oracle '" + kind + "' at rate " + nlohmann::json(rate).dump() + " is listed twice");
      oracles.push_back({kind, rate, options});
    }
  }

  MethodOptions options;
  if (config.contains("options")) {
    if (!config.at("options").is_object()) fail("options", "expected an object of numbers");
    for (const auto& [key, value] : config.at("options").items()) {
      if (!value.is_number()) fail("options." + key, "expected a number, got " + value.dump());
      options[key] = value.get<double>();
    }
    try {
      active_settings_from_options(options, ActiveSettings{});
    } catch (const ConfigError& error) {
      fail("options", error.what());
    }
  }

  // Seeds outermost: a grid stopped early has every setting with fewer seeds, not some settings only.
  for (const std::uint64_t seed : seeds)
    for (const std::string& dataset : datasets)
      for (const Oracle& oracle : oracles)
        for (const std::string& strategy : strategies) {
          ExperimentCell cell;
          cell.kind = kActiveKind;
          cell.dataset = dataset;
          cell.setting = dataset + " (" + oracle.kind + " e=" + short_number(oracle.rate) + ")";
          cell.simulation.kind = oracle.kind;
          cell.simulation.num_annotators = 1;
          cell.simulation.rates = {oracle.rate};
          cell.simulation.options = oracle.options;
          cell.simulation.seed = seed;  // the split is the seed's (spec §6.1)
          cell.split.test_fraction = 0.2;
          cell.split.valid_size = 0.0;
          cell.method = strategy;
          cell.method_options = options;
          cell.training.seed = seed;
          cell.training.epochs = 0;
          experiment.cells.push_back(std::move(cell));
        }
  return experiment;
}

}  // namespace annotbench
