#include "reports/result_rows.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "datasets/input_error.h"

namespace annotbench {

namespace {

std::string required_string(const nlohmann::json& row, const char* key, const std::string& file, std::size_t line) {
  const auto found = row.find(key);
  if (found == row.end()) throw InputError(file, line, key, "missing");
  if (!found->is_string() || found->get<std::string>().empty())
    throw InputError(file, line, key, "expected a non-empty string, got " + found->dump());
  return found->get<std::string>();
}

ResultRow row_from_json(const nlohmann::json& json, const std::string& file, std::size_t line) {
  if (!json.is_object()) throw InputError(file, line, "", "expected a JSON object per line");
  if (json.contains("schema") && json["schema"] != 1)
    throw InputError(file, line, "schema", "this version reads schema 1, got " + json["schema"].dump());
  ResultRow row;
  row.file = file;
  row.line = line;
  row.dataset = required_string(json, "dataset", file, line);
  // Rows written before settings existed are ranked by data set.
  row.setting = json.contains("setting") ? required_string(json, "setting", file, line) : row.dataset;
  row.method = required_string(json, "method", file, line);
  const auto seed = json.find("seed");
  if (seed == json.end()) throw InputError(file, line, "seed", "missing");
  if (!seed->is_number_integer()) throw InputError(file, line, "seed", "expected a whole number, got " + seed->dump());
  row.seed = seed->get<long long>();
  const auto metrics = json.find("metrics");
  if (metrics == json.end()) throw InputError(file, line, "metrics", "missing");
  if (!metrics->is_object()) throw InputError(file, line, "metrics", "expected an object, got " + metrics->dump());
  // Non-numeric entries (null for "not measured", per-annotator arrays) are not rankable metrics.
  for (const auto& [name, value] : metrics->items())
    if (value.is_number()) row.metrics[name] = value.get<double>();
  return row;
}

}  // namespace

std::vector<ResultRow> parse_result_rows(const std::string& text, const std::string& file, std::ostream& warnings) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  std::size_t last_content = lines.size();
  for (std::size_t i = lines.size(); i-- > 0;)
    if (lines[i].find_first_not_of(" \t\r") != std::string::npos) {
      last_content = i;
      break;
    }

  std::vector<ResultRow> rows;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json json;
    try {
      json = nlohmann::json::parse(lines[i]);
    } catch (const nlohmann::json::parse_error& error) {
      if (i == last_content) {
        warnings << file << ":" << i + 1 << ": skipping an incomplete last line (a run stopped while writing it?)\n";
        continue;
      }
      throw InputError(file, i + 1, "", std::string("not valid JSON: ") + error.what());
    }
    rows.push_back(row_from_json(json, file, i + 1));
  }
  return rows;
}

std::vector<ResultRow> read_result_rows(const std::string& path, std::ostream& warnings) {
  namespace fs = std::filesystem;
  std::error_code error;
  std::vector<fs::path> files;
  if (fs::is_directory(path, error)) {
    for (fs::recursive_directory_iterator it(path, error), end; !error && it != end; it.increment(error))
      if (it->is_regular_file() && it->path().extension() == ".jsonl") files.push_back(it->path());
    if (error) throw InputError(path, 0, "", "cannot list the directory: " + error.message());
    std::sort(files.begin(), files.end());
    if (files.empty()) throw InputError(path, 0, "", "no *.jsonl result files in this directory");
  } else if (fs::exists(path, error)) {
    files.push_back(path);
  } else {
    throw InputError(path, 0, "", "no such file or directory");
  }
  std::vector<ResultRow> rows;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file.string(), 0, "", "cannot open the file");
    std::ostringstream text;
    text << in.rdbuf();
    std::vector<ResultRow> file_rows = parse_result_rows(text.str(), file.string(), warnings);
    rows.insert(rows.end(), std::make_move_iterator(file_rows.begin()), std::make_move_iterator(file_rows.end()));
  }
  return rows;
}

}  // namespace annotbench
