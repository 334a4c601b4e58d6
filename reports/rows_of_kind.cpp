#include "reports/rows_of_kind.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "datasets/input_error.h"
#include "datasets/line_reader.h"

namespace annotbench {

namespace fs = std::filesystem;

std::vector<fs::path> result_files(const std::string& results) {
  std::vector<fs::path> files;
  if (fs::is_directory(results)) {
    for (const auto& item : fs::directory_iterator(results))
      if (item.is_regular_file() && item.path().extension() == ".jsonl") files.push_back(item.path());
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(results);
  }
  if (files.empty()) throw InputError(results, 0, "", "no *.jsonl result files here");
  return files;
}

bool holds_rows_of_kind(const std::string& results, const std::string& kind, const std::string& described) {
  std::error_code error;
  if (!fs::exists(results, error)) return false;
  std::map<std::string, std::size_t> kind_rows, other_rows;
  for (const fs::path& file : result_files(results)) {
    for (const TextLine& line : read_text_lines(file.string()).lines) {
      const nlohmann::json row = nlohmann::json::parse(line.text, nullptr, false);
      if (row.is_discarded() || !row.is_object()) continue;  // each report names these itself
      ++(row.value("kind", "") == kind ? kind_rows : other_rows)[file.filename().string()];
    }
  }
  if (kind_rows.empty()) return false;
  if (other_rows.empty()) return true;
  const auto describe = [](const std::map<std::string, std::size_t>& rows) {
    std::string text;
    std::size_t total = 0;
    for (const auto& [file, count] : rows) {
      text += (text.empty() ? "" : ", ") + file + " (" + std::to_string(count) + ")";
      total += count;
    }
    return std::to_string(total) + " in " + text;
  };
  throw InputError(results, 0, "",
                   "holds " + described + " rows (" + describe(kind_rows) + ") and rows of other kinds (" +
                       describe(other_rows) +
                       "); a report covers one of the two, and would leave the other's rows out: move one kind's "
                       "files into a directory of their own and report each");
}

}  // namespace annotbench
