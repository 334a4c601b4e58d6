// Configs of kind "truth-inference": aggregators x label-only crowd sets x seeds.
//
//   {"name": "truth-inference", "kind": "truth-inference", "seeds": [0, 1, 2, 3, 4],
//    "datasets": ["d-sentiment", {"dataset": "s-rel", "setting": "S_Rel"}],
//    "methods": ["mv", "ds", {"method": "glad", "options": {...}}],
//    "gold_shares": [0.1, 0.3]}
//
// "gold_shares" (optional) adds, per set and share, a setting "<set> gold <share>" in which that share
// of the gold items, drawn from each cell's seed, is left out of the score and handed to the
// aggregators that use known answers ("<method>"), beside the same aggregator not given them
// ("<method> without gold": the baseline on the same items). Aggregators that ignore known answers
// run once per such setting, not given them; gold-mv, which needs them, only given them and only in
// those settings.
//
// Every aggregator runs for every seed, deterministic ones too: it costs little, and every cell of
// the rank table then averages the same number of rows.

#include <algorithm>
#include <map>

#include "datasets/input_error.h"
#include "datasets/number_text.h"
#include "harness/grid/config.h"
#include "harness/grid/config_lists.h"
#include "harness/grid/method_entries.h"
#include "harness/protocols/truth_inference/truth_inference.h"

namespace annotbench {

ExperimentConfig parse_truth_inference_config(const nlohmann::json& config, const std::string& path) {
  const auto fail = [&](const std::string& field, const std::string& problem) {
    throw InputError(path, 0, field, problem);
  };
  for (const auto& [key, value] : config.items())
    if (key != "name" && key != "description" && key != "kind" && key != "seeds" && key != "datasets" &&
        key != "methods" && key != "gold_shares")
      fail(key, "unknown field (known: name, description, kind, seeds, datasets, methods, gold_shares)");
  ExperimentConfig experiment;
  experiment.path = path;
  experiment.name = config.value("name", std::string("truth-inference"));

  const std::vector<std::uint64_t> seeds = read_seed_list(config, path);
  const std::vector<DatasetEntry> settings =
      read_dataset_entries(config, path, "label-only sets (see annotbench datasets)", [](const std::string& name) {
        if (is_label_only_set(name)) return std::string();
        std::string known;
        for (const LabelOnlySet& set : label_only_sets()) known += (known.empty() ? "" : ", ") + set.name;
        return "unknown label-only set '" + name + "' (known: " + known + ")";
      });

  // Building each aggregator checks its options, and says how it takes known answers.
  std::map<std::string, GoldUse> gold_use;
  const std::vector<NamedMethodEntry> methods = read_method_entries(
      config, path, {"aggregators", "an aggregator", "aggregator"}, [&gold_use](const NamedMethodEntry& method) {
        gold_use[method.name] = make_aggregator(method.name, method.options)->gold_use();
      });

  std::vector<double> gold_shares;
  if (config.contains("gold_shares")) {
    const nlohmann::json& list = config.at("gold_shares");
    if (!list.is_array() || list.empty()) fail("gold_shares", "expected a non-empty list of shares in (0, 1)");
    for (const nlohmann::json& share : list) {
      if (!share.is_number() || !(share.get<double>() > 0.0 && share.get<double>() < 1.0))
        fail("gold_shares", "expected shares in (0, 1), got " + share.dump());
      if (std::find(gold_shares.begin(), gold_shares.end(), share.get<double>()) != gold_shares.end())
        fail("gold_shares", "share " + share.dump() + " is listed twice");
      gold_shares.push_back(share.get<double>());
    }
  }
  const auto add_cell = [&](const DatasetEntry& setting, const std::string& label, const NamedMethodEntry& method,
                            std::uint64_t seed, std::shared_ptr<const KnownAnswers> known, const std::string& row_label) {
    ExperimentCell cell;
    cell.kind = kTruthInferenceKind;
    cell.setting = label;
    cell.dataset = setting.dataset;
    cell.method = method.name;
    cell.method_options = method.options;
    cell.method_label = row_label;
    cell.training.seed = seed;
    cell.training.epochs = 0;
    cell.details = std::move(known);
    experiment.cells.push_back(std::move(cell));
  };
  for (const DatasetEntry& setting : settings)
    for (const std::uint64_t seed : seeds)
      for (const NamedMethodEntry& method : methods)
        if (gold_use.at(method.name) != GoldUse::required)
          add_cell(setting, setting.setting, method, seed, nullptr, "");
  for (const DatasetEntry& setting : settings)
    for (const double share : gold_shares) {
      const std::string label = setting.setting + " gold " + short_number(share);
      for (const DatasetEntry& other : settings)
        if (other.setting == label) fail("gold_shares", "setting '" + label + "' is also listed under datasets");
      for (const std::uint64_t seed : seeds)
        for (const NamedMethodEntry& method : methods) {
          const GoldUse use = gold_use.at(method.name);
          if (use != GoldUse::ignored) add_cell(setting, label, method, seed, std::make_shared<KnownAnswers>(share, true), "");
          if (use != GoldUse::required)
            add_cell(setting, label, method, seed, std::make_shared<KnownAnswers>(share, false),
                     use == GoldUse::ignored ? "" : method.name + " without gold");
        }
    }
  return experiment;
}

}  // namespace annotbench
