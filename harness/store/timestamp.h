#pragma once
// When a result row was finished, as every row records it.

#include <ctime>
#include <string>

namespace annotbench {

// Now in UTC, ISO 8601: "2026-11-30T18:49:48Z".
inline std::string utc_timestamp() {
  const std::time_t now = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return text;
}

}  // namespace annotbench
