// Configs without a "kind": data-set settings x methods x seeds, each setting trained with its data
// set's recipe (datasets/recipes.h) and the overrides the config gives.

#include <algorithm>
#include <set>

#include "datasets/input_error.h"
#include "harness/grid/cell_checks.h"
#include "harness/grid/config.h"
#include "harness/grid/field_reader.h"
#include "harness/grid/sweep.h"
#include "harness/protocols/learning/training_recipe.h"

namespace annotbench {

namespace {

// A subsample of more instances than any registered table has is a typo.
constexpr long long kLargestSubsample = 100000000;

// The fields of a training recipe a config may set: at its top level for every setting, or in a
// setting's "recipe" object for that one (which wins). "weight_decay" sets both decays.
const std::vector<std::string> kRecipeFields = {"epochs",          "batch_size",      "eval_batch_size",
                                                "learning_rate",   "weight_decay",    "gt_weight_decay",
                                                "ap_weight_decay", "hidden_widths",   "dropout"};

// Applies the recipe fields `reader` holds to `recipe`, adding each field it sets to `overridden`.
void override_recipe(const FieldReader& reader, TrainingRecipe& recipe, std::vector<std::string>& overridden) {
  const auto note = [&](const std::string& key) {
    if (!reader.has(key)) return false;
    if (std::find(overridden.begin(), overridden.end(), key) == overridden.end()) overridden.push_back(key);
    return true;
  };
  if (note("epochs")) recipe.epochs = static_cast<int>(reader.integer("epochs", 0, 1, kMostEpochs));
  if (note("batch_size")) recipe.batch_size = static_cast<int>(reader.integer("batch_size", 0, 1, kLargestBatch));
  if (note("eval_batch_size"))
    recipe.eval_batch_size = static_cast<int>(reader.integer("eval_batch_size", 0, 1, kLargestBatch));
  if (note("learning_rate")) recipe.learning_rate = reader.number("learning_rate", 0);
  if (note("weight_decay")) recipe.gt_weight_decay = recipe.ap_weight_decay = reader.number("weight_decay", 0);
  if (note("gt_weight_decay")) recipe.gt_weight_decay = reader.number("gt_weight_decay", 0);
  if (note("ap_weight_decay")) recipe.ap_weight_decay = reader.number("ap_weight_decay", 0);
  if (note("dropout")) recipe.dropout = reader.number("dropout", 0);
  if (note("hidden_widths")) {
    recipe.hidden_widths.clear();
    for (const long long width : reader.integers("hidden_widths", 1, 65536)) recipe.hidden_widths.push_back(width);
  }
}

}  // namespace

ExperimentConfig parse_learning_config(const nlohmann::json& config, const std::string& path) {
  const FieldReader top(config, path, "");
  std::vector<std::string> top_fields = {"name", "description", "device", "seeds", "split", "datasets", "methods"};
  top_fields.insert(top_fields.end(), kRecipeFields.begin(), kRecipeFields.end());
  top.reject_unknown(top_fields);
  ExperimentConfig experiment;
  experiment.path = path;
  experiment.name = top.text("name", "experiment");
  // The name becomes a file name in the results directory: a '/' or '..' would write elsewhere, and
  // "" would make a hidden ".jsonl" beside other experiments' results (D5).
  if (!is_file_name_token(experiment.name))
    top.fail("name", "expected a file-name token (letters, digits, '.', '_', '-'; not starting with '.'), got \"" +
                         experiment.name + "\"");

  const std::string device = top.text("device", TrainingSettings{}.device);

  // Read as integers, not doubles: 9007199254740993 must not become ...992 (probe W10).
  std::vector<std::uint64_t> seeds;
  for (const long long seed : top.integers("seeds", 0, kLargestSeed)) {
    if (std::find(seeds.begin(), seeds.end(), static_cast<std::uint64_t>(seed)) != seeds.end())
      top.fail("seeds", "seed " + std::to_string(seed) + " is listed twice");
    seeds.push_back(static_cast<std::uint64_t>(seed));
  }
  if (seeds.empty()) seeds.push_back(0);

  SplitSpec split;
  if (top.has("split")) {
    const FieldReader reader(config.at("split"), path, "split");
    reader.reject_unknown({"test_fraction", "valid_size"});
    split.test_fraction = reader.number("test_fraction", split.test_fraction);
    split.valid_size = reader.number("valid_size", split.valid_size);
  }

  if (!top.has("datasets") || !config.at("datasets").is_array() || config.at("datasets").empty())
    top.fail("datasets", "expected a non-empty list of data-set settings");
  if (!top.has("methods") || !config.at("methods").is_array() || config.at("methods").empty())
    top.fail("methods", "expected a non-empty list of methods");

  struct MethodEntry {
    std::string name;
    MethodOptions options;
    std::string label;
  };
  std::vector<MethodEntry> methods;
  std::map<std::string, std::size_t> entry_of_label;
  for (std::size_t k = 0; k < config.at("methods").size(); ++k) {
    const nlohmann::json& entry = config.at("methods")[k];
    const std::string field = "methods[" + std::to_string(k) + "]";
    if (entry.is_string()) {
      methods.push_back({entry.get<std::string>(), {}, ""});
      continue;
    }
    const FieldReader reader(entry, path, field);
    reader.reject_unknown({"method", "options", "label"});
    methods.push_back({reader.text("method", ""), reader.number_map("options"), reader.text("label", "")});
    if (methods.back().name.empty()) reader.fail("method", "missing method name");
    // Two experiments under one name would be averaged together by every report.
    const std::string& label = methods.back().label;
    if (!label.empty()) {
      if (const auto [earlier, added] = entry_of_label.emplace(label, k); !added)
        reader.fail("label", "\"" + label + "\" also names methods[" + std::to_string(earlier->second) + "]");
    }
  }
  // A cell listed twice would be trained twice and counted twice by anything that averages rows (W9).
  for (std::size_t k = 0; k < methods.size(); ++k)
    for (std::size_t j = 0; j < k; ++j)
      if (methods[k].name == methods[j].name && methods[k].options == methods[j].options)
        throw InputError(path, 0, "methods[" + std::to_string(k) + "]",
                         "the same method and options as methods[" + std::to_string(j) + "]");
  std::map<std::string, std::size_t> entry_of_setting;
  const std::vector<SettingEntry> settings = expand_sweeps(config.at("datasets"), path);
  for (std::size_t d = 0; d < settings.size(); ++d) {
    const nlohmann::json& entry = settings[d].entry;
    const std::string& field = settings[d].field;
    const FieldReader reader(entry, path, field);
    reader.reject_unknown({"dataset", "simulator", "setting", "split", "recipe", "subsample", "annotator_features",
                           "held_out_annotators"});
    const std::string dataset = reader.text("dataset", "");
    if (dataset.empty()) reader.fail("dataset", "missing data set name");
    // The data set's own recipe, then the config's fields for every setting, then this setting's.
    TrainingRecipe recipe = training_recipe(dataset);
    std::vector<std::string> overridden;
    override_recipe(top, recipe, overridden);
    if (reader.has("recipe")) {
      const FieldReader recipe_reader(entry.at("recipe"), path, field + ".recipe");
      recipe_reader.reject_unknown(kRecipeFields);
      override_recipe(recipe_reader, recipe, overridden);
    }
    TrainingSettings training = training_settings(recipe);
    training.device = device;
    const std::string source = recipe_source(recipe, overridden);
    SimulationConfig simulation;
    if (reader.has("simulator")) simulation = simulation_from_json(entry.at("simulator"), path, field + ".simulator");
    SplitSpec setting_split = split;
    if (reader.has("split")) {
      const FieldReader split_reader(entry.at("split"), path, field + ".split");
      split_reader.reject_unknown({"test_fraction", "valid_size"});
      setting_split.test_fraction = split_reader.number("test_fraction", split.test_fraction);
      setting_split.valid_size = split_reader.number("valid_size", split.valid_size);
    }
    SettingData setting_data;
    setting_data.subsample = static_cast<std::size_t>(reader.integer("subsample", 0, 2, kLargestSubsample));
    setting_data.annotator_features = reader.text("annotator_features", "");
    if (setting_data.annotator_features == "one-hot") setting_data.annotator_features.clear();
    setting_data.held_out_annotators = reader.number("held_out_annotators", 0.0);
    const std::string setting = reader.text("setting", default_setting_label(dataset, simulation));
    nlohmann::json setting_identity = prepared_data_identity(dataset, simulation, setting_split, setting_data);
    setting_identity["recipe"] = recipe_to_json(training, "");
    const std::string identity = setting_identity.dump();
    if (const auto [earlier, added] = entry_of_setting.emplace(identity, d); !added)
      reader.fail("dataset", "the same data set, simulator, split and recipe as " + settings[earlier->second].field +
                                 " (each cell would run twice)");
    for (const std::uint64_t seed : seeds) {
      for (const MethodEntry& method : methods) {
        ExperimentCell cell;
        cell.setting = setting;
        cell.dataset = dataset;
        cell.simulation = simulation;
        cell.split = setting_split;
        cell.setting_data = setting_data;
        cell.method = method.name;
        cell.method_options = method.options;
        cell.method_label = method.label;
        cell.training = training;
        cell.training.seed = seed;
        cell.recipe_source = source;
        cell.sweep = settings[d].sweep;
        experiment.cells.push_back(std::move(cell));
      }
    }
  }
  // Every setting is checked now, not when its first cell runs after hours of others (probe U7):
  // one cell per data-set entry and method (the seeds change nothing that can be wrong).
  const std::size_t per_entry = seeds.size() * methods.size();
  for (std::size_t d = 0; d < settings.size(); ++d) {
    for (std::size_t k = 0; k < methods.size(); ++k) {
      const std::optional<SettingProblem> problem = first_problem(experiment.cells[d * per_entry + k]);
      if (!problem) continue;
      const std::string& entry = settings[d].field;
      const bool own_split = settings[d].entry.contains("split");
      std::string field = problem->field;
      if (field == "method") field = "methods[" + std::to_string(k) + "]";
      else if (field == "dataset" || field == "simulator" || field == "annotator_features" ||
               field == "held_out_annotators" || (own_split && field.rfind("split", 0) == 0))
        field = entry + "." + field;
      else if (const nlohmann::json& setting = settings[d].entry;
               setting.contains("recipe") && setting.at("recipe").is_object() && setting.at("recipe").contains(field))
        field = entry + ".recipe." + field;
      throw InputError(path, 0, field, problem->problem);
    }
  }

  return experiment;
}

}  // namespace annotbench
