#include <cstdio>
#include <iostream>

#include "datasets/input_error.h"
#include "harness/cli/command.h"
#include "harness/cluster/grid_status.h"

namespace annotbench {

namespace {

int status(const Args& args) {
  if (args.positional.size() != 1) throw ConfigError("expected one CONFIG file (e.g. harness/configs/quick.json)");
  const ExperimentConfig config = load_experiment_config(args.positional[0]);
  const std::string results_dir = args.get("results", "results/" + config.name);
  const long long tasks = args.get_int("tasks", shard_count_in(results_dir, config.name));
  if (tasks < 1 || tasks > 100000) throw ConfigError("--tasks must be between 1 and 100000");
  const GridStatus grid = grid_status(config, results_dir, static_cast<int>(tasks), args.get("data-dir"));

  ShardStatus total;
  for (const ShardStatus& shard : grid.shards) {
    total.cells += shard.cells;
    total.done += shard.done;
    total.running += shard.running;
    total.failed += shard.failed;
    total.missing += shard.missing;
  }
  std::printf("%s in %s: %zu cells, %zu done, %zu running, %zu failed, %zu missing\n", config.name.c_str(),
              results_dir.c_str(), total.cells, total.done, total.running, total.failed, total.missing);
  if (grid.shards.size() > 1) {
    std::printf("%-10s %7s %7s %8s %7s %8s\n", "shard", "cells", "done", "running", "failed", "missing");
    for (const ShardStatus& shard : grid.shards) {
      const std::string name = std::to_string(shard.index) + "/" + std::to_string(shard.count);
      std::printf("%-10s %7zu %7zu %8zu %7zu %8zu\n", name.c_str(), shard.cells, shard.done, shard.running,
                  shard.failed, shard.missing);
    }
  }
  if (!grid.failures.empty()) std::printf("failed cells (the last error of each):\n");
  for (const FailureRecord& failure : grid.failures) {
    std::printf("  %s: %s\n    (%s:%zu, %s on %s%s)\n", failure.cell.c_str(), failure.error.c_str(),
                failure.file.c_str(), failure.line, failure.failed_at.c_str(), failure.host.c_str(),
                failure.slurm_job.empty() ? "" : (", SLURM job " + failure.slurm_job).c_str());
  }
  if (grid.cells_written_twice > 0)
    std::printf("warning: %zu cells have more than one row (written by an annotbench without locking?)\n",
                grid.cells_written_twice);
  if (grid.rows_of_other_cells > 0)
    std::printf("%zu rows belong to cells that are not in this config (another config, other settings, "
                "or --batch-seeds)\n", grid.rows_of_other_cells);
  return 0;
}

}  // namespace

CommandSpec status_command() {
  return {"status",
          "annotbench status CONFIG [--results DIR] [--tasks N] [--data-dir DIR]",
          "Cells of a config done, running, failed and missing in a results directory, per shard, with the "
          "failed cells' errors.",
          {{"results", "DIR", "results directory (default results/<config name>)"},
           {"tasks", "N", "count shards of N (default: the N of the shard files in DIR, else 1)"},
           {"data-dir", "DIR", "as given to run: a cell's id holds its data file's checksum"}},
          status};
}

}  // namespace annotbench
