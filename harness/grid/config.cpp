#include "harness/grid/config.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "datasets/input_error.h"
#include "harness/grid/field_reader.h"
#include "harness/protocols/protocol.h"

namespace annotbench {

namespace {

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
  const Protocol* protocol = nullptr;
  if (config.is_object() && config.contains("kind") && config.at("kind").is_string())
    protocol = find_protocol(config.at("kind").get<std::string>());
  return (protocol != nullptr ? *protocol : protocol_for_kind("")).parse_config(config, path);
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
