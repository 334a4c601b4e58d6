#include "harness/grid/config.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "datasets/input_error.h"
#include "harness/protocols/protocol.h"
#include "harness/grid/cell_checks.h"
#include "harness/protocols/learning/training_recipe.h"

namespace annotbench {

namespace {

// Bounds of the whole numbers a config gives; beyond them a value is a typo, not a setting.
constexpr long long kMostEpochs = 1000000;
constexpr long long kLargestBatch = 1 << 24;
constexpr long long kMostAnnotators = 1000000;
constexpr long long kLargestSeed = std::numeric_limits<long long>::max();

// Reads fields with messages that name the file and the JSON path of the field.
class FieldReader {
 public:
  FieldReader(const nlohmann::json& object, std::string path, std::string prefix)
      : object_(object), path_(std::move(path)), prefix_(std::move(prefix)) {}

  bool has(const std::string& key) const { return object_.is_object() && object_.contains(key); }
  std::string field(const std::string& key) const { return prefix_.empty() ? key : prefix_ + "." + key; }
  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    throw InputError(path_, 0, field(key), problem);
  }

  double number(const std::string& key, double fallback) const {
    if (!has(key)) return fallback;
    const nlohmann::json& value = object_.at(key);
    if (!value.is_number()) fail(key, "expected a number, got " + value.dump());
    return value.get<double>();
  }
  // A JSON whole number in [lowest, highest]: 2.7 or 4294967297 epochs must not be cut to 2 or
  // 1 (probe W10).
  long long integer(const std::string& key, long long fallback, long long lowest, long long highest) const {
    if (!has(key)) return fallback;
    return checked_integer(object_.at(key), key, lowest, highest);
  }
  // A whole number or a list of them, each in [lowest, highest].
  std::vector<long long> integers(const std::string& key, long long lowest, long long highest) const {
    std::vector<long long> values;
    if (!has(key)) return values;
    const nlohmann::json& value = object_.at(key);
    if (!value.is_array()) return {checked_integer(value, key, lowest, highest)};
    for (const nlohmann::json& item : value) values.push_back(checked_integer(item, key, lowest, highest));
    return values;
  }
  std::string text(const std::string& key, const std::string& fallback) const {
    if (!has(key)) return fallback;
    const nlohmann::json& value = object_.at(key);
    if (!value.is_string()) fail(key, "expected a string, got " + value.dump());
    return value.get<std::string>();
  }
  std::vector<double> numbers(const std::string& key) const {
    std::vector<double> values;
    if (!has(key)) return values;
    const nlohmann::json& value = object_.at(key);
    if (value.is_number()) return {value.get<double>()};
    if (!value.is_array()) fail(key, "expected a number or a list of numbers, got " + value.dump());
    for (const nlohmann::json& item : value) {
      if (!item.is_number()) fail(key, "expected a list of numbers, got " + value.dump());
      values.push_back(item.get<double>());
    }
    return values;
  }
  std::map<std::string, double> number_map(const std::string& key) const {
    std::map<std::string, double> values;
    if (!has(key)) return values;
    const nlohmann::json& value = object_.at(key);
    if (!value.is_object()) fail(key, "expected an object of numbers, got " + value.dump());
    for (const auto& [name, item] : value.items()) {
      if (item.is_boolean()) {
        values[name] = item.get<bool>() ? 1.0 : 0.0;
        continue;
      }
      if (!item.is_number()) fail(key + "." + name, "expected a number, got " + item.dump());
      values[name] = item.get<double>();
    }
    return values;
  }
  long long checked_integer(const nlohmann::json& value, const std::string& key, long long lowest,
                            long long highest) const {
    const std::string range = "[" + std::to_string(lowest) + ", " + std::to_string(highest) + "]";
    if (!value.is_number_integer()) fail(key, "expected a whole number, got " + value.dump());
    const bool too_large = value.is_number_unsigned() &&
                           value.get<unsigned long long>() > static_cast<unsigned long long>(highest);
    if (too_large || value.get<long long>() < lowest || value.get<long long>() > highest)
      fail(key, "must lie in " + range + ", got " + value.dump());
    return value.get<long long>();
  }
  void reject_unknown(const std::vector<std::string>& known) const {
    if (!object_.is_object()) throw InputError(path_, 0, prefix_, "expected an object, got " + object_.dump());
    for (const auto& [key, value] : object_.items()) {
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        std::string list;
        for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
        fail(key, "unknown field (known: " + list + ")");
      }
    }
  }

 private:
  const nlohmann::json& object_;
  std::string path_;
  std::string prefix_;
};

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

std::size_t line_of_offset(const std::string& text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(std::min(offset, text.size())), '\n'));
}

}  // namespace

