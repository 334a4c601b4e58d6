#include "reports/result_rows.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "datasets/input_error.h"
#include "datasets/line_reader.h"

namespace annotbench {

namespace {

// `object`'s string `key`; messages name it as `field` (the key, or its path in the row: "sweep.name").
std::string required_string(const nlohmann::json& object, const std::string& key, const std::string& file,
                            std::size_t line, const std::string& field = "") {
  const std::string& named = field.empty() ? key : field;
  const auto found = object.find(key);
  if (found == object.end()) throw InputError(file, line, named, "missing");
  if (!found->is_string() || found->get<std::string>().empty())
    throw InputError(file, line, named, "expected a non-empty string, got " + found->dump());
  return found->get<std::string>();
}

// Leaves of `value` under `path` ("simulator.rates") with their JSON text.
void flatten(const nlohmann::json& value, const std::string& path, std::map<std::string, std::string>& leaves) {
  if (value.is_object() && !value.empty()) {
    for (const auto& [key, item] : value.items()) flatten(item, path.empty() ? key : path + "." + key, leaves);
    return;
  }
  if (!path.empty()) leaves[path] = value.dump();
}

// Accuracies and error rates are fractions, losses are not negative, and nothing is infinite: a
// value outside this is a corrupt or hand-edited row, and would break the statistics (probe C3).
void check_metric_range(const std::string& name, double value, const std::string& file, std::size_t line) {
  const bool fraction = name.find("accuracy") != std::string::npos || name.find("_mae") != std::string::npos;
  const bool non_negative = name.find("loss") != std::string::npos;
  const auto shown = [&] {
    std::ostringstream text;
    text << value;
    return text.str();
  };
  if (!std::isfinite(value) || (fraction && !(value >= 0.0 && value <= 1.0)) || (non_negative && value < 0.0))
    throw InputError(file, line, "metrics." + name,
                     (fraction ? "expected a fraction in [0, 1], got " : non_negative ? "expected a value >= 0, got "
                                                                                      : "expected a finite value, got ") +
                         shown());
}

ResultRow row_from_json(const nlohmann::json& json, const std::string& file, std::size_t line) {
  if (!json.is_object()) throw InputError(file, line, "", "expected a JSON object per line");
  if (json.contains("schema") && json["schema"] != 1)
    throw InputError(file, line, "schema", "this version reads schema 1, got " + json["schema"].dump());
  ResultRow row;
  row.file = file;
  row.line = line;
  row.dataset = required_string(json, "dataset", file, line);
  // Rows written before settings existed are ranked by data set.
  row.setting = json.contains("setting") ? required_string(json, "setting", file, line) : row.dataset;
  row.method = required_string(json, "method", file, line);
  row.registered_method = row.method;
  // A config's name for a method and options (the paper's mv-base) is the row's name in reports.
  if (const auto label = json.find("label"); label != json.end()) {
    if (!label->is_string() || label->get<std::string>().empty())
      throw InputError(file, line, "label", "expected a non-empty string, got " + label->dump());
    row.method = label->get<std::string>();
  }
  if (const auto cell = json.find("cell"); cell != json.end() && cell->is_string()) row.cell = cell->get<std::string>();
  const auto seed = json.find("seed");
  if (seed == json.end()) throw InputError(file, line, "seed", "missing");
  if (!seed->is_number_integer()) throw InputError(file, line, "seed", "expected a whole number, got " + seed->dump());
  row.seed = seed->get<long long>();
  const auto metrics = json.find("metrics");
  if (metrics == json.end()) throw InputError(file, line, "metrics", "missing");
  if (!metrics->is_object()) throw InputError(file, line, "metrics", "expected an object, got " + metrics->dump());
  // Non-numeric entries (null for "not measured", per-annotator arrays) are not rankable metrics.
  for (const auto& [name, value] : metrics->items()) {
    if (!value.is_number()) continue;
    check_metric_range(name, value.get<double>(), file, line);
    row.metrics[name] = value.get<double>();
  }
  // The data file's path may differ between machines; its checksum is what identifies it.
  if (const auto data = json.find("data"); data != json.end() && data->is_object() && data->contains("checksum"))
    row.setting_identity["data.checksum"] = (*data)["checksum"].dump();
  for (const char* key : {"dataset", "simulator", "split", "setting_data", "epochs", "batch_size", "learning_rate", "recipe"})
    if (const auto found = json.find(key); found != json.end()) flatten(*found, key, row.setting_identity);
  // Where a recipe comes from, and the batch size of prediction, change no number.
  row.setting_identity.erase("recipe.source");
  row.setting_identity.erase("recipe.eval_batch_size");
  if (const auto classes = json.find("classes"); classes != json.end()) {
    if (!classes->is_number_integer() || classes->get<long long>() < 1 || classes->get<long long>() > 1000000)
      throw InputError(file, line, "classes", "expected a whole number of classes, got " + classes->dump());
    row.classes = static_cast<int>(classes->get<long long>());
  }
  if (const auto sweep = json.find("sweep"); sweep != json.end() && !sweep->is_null()) {
    if (!sweep->is_object()) throw InputError(file, line, "sweep", "expected an object, got " + sweep->dump());
    row.sweep = required_string(*sweep, "name", file, line, "sweep.name");
    row.sweep_axis = required_string(*sweep, "axis", file, line, "sweep.axis");
    const auto value = sweep->find("value");
    if (value == sweep->end()) throw InputError(file, line, "sweep.value", "missing");
    if (!value->is_number()) throw InputError(file, line, "sweep.value", "expected a number, got " + value->dump());
    row.sweep_value = value->get<double>();
  }
  if (const auto options = json.find("hyperparameters"); options != json.end()) flatten(*options, "", row.method_options);
  // An active-learning run's split and oracle follow its own seed (DARL spec §6.1): the simulator's
  // seed is the row's seed, not part of what makes the setting. Its budget is the data set's (spec
  // §6.1), shared by every strategy: part of the setting, not of the method.
  if (json.value("kind", std::string()) == "active") {
    row.setting_identity.erase("simulator.seed");
    for (const char* key : {"seed_size", "round_budget", "rounds", "budget"}) {
      const auto found = row.method_options.find(key);
      if (found == row.method_options.end()) continue;
      row.setting_identity[std::string("budget.") + key] = found->second;
      row.method_options.erase(found);
    }
  }
  return row;
}

std::vector<ResultRow> parse_result_lines(const TextLines& lines, std::ostream& warnings) {
  std::vector<ResultRow> rows;
  for (std::size_t i = 0; i < lines.lines.size(); ++i) {
    const TextLine& line = lines.lines[i];
    nlohmann::json json;
    try {
      json = nlohmann::json::parse(line.text);
    } catch (const nlohmann::json::parse_error& error) {
      // A row cut short by a killed run starts like one; a line that does not is no result row,
      // whatever else it is (probe K8: notes.jsonl was "an incomplete last line").
      if (line.text[line.text.find_first_not_of(" \t")] != '{')
        throw InputError(lines.path, line.number, "", "not a result row: a result file holds one JSON object per line");
      if (i + 1 == lines.lines.size()) {
        warnings << lines.path << ":" << line.number
                 << ": skipping an incomplete last line (a run stopped while writing it?)\n";
        continue;
      }
      throw InputError(lines.path, line.number, "", std::string("not valid JSON: ") + error.what());
    }
    rows.push_back(row_from_json(json, lines.path, line.number));
  }
  return rows;
}

}  // namespace

std::vector<ResultRow> parse_result_rows(const std::string& text, const std::string& file, std::ostream& warnings) {
  return parse_result_lines(text_lines_of(text, file), warnings);
}

std::vector<ResultRow> read_result_rows(const std::string& path, std::ostream& warnings) {
  namespace fs = std::filesystem;
  std::error_code error;
  std::vector<fs::path> files;
  if (fs::is_directory(path, error)) {
    for (fs::directory_iterator it(path, error), end; !error && it != end; it.increment(error))
      if (it->is_regular_file() && it->path().extension() == ".jsonl") files.push_back(it->path());
    if (error) throw InputError(path, 0, "", "cannot list the directory: " + error.message());
    std::sort(files.begin(), files.end());
    if (files.empty()) throw InputError(path, 0, "", "no *.jsonl result files in this directory");
  } else if (fs::exists(path, error)) {
    files.push_back(path);
  } else {
    throw InputError(path, 0, "", "no such file or directory");
  }
  std::vector<ResultRow> rows;
  for (const fs::path& file : files) {
    std::vector<ResultRow> file_rows = parse_result_lines(read_text_lines(file.string()), warnings);
    rows.insert(rows.end(), std::make_move_iterator(file_rows.begin()), std::make_move_iterator(file_rows.end()));
  }
  return rows;
}

}  // namespace annotbench
