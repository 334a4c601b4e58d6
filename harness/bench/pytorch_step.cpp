#include "harness/bench/pytorch_step.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "datasets/input_error.h"

namespace annotbench {

namespace {

constexpr const char* kScriptName = "pytorch_annot_mix_step.py";

bool readable(const std::string& path) { return std::ifstream(path).good(); }

std::string executable_dir() {
  char path[4096];
  const ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
  if (length <= 0) return ".";
  const std::string exe(path, static_cast<std::size_t>(length));
  return exe.substr(0, exe.rfind('/'));
}

std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::string pytorch_step_script() {
#ifdef ANNOTBENCH_BENCH_DIR
  const std::string in_checkout = std::string(ANNOTBENCH_BENCH_DIR) + "/" + kScriptName;
  if (readable(in_checkout)) return in_checkout;
#endif
  const std::string beside_binary = executable_dir() + "/" + kScriptName;
  if (readable(beside_binary)) return beside_binary;
  throw ConfigError(std::string("cannot find ") + kScriptName + " (looked in harness/bench/ of the checkout and in " +
                    executable_dir() + ")");
}

std::string pytorch_python() {
  const char* chosen = std::getenv("ANNOTBENCH_PYTHON");
  return chosen != nullptr && *chosen != '\0' ? chosen : "/usr/bin/python3";
}

PytorchStepResult run_pytorch_step(int threads, int steps, int warm_up) {
  const std::string python = pytorch_python();
  if (access(python.c_str(), X_OK) != 0)
    throw ConfigError("--pytorch needs " + python + " (apt-get install python3 python3-torch, or set ANNOTBENCH_PYTHON)");
  const std::string command = shell_quoted(python) + " " + shell_quoted(pytorch_step_script()) + " --threads " +
                              std::to_string(threads) + " --steps " + std::to_string(steps) + " --warm-up " +
                              std::to_string(warm_up) + " 2>&1";
  std::fflush(nullptr);
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot start " + command);
  std::string output;
  char buffer[4096];
  while (const std::size_t got = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, got);
  const int status = pclose(pipe);
  if (output.find("No module named 'torch'") != std::string::npos)
    throw ConfigError(python + " has no torch module: apt-get install python3-torch (Debian's build uses the same "
                      "libblas.so.3 as LibTorch), or set ANNOTBENCH_PYTHON to a Python that has torch");
  if (status != 0) throw std::runtime_error("the PyTorch step script failed (" + command + "):\n" + output);
  return parse_pytorch_step_output(output);
}

}  // namespace annotbench
