#pragma once
// The "methods" list of a config kind whose methods are built by name with numeric options (the
// truth-inference aggregators, the few-shot methods): each entry a name or {"method": NAME,
// "options": {...}}, each built once at load so that a typo fails before any cell runs.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace annotbench {

struct NamedMethodEntry {
  std::string name;
  std::map<std::string, double> options;
};

struct MethodEntryWording {
  std::string plural;     // "aggregators": the list's items in messages
  std::string with_article;  // "an aggregator"
  std::string singular;   // "aggregator"
};

// Throws InputError(path, 0, field, ...) for a missing or empty list, an entry of the wrong shape, an
// unknown field, a non-numeric option, whatever `build` throws as ConfigError, and an entry listed twice.
std::vector<NamedMethodEntry> read_method_entries(const nlohmann::json& config, const std::string& path,
                                                  const MethodEntryWording& wording,
                                                  const std::function<void(const NamedMethodEntry&)>& build);

}  // namespace annotbench
