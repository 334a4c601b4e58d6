#pragma once
// Runs the cells of an experiment that are not yet in the results directory, appending one whole
// result row per finished run; a killed run loses nothing finished, and a rerun does the rest.

#include <string>

#include "harness/config.h"

namespace annotbench {

struct RunOptions {
  std::string results_dir = "results/scratch";
  int shard_index = 1;  // 1-based
  int shard_count = 1;
  int jobs = 1;         // cells trained at once (threads); LibTorch's threads are shared out among them
  std::string data_dir;
  bool batch_seeds = false;  // train a cell's seeds together as batched replicas where the method can
  bool epoch_progress = false;  // print each epoch's loss (one job only)
  bool progress = true;         // print a line per finished cell
};

struct RunSummary {
  std::size_t cells_in_shard = 0;
  std::size_t already_done = 0;
  std::size_t finished = 0;
  std::size_t failed = 0;
  double seconds = 0.0;
  std::string results_file;
};

// The .jsonl file this shard appends to: <dir>/<config name>.jsonl, or
// <dir>/<config name>.shard-I-of-N.jsonl for a shard, so that machines never share a file.
std::string results_file_for(const ExperimentConfig& config, const RunOptions& options);

RunSummary run_experiment(const ExperimentConfig& config, const RunOptions& options);

}  // namespace annotbench
