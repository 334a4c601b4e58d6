#pragma once
// One CSV field as RFC 4180 writes it: quoted, with quotes doubled, only where it holds a comma, a
// quote or a line end, so that ids such as `item,3` survive a round trip through split_csv_line.

#include <string>

namespace annotbench {

inline std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace annotbench
