#pragma once
// Why cells failed, kept beside the results: `annotbench status` shows a failed cell's error without
// rerunning it, however long ago it failed and on whichever machine. A failure is not a result: the
// file is named <results file stem>.failures.ndjson, not *.jsonl, so `report` and the runner's "done"
// check never read it, and a rerun retries every failed cell.

#include <cstddef>
#include <string>
#include <vector>

#include "harness/grid/experiment.h"

namespace annotbench {

// results/quick/quick.shard-2-of-4.jsonl -> results/quick/quick.shard-2-of-4.failures.ndjson
std::string failure_log_for(const std::string& results_file);

struct FailureRecord {
  std::string cell;       // the cell id, as in result rows
  std::string error;      // the exception's message
  std::string failed_at;  // UTC
  std::string host;
  std::string slurm_job;  // "JOB_TASK" under SLURM, else ""
  std::string file;       // where the record was read, for messages
  std::size_t line = 0;
};

// Appends one record under the file's lock (the same locking as result rows); throws when it
// cannot be written.
void append_failure_record(const std::string& log_path, const ExperimentCell& cell, const std::string& error);

// Every record of every *.failures.ndjson directly in `results_dir`, oldest first per file.
// Throws InputError with FILE:LINE for a line that is not a record (an incomplete last line is skipped).
std::vector<FailureRecord> read_failure_records(const std::string& results_dir);

}  // namespace annotbench
