#include "harness/store/failure_log.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "datasets/input_error.h"
#include "datasets/line_reader.h"
#include "harness/store/locked_append_file.h"
#include "harness/store/timestamp.h"

namespace annotbench {

namespace {

const char* const kSuffix = ".failures.ndjson";

bool is_failure_record(const std::string& line) {
  const nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
  return !parsed.is_discarded() && parsed.is_object() && parsed.contains("failed_cell");
}

std::string host_name() {
  char name[256] = {};
  return ::gethostname(name, sizeof name - 1) == 0 ? name : "";
}

std::string slurm_job() {
  const char* job = std::getenv("SLURM_ARRAY_JOB_ID");
  const char* task = std::getenv("SLURM_ARRAY_TASK_ID");
  if (job != nullptr && task != nullptr) return std::string(job) + "_" + task;
  const char* plain = std::getenv("SLURM_JOB_ID");
  return plain != nullptr ? plain : "";
}

std::string text_field(const nlohmann::json& record, const char* key) {
  const auto found = record.find(key);
  return found != record.end() && found->is_string() ? found->get<std::string>() : "";
}

}  // namespace

std::string failure_log_for(const std::string& results_file) {
  const std::string stem = results_file.size() > 6 && results_file.compare(results_file.size() - 6, 6, ".jsonl") == 0
                               ? results_file.substr(0, results_file.size() - 6)
                               : results_file;
  return stem + kSuffix;
}

void append_failure_record(const std::string& log_path, const ExperimentCell& cell, const std::string& error) {
  LockedAppendFile file(log_path);
  const LockedAppendFile::Lock lock(file);
  const std::string repaired = repair_last_line(file, is_failure_record);
  if (!repaired.empty()) std::cerr << repaired << "\n";
  const nlohmann::json record = {{"failed_cell", cell_id(cell)}, {"setting", cell.setting},
                                 {"method", cell.method},        {"seed", cell.training.seed},
                                 {"error", error},               {"failed_at", utc_timestamp()},
                                 {"host", host_name()},          {"slurm_job", slurm_job()}};
  file.append(record.dump() + "\n");
}

std::vector<FailureRecord> read_failure_records(const std::string& results_dir) {
  namespace fs = std::filesystem;
  std::vector<fs::path> logs;
  std::error_code error;
  for (fs::directory_iterator it(results_dir, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (it->is_regular_file() && name.size() > std::string(kSuffix).size() &&
        name.compare(name.size() - std::string(kSuffix).size(), std::string::npos, kSuffix) == 0)
      logs.push_back(it->path());
  }
  std::sort(logs.begin(), logs.end());
  std::vector<FailureRecord> records;
  for (const fs::path& log : logs) {
    const TextLines lines = read_text_lines(log.string());
    for (std::size_t k = 0; k < lines.lines.size(); ++k) {
      const std::size_t number = lines.lines[k].number;
      const bool last_and_unterminated = k + 1 == lines.lines.size() && !lines.last_line_ended;
      const nlohmann::json parsed = nlohmann::json::parse(lines.lines[k].text, nullptr, false);
      if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("failed_cell")) {
        if (last_and_unterminated) continue;  // a process stopped while writing it
        throw InputError(log.string(), number, "", "not a failure record");
      }
      records.push_back({text_field(parsed, "failed_cell"), text_field(parsed, "error"),
                         text_field(parsed, "failed_at"), text_field(parsed, "host"),
                         text_field(parsed, "slurm_job"), log.string(), number});
    }
  }
  return records;
}

}  // namespace annotbench
