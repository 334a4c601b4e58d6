#pragma once
// Runs the real annotbench binary (or any shell command) and keeps what it printed, for CLI tests.

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/temp_files.h"

namespace annotbench::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// `shell_command` runs under /bin/sh; its stdout and stderr are captured through files in `dir`.
inline ProcessResult run_shell(const TempDir& dir, const std::string& shell_command) {
  const std::string out = (dir.path() / "process-stdout.txt").string();
  const std::string err = (dir.path() / "process-stderr.txt").string();
  const int status = std::system(("{ " + shell_command + "; } >'" + out + "' 2>'" + err + "'").c_str());
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = file_text(out);
  result.err = file_text(err);
  return result;
}

inline ProcessResult run_annotbench(const TempDir& dir, const std::string& arguments) {
  return run_shell(dir, std::string("'") + ANNOTBENCH_BINARY + "' " + arguments);
}

}  // namespace annotbench::testing
