#pragma once
// Reading a config's fields with messages that name the file and the JSON path of the field, for the
// config parsers of every protocol.

#include <algorithm>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "datasets/input_error.h"
#include "datasets/joined_text.h"

namespace annotbench {

// Bounds of the whole numbers a config gives; beyond them a value is a typo, not a setting.
inline constexpr long long kMostEpochs = 1000000;
inline constexpr long long kLargestBatch = 1 << 24;
inline constexpr long long kMostAnnotators = 1000000;
inline constexpr long long kLargestSeed = std::numeric_limits<long long>::max();

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
        fail(key, "unknown field (known: " + join(known, ", ") + ")");
      }
    }
  }

 private:
  const nlohmann::json& object_;
  std::string path_;
  std::string prefix_;
};

}  // namespace annotbench
