#include <algorithm>

#include "datasets/input_error.h"
#include "methods/method.h"

namespace annotbench {

// One declaration and one table row per method; each make_* lives in that method's own file.

const std::vector<MethodInfo>& registered_methods() {
  static const std::vector<MethodInfo> methods = {
  };
  return methods;
}

std::unique_ptr<Method> make_method(const std::string& name, const MethodOptions& options) {
  std::string known;
  for (const MethodInfo& info : registered_methods()) {
    if (info.name == name) return info.make(options);
    known += (known.empty() ? "" : ", ") + info.name;
  }
  throw ConfigError("unknown method '" + name + "'; known methods: " + known);
}

void check_option_names(const std::string& method, const MethodOptions& options,
                        const std::vector<std::string>& known) {
  for (const auto& [key, value] : options) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string list;
    for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
    throw ConfigError("method '" + method + "': unknown option '" + key + "'" +
                      (list.empty() ? " (it takes none)" : "; known options: " + list));
  }
}

double option_or(const MethodOptions& options, const std::string& key, double fallback) {
  const auto found = options.find(key);
  return found == options.end() ? fallback : found->second;
}

}  // namespace annotbench
