#pragma once
// How far a config's grid is in a results directory, per shard: the numbers behind `annotbench
// status`, and the shards `annotbench submit` sends again.

#include <cstddef>
#include <string>
#include <vector>

#include "harness/grid/config.h"
#include "harness/store/failure_log.h"

namespace annotbench {

struct ShardStatus {
  int index = 1;  // shard index/count, as `run --shard` takes it
  int count = 1;
  std::size_t cells = 0;
  std::size_t done = 0;     // a result row exists (in any file of the directory)
  std::size_t running = 0;  // no row yet, and a live process holds its claim
  std::size_t failed = 0;   // no row, not running, and its last attempt recorded an error
  std::size_t missing = 0;  // none of the above: never tried, or its process was killed

  std::size_t to_run() const { return failed + missing; }
};

struct GridStatus {
  std::vector<ShardStatus> shards;
  std::vector<FailureRecord> failures;       // the latest record of each failed cell, in grid order
  std::size_t cells_written_twice = 0;       // cells of this config with more than one row
  std::size_t rows_of_other_cells = 0;       // rows whose cell is not in this config
};

// `data_dir` as given to `run`: a cell's id holds its data file's checksum (resolve_data_files).
GridStatus grid_status(const ExperimentConfig& config, const std::string& results_dir, int shard_count,
                       const std::string& data_dir = "");

// N of the <config name>.shard-I-of-N.jsonl files in `results_dir` (the largest, if several), or 1.
int shard_count_in(const std::string& results_dir, const std::string& config_name);

}  // namespace annotbench
