#pragma once
// Result rows: one JSON object per finished run, one line each, appended whole to a .jsonl file.
// A run killed mid-write leaves at most a truncated last line, which reports/result_rows.h's reader
// skips with a warning.

#include <string>

#include <nlohmann/json.hpp>

namespace annotbench {

// Appends `row` as one line with a single write() on an O_APPEND descriptor, then fsync()s, so
// the line is either wholly in the file or not at all once this returns. A partial last line left
// by a killed earlier run is cut off first (that run's row never finished; its cell runs again).
void append_result_row(const std::string& path, const nlohmann::json& row);

}  // namespace annotbench
