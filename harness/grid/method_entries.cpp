#include "harness/grid/method_entries.h"

#include "datasets/input_error.h"

namespace annotbench {

std::vector<NamedMethodEntry> read_method_entries(const nlohmann::json& config, const std::string& path,
                                                  const MethodEntryWording& wording,
                                                  const std::function<void(const NamedMethodEntry&)>& build) {
  const auto fail = [&](const std::string& field, const std::string& problem) {
    throw InputError(path, 0, field, problem);
  };
  std::vector<NamedMethodEntry> methods;
  if (!config.contains("methods") || !config.at("methods").is_array() || config.at("methods").empty())
    fail("methods", "expected a non-empty list of " + wording.plural + " (see annotbench methods)");
  for (std::size_t k = 0; k < config.at("methods").size(); ++k) {
    const nlohmann::json& entry = config.at("methods")[k];
    const std::string field = "methods[" + std::to_string(k) + "]";
    NamedMethodEntry method;
    if (entry.is_string()) {
      method.name = entry.get<std::string>();
    } else if (entry.is_object() && entry.contains("method") && entry.at("method").is_string()) {
      method.name = entry.at("method").get<std::string>();
      for (const auto& [key, value] : entry.items())
        if (key != "method" && key != "options") fail(field + "." + key, "unknown field (known: method, options)");
      if (entry.contains("options")) {
        if (!entry.at("options").is_object()) fail(field + ".options", "expected an object of numbers");
        for (const auto& [key, value] : entry.at("options").items()) {
          if (!value.is_number()) fail(field + ".options." + key, "expected a number, got " + value.dump());
          method.options[key] = value.get<double>();
        }
      }
    } else {
      fail(field, "expected " + wording.with_article + " name or {\"method\": NAME, \"options\": {...}}");
    }
    try {
      build(method);  // unknown names and options fail now, not later
    } catch (const ConfigError& error) {
      fail(field, error.what());
    }
    for (const NamedMethodEntry& earlier : methods)
      if (earlier.name == method.name && earlier.options == method.options)
        fail(field, wording.singular + " '" + method.name + "' with these options is listed twice");
    methods.push_back(method);
  }
  return methods;
}

}  // namespace annotbench
