#pragma once
// Names joined into one line of text ("a, b, c"), for messages and report prose.

#include <string>
#include <vector>

namespace annotbench {

inline std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

}  // namespace annotbench
