#pragma once
// Result rows: one JSON object per finished run, one line each, appended whole to a .jsonl file.
// A run killed mid-write leaves at most a truncated last line, which readers skip with a warning.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace annotbench {

// Appends `row` as one line with a single write() on an O_APPEND descriptor, then fsync()s, so
// the line is either wholly in the file or not at all once this returns. A partial last line left
// by a killed earlier run is cut off first (that run's row never finished; its cell runs again).
void append_result_row(const std::string& path, const nlohmann::json& row);

struct ResultRows {
  std::vector<nlohmann::json> rows;
  std::vector<std::string> warnings;  // e.g. "FILE:LINE: truncated last line skipped"
};

// Every row of a .jsonl file, or of every *.jsonl file in a directory (sorted by name). A corrupt
// line in the middle throws InputError naming FILE:LINE; a corrupt last line of a file is skipped
// with a warning (a run killed while writing). A missing path gives no rows.
ResultRows read_result_rows(const std::string& path);

// Writes `contents` to `path` through a temporary file in the same directory and a rename, so a
// reader never sees half a file.
void write_file_atomically(const std::string& path, const std::string& contents);

}  // namespace annotbench
