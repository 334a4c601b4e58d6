#include "harness/store/row_checks.h"

#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace annotbench {

namespace {

// The path and value of the first non-finite number below `value`, which sits at `path`.
std::optional<std::pair<std::string, double>> first_non_finite(const nlohmann::json& value, const std::string& path) {
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (std::isfinite(number)) return std::nullopt;
    return std::make_pair(path, number);
  }
  if (value.is_object()) {
    for (const auto& [key, item] : value.items())
      if (auto found = first_non_finite(item, path.empty() ? key : path + "." + key)) return found;
  } else if (value.is_array()) {
    for (std::size_t k = 0; k < value.size(); ++k)
      if (auto found = first_non_finite(value[k], path + "[" + std::to_string(k) + "]")) return found;
  }
  return std::nullopt;
}

}  // namespace

void require_finite_numbers(const nlohmann::json& row) {
  const auto found = first_non_finite(row, "");
  if (!found) return;
  const auto& [path, value] = *found;
  const bool is_metric = path.rfind("metrics.", 0) == 0;
  throw std::runtime_error(std::string(is_metric ? "metric" : "field") + " '" + path + "' is " +
                           (std::isnan(value) ? "NaN" : "infinite") + "; no row was written");
}

}  // namespace annotbench
