#pragma once
// Result rows: one JSON object per finished run, one line each, appended whole to a .jsonl file.
// Several processes may append to one file (a config started twice, two array tasks given the same
// shard): appends hold the file's lock, so rows are never interleaved, cut or lost.

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "harness/store/locked_append_file.h"

namespace annotbench {

class ResultFile {
 public:
  // Opens the results file before anything is trained, so a path that cannot be written fails now,
  // not after hours of training. Refuses (InputError / runtime_error naming the path) a name that does
  // not end in .jsonl, a symbolic link, and a file holding anything but result rows: a user's CSV given
  // as --results by mistake is left untouched. A last line without its '\n' is repaired (see
  // repair_last_line); what was done is said on `warnings`.
  ResultFile(const std::string& path, std::ostream& warnings);

  // Appends `row` as one line under the file's lock, unless `already_done()`, asked under the same
  // lock, says another process has written this cell meanwhile. Returns whether the row was written.
  // Throws when the row cannot be written whole: the caller must stop, not train on.
  bool append_unless(const nlohmann::json& row, const std::function<bool()>& already_done);
  void append(const nlohmann::json& row) { append_unless(row, [] { return false; }); }

  const std::string& path() const { return file_.path(); }

 private:
  LockedAppendFile file_;
};

// Opens `path` as a ResultFile and appends `row` (the `train` command's one-row use).
void append_result_row(const std::string& path, const nlohmann::json& row);

}  // namespace annotbench
