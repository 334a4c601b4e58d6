#include "harness/store/finished_cells.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "datasets/input_error.h"

namespace annotbench {

namespace {

// `valid`: the line is a JSON object; `cell`: its cell id, "" in rows from elsewhere that carry none.
struct ParsedLine {
  bool valid = false;
  std::string cell;
};

ParsedLine parse_line(const std::string& line) {
  const nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return {};
  const auto cell = parsed.find("cell");
  return {true, cell != parsed.end() && cell->is_string() ? cell->get<std::string>() : ""};
}

std::string read_from(const std::string& path, off_t offset) {
  const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) throw std::runtime_error(path + ": cannot open: " + std::strerror(errno));
  std::string text;
  char buffer[1 << 16];
  while (true) {
    const ssize_t count = ::pread(descriptor, buffer, sizeof buffer, offset);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) break;
    text.append(buffer, static_cast<std::size_t>(count));
    offset += count;
  }
  ::close(descriptor);
  return text;
}

}  // namespace

void FinishedCells::refresh() {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(results_dir_, error)) {
    files_.clear();
    return;
  }
  std::map<std::string, FileState> seen;
  for (fs::directory_iterator it(results_dir_, error), end; !error && it != end; it.increment(error)) {
    if (it->path().extension() != ".jsonl" || !it->is_regular_file(error)) continue;
    const std::string path = it->path().string();
    FileState& state = seen[path] = std::move(files_[path]);
    struct stat status {};
    // Shorter than what was read: the file was replaced or cut by hand; read it afresh.
    if (::stat(path.c_str(), &status) == 0 && status.st_size < state.offset) state = FileState{};
    read_new_lines(path, state);
  }
  if (error) throw InputError(results_dir_, 0, "", "cannot list the directory: " + error.message());
  files_ = std::move(seen);  // a file deleted since the last refresh no longer counts
}

void FinishedCells::read_new_lines(const std::string& path, FileState& state) {
  const std::string text = read_from(path, state.offset);
  std::size_t start = 0;
  while (true) {
    const std::size_t newline = text.find('\n', start);
    if (newline == std::string::npos) break;
    const std::string line = text.substr(start, newline - start);
    ++state.lines;
    if (line.find_first_not_of(" \t\r") != std::string::npos) {
      const ParsedLine parsed = parse_line(line);
      if (!parsed.valid) throw InputError(path, state.lines, "", "not a result row (not a JSON object)");
      if (!parsed.cell.empty()) ++state.rows_per_cell[parsed.cell];
    }
    start = newline + 1;
  }
  state.offset += static_cast<off_t>(start);
  // What follows the last '\n' is either a row being written right now or a complete row that lost
  // its '\n' (D3): the latter is done, exactly as `report` and the appender read it.
  state.unterminated_cell = parse_line(text.substr(start)).cell;
}

bool FinishedCells::contains(const std::string& cell_id) const {
  for (const auto& [path, state] : files_)
    if (state.rows_per_cell.count(cell_id) > 0 || (!cell_id.empty() && state.unterminated_cell == cell_id))
      return true;
  return false;
}

std::map<std::string, std::size_t> FinishedCells::rows_per_cell() const {
  std::map<std::string, std::size_t> rows;
  for (const auto& [path, state] : files_) {
    for (const auto& [cell, count] : state.rows_per_cell) rows[cell] += count;
    if (!state.unterminated_cell.empty()) ++rows[state.unterminated_cell];
  }
  return rows;
}

}  // namespace annotbench