bool is_file_name_token(const std::string& name) {
  if (name.empty() || name.size() > 100 || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}


SimulationConfig simulation_from_json(const nlohmann::json& description, const std::string& path,
                                      const std::string& field) {
  const FieldReader reader(description, path, field);
  reader.reject_unknown(
      {"kind", "annotators", "rates", "options", "labels_per_instance", "missing_fraction", "seed", "profile"});
  SimulationConfig simulation;
  simulation.kind = reader.text("kind", "");
  if (simulation.kind.empty()) reader.fail("kind", "missing: name a simulator (see annotbench simulate --help)");
  simulation.num_annotators = static_cast<std::size_t>(reader.integer("annotators", 10, 1, kMostAnnotators));
  simulation.rates = reader.numbers("rates");
  simulation.options = reader.number_map("options");
  for (const long long count : reader.integers("labels_per_instance", 1, kMostAnnotators))
    simulation.labels_per_instance.push_back(static_cast<int>(count));
  simulation.missing_fraction = reader.number("missing_fraction", 0.0);
  simulation.seed = static_cast<std::uint64_t>(reader.integer("seed", 0, 0, kLargestSeed));
  simulation.profile = reader.text("profile", "");
  try {
    return with_default_profile(simulation);
  } catch (const ConfigError&) {
    return simulation;  // an unknown kind is reported, with the field, by the setting's checks below
  }
}

ExperimentConfig parse_experiment_config(const nlohmann::json& config, const std::string& path) {
  // A config names its protocol by "kind"; one that names none, or a kind no protocol has, is read
  // as a learning config, whose field check then names the unknown "kind" (as before protocols).
  if (config.is_object() && config.contains("kind") && config.at("kind").is_string())
    for (const auto& protocol : registered_protocols())
      if (!protocol->kind().empty() && protocol->kind() == config.at("kind").get<std::string>())
        return protocol->parse_config(config, path);
  return protocol_for_kind("").parse_config(config, path);
}

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
  for (std::size_t d = 0; d < config.at("datasets").size(); ++d) {
    const nlohmann::json& entry = config.at("datasets")[d];
    const std::string field = "datasets[" + std::to_string(d) + "]";
    const FieldReader reader(entry, path, field);
    reader.reject_unknown({"dataset", "simulator", "setting", "split", "recipe"});
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
    const std::string setting = reader.text("setting", default_setting_label(dataset, simulation));
    const std::string identity = nlohmann::json{{"dataset", dataset},
                                                {"simulation", simulation_to_json(simulation)},
                                                {"split", {setting_split.test_fraction, setting_split.valid_size}},
                                                {"recipe", recipe_to_json(training, "")}}
                                     .dump();
    if (const auto [earlier, added] = entry_of_setting.emplace(identity, d); !added)
      reader.fail("dataset", "the same data set, simulator, split and recipe as datasets[" + std::to_string(earlier->second) +
                                 "] (each cell would run twice)");
    for (const std::uint64_t seed : seeds) {
      for (const MethodEntry& method : methods) {
        ExperimentCell cell;
        cell.setting = setting;
        cell.dataset = dataset;
        cell.simulation = simulation;
        cell.split = setting_split;
        cell.method = method.name;
        cell.method_options = method.options;
        cell.method_label = method.label;
        cell.training = training;
        cell.training.seed = seed;
        cell.recipe_source = source;
        experiment.cells.push_back(std::move(cell));
      }
    }
  }
  // Every setting is checked now, not when its first cell runs after hours of others (probe U7):
  // one cell per data-set entry and method (the seeds change nothing that can be wrong).
  const std::size_t per_entry = seeds.size() * methods.size();
  for (std::size_t d = 0; d < config.at("datasets").size(); ++d) {
    for (std::size_t k = 0; k < methods.size(); ++k) {
      const std::optional<SettingProblem> problem = first_problem(experiment.cells[d * per_entry + k]);
      if (!problem) continue;
      const std::string entry = "datasets[" + std::to_string(d) + "]";
      const bool own_split = config.at("datasets")[d].contains("split");
      std::string field = problem->field;
      if (field == "method") field = "methods[" + std::to_string(k) + "]";
      else if (field == "dataset" || field == "simulator" || (own_split && field.rfind("split", 0) == 0))
        field = entry + "." + field;
      else if (const nlohmann::json& setting = config.at("datasets")[d];
               setting.contains("recipe") && setting.at("recipe").is_object() && setting.at("recipe").contains(field))
        field = entry + ".recipe." + field;
      throw InputError(path, 0, field, problem->problem);
    }
  }

  return experiment;
}

ExperimentConfig load_experiment_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "cannot open config");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  nlohmann::json config;
  // JSON keeps the last of two equal keys, so "epochs" written twice would silently take the
  // second value (probe W10): each open object or list remembers its JSON path and its keys.
  struct Open {
    std::string path;
    bool list = false;
    std::size_t next_index = 0;
    std::set<std::string> keys;
  };
  std::vector<Open> open;
  std::string last_key;
  const auto child_path = [&]() -> std::string {
    if (open.empty()) return "";
    Open& parent = open.back();
    if (parent.list) return parent.path + "[" + std::to_string(parent.next_index++) + "]";
    return parent.path.empty() ? last_key : parent.path + "." + last_key;
  };
  const auto reject_duplicate_keys = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (event == Event::object_start || event == Event::array_start) {
      Open child;
      child.path = child_path();
      child.list = event == Event::array_start;
      open.push_back(std::move(child));
    } else if (event == Event::object_end || event == Event::array_end) {
      open.pop_back();
    } else if (event == Event::value) {
      if (!open.empty() && open.back().list) ++open.back().next_index;
    } else if (event == Event::key) {
      last_key = parsed.get<std::string>();
      if (!open.back().keys.insert(last_key).second)
        throw InputError(path, 0, open.back().path.empty() ? last_key : open.back().path + "." + last_key,
                         "key given twice in one object");
    }
    return true;
  };
  try {
    config = nlohmann::json::parse(text, reject_duplicate_keys);
  } catch (const nlohmann::json::parse_error& error) {
    throw InputError(path, line_of_offset(text, error.byte), "", std::string("invalid JSON: ") + error.what());
  }
  return parse_experiment_config(config, path);
}

std::vector<ExperimentCell> shard_cells(const std::vector<ExperimentCell>& cells, int index, int count) {
  if (count < 1 || index < 1 || index > count)
    throw ConfigError("--shard must be I/N with 1 <= I <= N, got " + std::to_string(index) + "/" + std::to_string(count));
  std::vector<ExperimentCell> mine;
  for (std::size_t k = 0; k < cells.size(); ++k)
    if (static_cast<int>(k % static_cast<std::size_t>(count)) == index - 1) mine.push_back(cells[k]);
  return mine;
}

}  // namespace annotbench
