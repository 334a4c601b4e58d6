#include "harness/grid/sweep.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "datasets/joined_text.h"
#include "harness/grid/field_reader.h"

namespace annotbench {

namespace {

struct NamedAxis {
  const char* axis;
  const char* field;
  bool whole;    // the field takes whole numbers
  bool in_list;  // the field takes a list (one rate for all annotators, one count of labels)
};

const NamedAxis kNamedAxes[] = {
    {"noise_rate", "simulator.rates", false, true},
    {"annotators", "simulator.annotators", true, false},
    {"labels_per_instance", "simulator.labels_per_instance", true, true},
    {"missing_fraction", "simulator.missing_fraction", false, false},
};

// "0.95", "10": the value as the setting's name shows it.
std::string value_text(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) return std::to_string(static_cast<long long>(value));
  std::ostringstream text;
  text.precision(15);
  text << value;
  return text.str();
}

std::vector<std::string> split_path(const std::string& field) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(field);
  while (std::getline(in, part, '.')) parts.push_back(part);
  return parts;
}

std::string default_sweep_name(const nlohmann::json& entry) {
  const std::string dataset = entry.value("dataset", std::string());
  if (entry.contains("simulator") && entry.at("simulator").is_object() && entry.at("simulator").contains("kind") &&
      entry.at("simulator").at("kind").is_string())
    return dataset + " (" + entry.at("simulator").at("kind").get<std::string>() + ")";
  return dataset;
}

}  // namespace

const std::vector<std::string>& named_sweep_axes() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const NamedAxis& axis : kNamedAxes) list.push_back(axis.axis);
    return list;
  }();
  return names;
}

std::vector<SettingEntry> expand_sweeps(const nlohmann::json& datasets, const std::string& path) {
  std::vector<SettingEntry> entries;
  for (std::size_t d = 0; d < datasets.size(); ++d) {
    const nlohmann::json& entry = datasets[d];
    const std::string field = "datasets[" + std::to_string(d) + "]";
    if (!entry.is_object() || !entry.contains("sweep")) {
      entries.push_back({entry, field, std::nullopt});
      continue;
    }
    const FieldReader sweep(entry.at("sweep"), path, field + ".sweep");
    sweep.reject_unknown({"axis", "field", "values"});
    const std::string axis = sweep.text("axis", "");
    if (axis.empty()) sweep.fail("axis", "missing: name the axis (" + join(named_sweep_axes(), ", ") + ", or any name with a field)");
    const NamedAxis* named = nullptr;
    for (const NamedAxis& known : kNamedAxes)
      if (axis == known.axis) named = &known;
    std::string target = sweep.text("field", named ? named->field : "");
    if (target.empty())
      sweep.fail("field", "missing: axis \"" + axis + "\" is none of " + join(named_sweep_axes(), ", ") +
                              ", so the sweep must say which field it sets (e.g. \"simulator.options.spammer_share\")");
    const std::vector<std::string> parts = split_path(target);
    const bool known_part = parts.size() >= 2 && (parts[0] == "simulator" || parts[0] == "split" || parts[0] == "recipe");
    if (!known_part || std::any_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); }))
      sweep.fail("field", "expected a dotted path into the setting's simulator, split or recipe, got \"" + target + "\"");
    if (parts[0] == "simulator" && !(entry.contains("simulator") && entry.at("simulator").is_object()))
      sweep.fail("field", "\"" + target + "\" varies the simulator, but " + field + " has none");

    const nlohmann::json& values = entry.at("sweep").contains("values") ? entry.at("sweep").at("values") : nlohmann::json();
    if (!values.is_array() || values.empty()) sweep.fail("values", "expected a non-empty list of numbers");
    const bool whole = named && named->whole;
    const std::string name = entry.value("setting", default_sweep_name(entry));
    std::vector<double> seen;
    for (std::size_t k = 0; k < values.size(); ++k) {
      const std::string value_field = "values[" + std::to_string(k) + "]";
      const nlohmann::json& value = values[k];
      if (!value.is_number() || !std::isfinite(value.get<double>())) sweep.fail(value_field, "expected a number, got " + value.dump());
      const double number = value.get<double>();
      if (whole && number != std::floor(number)) sweep.fail(value_field, axis + " takes whole numbers, got " + value.dump());
      if (std::find(seen.begin(), seen.end(), number) != seen.end())
        sweep.fail(value_field, value.dump() + " is listed twice (its cells would run twice)");
      seen.push_back(number);

      nlohmann::json expanded = entry;
      expanded.erase("sweep");
      nlohmann::json* slot = &expanded;
      for (const std::string& part : parts) {
        if (slot->is_null()) *slot = nlohmann::json::object();  // e.g. a simulator without "options" yet
        if (!slot->is_object()) sweep.fail("field", "\"" + target + "\" passes through a field that is not an object");
        slot = &(*slot)[part];
      }
      const nlohmann::json set = whole ? nlohmann::json(static_cast<long long>(number)) : nlohmann::json(number);
      *slot = named && named->in_list ? nlohmann::json::array({set}) : set;
      expanded["setting"] = name + " [" + axis + "=" + value_text(number) + "]";
      entries.push_back({std::move(expanded), field, SweepPoint{name, axis, number}});
    }
  }
  return entries;
}

nlohmann::json sweep_to_json(const std::optional<SweepPoint>& sweep) {
  if (!sweep) return nullptr;
  return {{"name", sweep->name}, {"axis", sweep->axis}, {"value", sweep->value}};
}

}  // namespace annotbench
