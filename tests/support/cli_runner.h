#pragma once
// Runs the real annotbench binary as a user would, for the CLI tests.

#include <cstdio>
#include <string>
#include <utility>

namespace annotbench::testing {

// Output (stdout, and stderr unless `with_stderr` is false) and exit status of
// `annotbench ARGUMENTS`.
inline std::pair<std::string, int> run_cli(const std::string& arguments, bool with_stderr = true) {
  const std::string command = std::string(ANNOTBENCH_BINARY) + " " + arguments + (with_stderr ? " 2>&1" : " 2>/dev/null");
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  char buffer[512];
  while (pipe != nullptr && std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = pipe == nullptr ? -1 : pclose(pipe);
  return {output, status};
}

}  // namespace annotbench::testing
