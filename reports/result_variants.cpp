#include "reports/result_variants.h"

#include <map>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace annotbench {

namespace {

using Identity = std::map<std::string, std::string>;

// A JSON value as a person reads it in a column name: 2 rather than 2.0, strings without quotes.
std::string readable(const std::string& json_text) {
  const nlohmann::json value = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_float()) {
    std::ostringstream text;
    text.precision(10);
    text << value.get<double>();
    return text.str();
  }
  return value.is_discarded() ? json_text : value.dump();
}

// For each label whose rows differ in some key, each identity under it and its "key=value, ..."
// over the keys that differ ("key=?" where a row lacks one). Labels without differences are absent.
std::map<std::string, std::map<Identity, std::string>> variant_suffixes(
    const std::map<std::string, std::set<Identity>>& identities, std::map<std::string, std::string>& differing) {
  std::map<std::string, std::map<Identity, std::string>> suffixes;
  for (const auto& [label, variants] : identities) {
    if (variants.size() < 2) continue;
    std::set<std::string> keys;
    for (const Identity& identity : variants)
      for (const auto& entry : identity) keys.insert(entry.first);
    // A key that some rows lack (rows written by older versions, or by hand) is no difference on
    // its own: only two values present tell two experiments apart.
    std::vector<std::string> differ;
    for (const std::string& key : keys) {
      std::set<std::string> values;
      for (const Identity& identity : variants)
        if (const auto found = identity.find(key); found != identity.end()) values.insert(found->second);
      if (values.size() > 1) differ.push_back(key);
    }
    if (differ.empty()) continue;
    std::string names;
    for (const std::string& key : differ) names += (names.empty() ? "" : ", ") + key;
    differing[label] = names;
    for (const Identity& identity : variants) {
      std::string suffix;
      for (const std::string& key : differ) {
        const auto found = identity.find(key);
        suffix += (suffix.empty() ? "" : ", ") + key + "=" + (found == identity.end() ? "?" : readable(found->second));
      }
      suffixes[label][identity] = suffix;
    }
  }
  return suffixes;
}

}  // namespace

std::vector<ResultRow> label_variants(const std::vector<ResultRow>& rows, std::ostream& warnings) {
  std::map<std::string, std::set<Identity>> settings, methods;
  for (const ResultRow& row : rows) {
    settings[row.setting].insert(row.setting_identity);
    methods[row.method].insert(row.method_options);
  }
  std::map<std::string, std::string> setting_differences, method_differences;
  const auto setting_suffixes = variant_suffixes(settings, setting_differences);
  const auto method_suffixes = variant_suffixes(methods, method_differences);
  for (const auto& [label, names] : setting_differences)
    warnings << "setting '" << label << "' holds runs that differ in " << names
             << "; each variant is reported as a setting of its own\n";
  for (const auto& [label, names] : method_differences)
    warnings << "method '" << label << "' was run with different " << names
             << "; each variant is reported as a method of its own\n";

  std::vector<ResultRow> labelled = rows;
  for (ResultRow& row : labelled) {
    if (const auto found = setting_suffixes.find(row.setting); found != setting_suffixes.end())
      row.setting += " [" + found->second.at(row.setting_identity) + "]";
    if (const auto found = method_suffixes.find(row.method); found != method_suffixes.end())
      row.method += " (" + found->second.at(row.method_options) + ")";
  }
  return labelled;
}

}  // namespace annotbench
