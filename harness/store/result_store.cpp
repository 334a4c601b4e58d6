#include "harness/store/result_store.h"

#include <iostream>
#include <sstream>

#include "datasets/input_error.h"
#include "reports/result_rows.h"

namespace annotbench {

namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_json_object(const std::string& line) {
  const nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
  return !parsed.is_discarded() && parsed.is_object();
}

std::string checked_results_path(const std::string& path) {
  if (!ends_with(path, ".jsonl"))
    throw InputError(path, 0, "", "a results file must be named *.jsonl (refusing to append result rows to it)");
  return path;
}

}  // namespace

ResultFile::ResultFile(const std::string& path, std::ostream& warnings) : file_(checked_results_path(path)) {
  const LockedAppendFile::Lock lock(file_);
  // Whatever the file already holds must read as result rows: a middle line that does not throws
  // InputError with its line number before anything is changed.
  std::ostringstream ignored_partial_line;
  parse_result_rows(file_.read_all(), path, ignored_partial_line);
  const std::string repaired = repair_last_line(file_, is_json_object);
  if (!repaired.empty()) warnings << repaired << "\n";
}

bool ResultFile::append_unless(const nlohmann::json& row, const std::function<bool()>& already_done) {
  const LockedAppendFile::Lock lock(file_);
  // Another process may have been killed inside its write, after our last look at the file.
  const std::string repaired = repair_last_line(file_, is_json_object);
  if (!repaired.empty()) std::cerr << repaired << "\n";
  if (already_done()) return false;
  file_.append(row.dump() + "\n");
  return true;
}

void append_result_row(const std::string& path, const nlohmann::json& row) {
  ResultFile(path, std::cerr).append(row);
}

}  // namespace annotbench
