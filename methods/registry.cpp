#include <algorithm>
#include <cmath>
#include <sstream>

#include "datasets/input_error.h"
#include "methods/method.h"

namespace annotbench {

// One declaration and one table row per method; each make_* lives in that method's own file.
std::unique_ptr<Method> make_ground_truth(const MethodOptions& options);
std::unique_ptr<Method> make_majority_vote(const MethodOptions& options);
std::unique_ptr<Method> make_annot_mix(const MethodOptions& options);
std::unique_ptr<Method> make_crowd_layer(const MethodOptions& options);
std::unique_ptr<Method> make_trace_reg(const MethodOptions& options);
std::unique_ptr<Method> make_madl(const MethodOptions& options);
std::unique_ptr<Method> make_geo_reg_f(const MethodOptions& options);
std::unique_ptr<Method> make_geo_reg_w(const MethodOptions& options);
std::unique_ptr<Method> make_conal(const MethodOptions& options);
std::unique_ptr<Method> make_union_net_a(const MethodOptions& options);
std::unique_ptr<Method> make_union_net_b(const MethodOptions& options);
std::unique_ptr<Method> make_crowd_ar(const MethodOptions& options);
std::vector<std::unique_ptr<Method>> fit_annot_mix_replicas(const MethodOptions& options, const Dataset& train,
                                                            const Dataset* valid, const TrainingSettings& settings,
                                                            const std::vector<std::uint64_t>& seeds);

std::vector<MethodInfo> two_stage_methods();

const std::vector<MethodInfo>& registered_methods() {
  static const std::vector<MethodInfo> methods = [] {
  std::vector<MethodInfo> list = {
      {"ground-truth", "upper bound: the GT model trained on the true labels", make_ground_truth},
      {"majority-vote", "lower bound: the GT model trained on each instance's majority vote", make_majority_vote},
      {"annot-mix", "mixup of (instance, annotator, label) triples with a GT and an AP model (Herde et al. 2024)",
       make_annot_mix, fit_annot_mix_replicas},
      {"crowd-layer", "per-annotator C x C matrix on the GT softmax (Rodrigues & Pereira 2018)", make_crowd_layer},
      {"trace-reg", "per-annotator confusion matrices with a trace penalty (Tanno et al. 2019)", make_trace_reg},
      {"geo-reg-f", "confusion matrices + log-det volume of the GT outputs (GeoCrowdNet, Ibrahim et al. 2023)",
       make_geo_reg_f},
      {"geo-reg-w", "confusion matrices + log-det volume of the confusions (GeoCrowdNet, Ibrahim et al. 2023)",
       make_geo_reg_w},
      {"conal", "common and individual noise-adaptation layers, instance/annotator mixing (Chu et al. 2021)",
       make_conal},
      {"union-net-a", "one transition to the union of all label spaces, softmax after it (Wei et al. 2022)",
       make_union_net_a},
      {"union-net-b", "one column-normalised transition to the union of all label spaces (Wei et al. 2022)",
       make_union_net_b},
      {"madl", "instance- and annotator-dependent confusion with annotator similarity weights (Herde et al. 2023)",
       make_madl},
      {"crowd-ar", "confusion matrices with a reliability-weighted loss (CrowdAR, Cao et al. 2023)", make_crowd_ar},
  };
  for (MethodInfo& info : two_stage_methods()) list.push_back(std::move(info));
  return list;
  }();
  return methods;
}

const MethodInfo& method_info(const std::string& name) {
  std::string known;
  for (const MethodInfo& info : registered_methods()) {
    if (info.name == name) return info;
    known += (known.empty() ? "" : ", ") + info.name;
  }
  throw ConfigError("unknown method '" + name + "'; known methods: " + known);
}

std::unique_ptr<Method> make_method(const std::string& name, const MethodOptions& options) {
  return method_info(name).make(options);
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

namespace {

std::string shown(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

}  // namespace

bool switch_option(const std::string& method, const MethodOptions& options, const std::string& key, bool fallback) {
  const double value = option_or(options, key, fallback ? 1.0 : 0.0);
  if (value != 0.0 && value != 1.0)
    throw ConfigError("method '" + method + "': option '" + key + "' is a switch: 0 or 1, got " + shown(value));
  return value == 1.0;
}

std::int64_t size_option(const std::string& method, const MethodOptions& options, const std::string& key,
                         std::int64_t fallback) {
  constexpr double kLargest = 65536;
  const double value = option_or(options, key, static_cast<double>(fallback));
  if (!(value >= 1 && value <= kLargest) || value != std::floor(value))
    throw ConfigError("method '" + method + "': option '" + key + "' must be a whole number from 1 to " +
                      shown(kLargest) + ", got " + shown(value));
  return static_cast<std::int64_t>(value);
}

double weight_option(const std::string& method, const MethodOptions& options, const std::string& key,
                     double fallback) {
  const double value = option_or(options, key, fallback);
  if (!(std::isfinite(value) && value >= 0))
    throw ConfigError("method '" + method + "': option '" + key + "' must be a finite number >= 0, got " +
                      shown(value));
  return value;
}

}  // namespace annotbench
