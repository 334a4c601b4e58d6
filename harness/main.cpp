// annotbench: the one CLI. Errors are printed once, as one line, with a non-zero exit.

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "harness/cli/command.h"
#include "methods/runtime.h"

namespace {

void print_overview() {
  std::cout << "annotbench " ANNOTBENCH_VERSION
               " - learning classifiers from the noisy labels of several annotators\n\n"
               "usage: annotbench COMMAND [options]    (annotbench COMMAND --help for its options)\n\n"
               "commands:\n";
  for (const annotbench::CommandSpec& command : annotbench::commands()) {
    std::string name = "  " + command.name;
    name.resize(14, ' ');
    std::cout << name << command.summary << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  annotbench::keep_freed_memory();
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    print_overview();
    return words.empty() ? 2 : 0;
  }
  if (words[0] == "--version") {
    std::cout << "annotbench " ANNOTBENCH_VERSION "\n";
    return 0;
  }
  for (const annotbench::CommandSpec& command : annotbench::commands()) {
    if (command.name != words[0]) continue;
    const std::vector<std::string> rest(words.begin() + 1, words.end());
    for (const std::string& word : rest) {
      if (word == "--help" || word == "-h") {
        std::cout << annotbench::command_help(command);
        return 0;
      }
    }
    try {
      return command.run(annotbench::parse_args(command, rest));
    } catch (const std::exception& error) {
      std::cerr << "annotbench " << command.name << ": " << annotbench::error_message(error) << "\n";
      return 1;
    }
  }
  std::cerr << "annotbench: unknown command '" << words[0] << "' (see annotbench --help)\n";
  return 2;
}
