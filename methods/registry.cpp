#include <algorithm>

#include "datasets/input_error.h"
#include "methods/method.h"

namespace annotbench {

// One declaration and one table row per method; each make_* lives in that method's own file.

std::unique_ptr<Method> make_geo_reg_f(const MethodOptions& options);
std::unique_ptr<Method> make_geo_reg_w(const MethodOptions& options);
std::unique_ptr<Method> make_conal(const MethodOptions& options);
std::unique_ptr<Method> make_union_net_a(const MethodOptions& options);
std::unique_ptr<Method> make_union_net_b(const MethodOptions& options);
std::unique_ptr<Method> make_crowd_ar(const MethodOptions& options);

const std::vector<MethodInfo>& registered_methods() {
  static const std::vector<MethodInfo> methods = {
      {"geo-reg-f", "GeoCrowdNet: coupled cross-entropy + log-det volume of the GT outputs", make_geo_reg_f},
      {"geo-reg-w", "GeoCrowdNet: coupled cross-entropy + log-det volume of the confusion matrices",
       make_geo_reg_w},
      {"conal", "CoNAL: common and individual noise-adaptation layers, instance/annotator mixing",
       make_conal},
      {"union-net-a", "UnionNet-A: one transition to the union label space, softmax after it",
       make_union_net_a},
      {"union-net-b", "UnionNet-B: one column-normalised transition to the union label space",
       make_union_net_b},
      {"crowd-ar", "CrowdAR: confusion matrices with a reliability-weighted loss", make_crowd_ar},
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
