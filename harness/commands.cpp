#include "harness/command.h"

namespace annotbench {

// One declaration and one table row per sub-command; each lives in its own command_*.cpp.
CommandSpec datasets_command();
CommandSpec inspect_command();
CommandSpec simulate_command();

const std::vector<CommandSpec>& commands() {
  static const std::vector<CommandSpec> all = {
      datasets_command(),
      inspect_command(),
      simulate_command(),
  };
  return all;
}

}  // namespace annotbench
