#include "harness/io/key_values.h"

#include <algorithm>

#include "datasets/input_error.h"
#include "harness/cli/command.h"

namespace annotbench {

std::map<std::string, double> parse_key_values(const std::string& option, const std::string& text) {
  std::map<std::string, double> values;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string pair = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const std::size_t equals = pair.find('=');
    if (equals == std::string::npos || equals == 0)
      throw ConfigError("--" + option + ": expected key=value[,key=value...], got \"" + pair + "\"");
    const std::string key = pair.substr(0, equals);
    // The last of two equal keys would win silently (probe W10).
    if (values.count(key) > 0) throw ConfigError("--" + option + ": '" + key + "' given twice");
    values[key] = parse_double("--" + option + " " + key, pair.substr(equals + 1));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return values;
}

std::string take_text_value(std::string& text, const std::string& key) {
  std::string kept, value;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string pair = text.substr(start, comma - start);
    if (pair.rfind(key + "=", 0) == 0) value = pair.substr(key.size() + 1);
    else if (!pair.empty()) kept += (kept.empty() ? "" : ",") + pair;
    start = comma + 1;
  }
  text = kept;
  return value;
}

}  // namespace annotbench
