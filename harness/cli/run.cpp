#include <climits>
#include <cstdio>
#include <thread>

#include "datasets/input_error.h"
#include "harness/cli/command.h"
#include "harness/store/failure_log.h"
#include "harness/grid/runner.h"

namespace annotbench {

namespace {

int shard_number(const std::string& shard, const std::string& text) {
  const long long value = parse_int("--shard", text);
  if (value < 1 || value > INT_MAX) throw ConfigError("--shard must be I/N with 1 <= I <= N, got \"" + shard + "\"");
  return static_cast<int>(value);
}

int run(const Args& args) {
  if (args.positional.size() != 1) throw ConfigError("expected one CONFIG file (e.g. harness/configs/quick.json)");
  const ExperimentConfig config = load_experiment_config(args.positional[0]);
  RunOptions options;
  options.results_dir = args.get("results", "results/" + config.name);
  options.data_dir = args.get("data-dir");
  options.jobs = static_cast<int>(args.get_int("jobs", 1));
  if (options.jobs < 1) throw ConfigError("--jobs must be at least 1");
  options.device = args.get("device");
  // The grammar `train` takes (probe N30: run refused cuda:N).
  const bool indexed_cuda = options.device.rfind("cuda:", 0) == 0 && options.device.size() > 5 &&
                            options.device.find_first_not_of("0123456789", 5) == std::string::npos;
  if (!options.device.empty() && options.device != "cpu" && options.device != "cuda" && !indexed_cuda)
    throw ConfigError("--device: expected cpu, cuda or cuda:<index>, got \"" + options.device + "\"");
  options.epoch_progress = args.has("verbose");
  options.batch_seeds = args.has("batch-seeds");
  options.progress = !args.has("quiet");
  if (args.has("shard")) {
    const std::string shard = args.get("shard");
    const std::size_t slash = shard.find('/');
    if (slash == std::string::npos) throw ConfigError("--shard: expected I/N, got \"" + shard + "\"");
    options.shard_index = shard_number(shard, shard.substr(0, slash));
    options.shard_count = shard_number(shard, shard.substr(slash + 1));
  }
  const RunSummary summary = run_experiment(config, options);
  std::fprintf(stderr, "%s: %zu finished, %zu already done, %zu failed", config.name.c_str(), summary.finished,
               summary.already_done, summary.failed);
  if (summary.left_to_another > 0)
    std::fprintf(stderr, ", %zu left to another process training them", summary.left_to_another);
  std::fprintf(stderr, " of %zu cells in %.1f s -> %s\n", summary.cells_in_shard, summary.seconds,
               summary.results_file.c_str());
  if (summary.failed > 0)
    std::fprintf(stderr, "the errors are kept in %s (annotbench status shows them; a rerun retries those cells)\n",
                 failure_log_for(summary.results_file).c_str());
  if (!summary.stopped_by.empty()) {
    std::fprintf(stderr, "stopped: %s\n", summary.stopped_by.c_str());
    return 1;
  }
  return summary.failed == 0 ? 0 : 1;
}

}  // namespace

CommandSpec run_command() {
  std::vector<OptionSpec> options = {
      {"results", "DIR", "results directory (default results/<config name>); cells already in it are skipped"},
      {"shard", "I/N", "run only shard I of N (every N-th cell), e.g. $SLURM_ARRAY_TASK_ID/N"},
      {"jobs", "K", "cells trained at once on this machine (default 1)"},
      {"device", "cpu|cuda|cuda:N", "train here instead of on the config's device"},
      {"verbose", "", "print every epoch's loss (few-shot: every validation check, by iteration)"},
      {"batch-seeds", "", "train a cell's seeds together as batched replicas where the method has a batched form (annot-mix); off by default: on this 2-core CPU it is no faster than separate runs. Batched cells are other cells than separate runs (their rows can differ in the last digits)"},
      {"quiet", "", "no progress lines"},
  };
  for (const OptionSpec& option : data_dir_options()) options.push_back(option);
  return {"run", "annotbench run CONFIG [--results DIR] [--shard I/N] [--jobs K] [--device cpu|cuda]",
          "Run every cell of an experiment config not yet in the results; resumable, one row per finished run. "
          "Processes sharing a results directory split its cells between them.",
          options, run};
}

}  // namespace annotbench
