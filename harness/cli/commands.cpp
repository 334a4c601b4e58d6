#include "harness/cli/command.h"

namespace annotbench {

// One declaration and one table row per sub-command; each lives in its own command_*.cpp.
CommandSpec datasets_command();
CommandSpec inspect_command();
CommandSpec methods_command();
CommandSpec simulate_command();
CommandSpec train_command();
CommandSpec run_command();
CommandSpec submit_command();
CommandSpec status_command();
CommandSpec stats_command();
CommandSpec report_command();
CommandSpec bench_command();
CommandSpec aggregate_command();
CommandSpec active_command();

const std::vector<CommandSpec>& commands() {
  static const std::vector<CommandSpec> all = {
      datasets_command(), inspect_command(), methods_command(), simulate_command(),
      train_command(),    aggregate_command(), active_command(),   run_command(),     submit_command(),  status_command(),
      stats_command(),    report_command(),    bench_command(),
  };
  return all;
}

}  // namespace annotbench
