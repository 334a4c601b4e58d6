#include <cstdio>
#include <thread>

#include "datasets/input_error.h"
#include "harness/command.h"
#include "harness/runner.h"

namespace annotbench {

namespace {

int run(const Args& args) {
  if (args.positional.size() != 1) throw ConfigError("expected one CONFIG file (e.g. harness/configs/quick.json)");
  const ExperimentConfig config = load_experiment_config(args.positional[0]);
  RunOptions options;
  options.results_dir = args.get("results", "results/" + config.name);
  options.data_dir = args.get("data-dir");
  options.jobs = static_cast<int>(args.get_int("jobs", 1));
  if (options.jobs < 1) throw ConfigError("--jobs must be at least 1");
  options.epoch_progress = args.has("verbose");
  options.batch_seeds = args.has("batch-seeds");
  options.progress = !args.has("quiet");
  if (args.has("shard")) {
    const std::string shard = args.get("shard");
    const std::size_t slash = shard.find('/');
    if (slash == std::string::npos) throw ConfigError("--shard: expected I/N, got \"" + shard + "\"");
    options.shard_index = static_cast<int>(parse_int("--shard", shard.substr(0, slash)));
    options.shard_count = static_cast<int>(parse_int("--shard", shard.substr(slash + 1)));
  }
  const RunSummary summary = run_experiment(config, options);
  std::fprintf(stderr, "%s: %zu finished, %zu already done, %zu failed of %zu cells in %.1f s -> %s\n",
               config.name.c_str(), summary.finished, summary.already_done, summary.failed, summary.cells_in_shard,
               summary.seconds, summary.results_file.c_str());
  return summary.failed == 0 ? 0 : 1;
}

}  // namespace

CommandSpec run_command() {
  std::vector<OptionSpec> options = {
      {"results", "DIR", "results directory (default results/<config name>); cells already in it are skipped"},
      {"shard", "I/N", "run only shard I of N (every N-th cell), e.g. $SLURM_ARRAY_TASK_ID/N"},
      {"jobs", "K", "cells trained at once on this machine (default 1)"},
      {"verbose", "", "print every epoch's loss"},
      {"batch-seeds", "", "train a cell's seeds together as batched replicas where the method has a batched form (annot-mix); off by default: on this 2-core CPU it is no faster than separate runs"},
      {"quiet", "", "no progress lines"},
  };
  for (const OptionSpec& option : data_dir_options()) options.push_back(option);
  return {"run", "annotbench run CONFIG [--results DIR] [--shard I/N] [--jobs K]",
          "Run every cell of an experiment config not yet in the results; resumable, one row per finished run.",
          options, run};
}

}  // namespace annotbench
