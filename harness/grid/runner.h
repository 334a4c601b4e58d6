#pragma once
// Runs the cells of an experiment that are not yet in the results directory, appending one whole
// result row per finished run; a killed run loses nothing finished, and a rerun does the rest.
// Several processes may run on one directory at once (array tasks, a config started twice): each
// cell is claimed before it is trained and checked again before its row is written, so every cell
// is trained and written once.

#include <string>

#include "harness/grid/config.h"

namespace annotbench {

struct RunOptions {
  std::string results_dir = "results/scratch";
  int shard_index = 1;  // 1-based
  int shard_count = 1;
  int jobs = 1;         // cells trained at once (threads); LibTorch's threads are shared out among them
  std::string data_dir;
  std::string device;   // overrides the config's device when not empty (submit --gpus-per-task)
  bool batch_seeds = false;  // train a cell's seeds together as batched replicas where the method can
  bool epoch_progress = false;  // print each epoch's loss (one job only)
  bool progress = true;         // print a line per finished cell
};

struct RunSummary {
  std::size_t cells_in_shard = 0;
  std::size_t already_done = 0;     // had a row when this run reached them
  std::size_t finished = 0;         // trained and written by this run
  std::size_t failed = 0;           // their errors are in failure_log_for(results_file)
  std::size_t left_to_another = 0;  // another process was training them (claimed) when this run reached them
  double seconds = 0.0;
  std::string results_file;
  std::string stopped_by;  // why the run stopped before its last cell (a row could not be written), or ""
};

// The .jsonl file this shard appends to: <dir>/<config name>.jsonl, or
// <dir>/<config name>.shard-I-of-N.jsonl for a shard, so that machines rarely share a file.
std::string results_file_for(const ExperimentConfig& config, const RunOptions& options);

// The cells of the config as this run trains and identifies them: with batch_seeds, the cells of
// methods with a batched form are marked batched (their ids differ from separate runs' ids).
std::vector<ExperimentCell> cells_as_run(const ExperimentConfig& config, const RunOptions& options);

RunSummary run_experiment(const ExperimentConfig& config, const RunOptions& options);

}  // namespace annotbench
