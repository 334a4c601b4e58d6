#include "harness/result_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "datasets/input_error.h"

namespace annotbench {

namespace {

void write_all(int descriptor, const std::string& text, const std::string& path) {
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t count = ::write(descriptor, text.data() + written, text.size() - written);
    if (count < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(path + ": write failed: " + std::strerror(errno));
    }
    written += static_cast<std::size_t>(count);
  }
}

// A run killed inside write() can leave a partial last line. That row was never complete, so it is
// cut off (its cell will run again) rather than left to corrupt the middle of the file.
void cut_partial_last_line(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.empty() || text.back() == '\n') return;
  const std::size_t last_newline = text.rfind('\n');
  const off_t keep = last_newline == std::string::npos ? 0 : static_cast<off_t>(last_newline + 1);
  if (::truncate(path.c_str(), keep) != 0)
    throw std::runtime_error(path + ": cannot cut its partial last line: " + std::strerror(errno));
}

void read_one_file(const std::string& path, ResultRows& result) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "cannot open file");
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      nlohmann::json row = nlohmann::json::parse(lines[i]);
      if (!row.is_object()) throw InputError(path, i + 1, "", "a result row must be a JSON object");
      result.rows.push_back(std::move(row));
    } catch (const nlohmann::json::parse_error& error) {
      // Only the last line can be cut short by a killed run; anything earlier is damage.
      bool is_last = true;
      for (std::size_t k = i + 1; k < lines.size(); ++k)
        if (lines[k].find_first_not_of(" \t\r") != std::string::npos) is_last = false;
      if (!is_last) throw InputError(path, i + 1, "", std::string("not a JSON object: ") + error.what());
      result.warnings.push_back(path + ":" + std::to_string(i + 1) +
                                ": truncated last line skipped (a run was killed while writing it)");
    }
  }
}

}  // namespace

void append_result_row(const std::string& path, const nlohmann::json& row) {
  const std::filesystem::path file(path);
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  cut_partial_last_line(path);
  const int descriptor = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (descriptor < 0) throw std::runtime_error(path + ": cannot open for appending: " + std::strerror(errno));
  try {
    write_all(descriptor, row.dump() + "\n", path);
    if (::fsync(descriptor) != 0) throw std::runtime_error(path + ": fsync failed: " + std::strerror(errno));
  } catch (...) {
    ::close(descriptor);
    throw;
  }
  ::close(descriptor);
}

ResultRows read_result_rows(const std::string& path) {
  ResultRows result;
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(path))
      if (entry.is_regular_file() && entry.path().extension() == ".jsonl") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) read_one_file(file, result);
  } else if (std::filesystem::exists(path, error)) {
    read_one_file(path, result);
  }
  return result;
}

void write_file_atomically(const std::string& path, const std::string& contents) {
  const std::filesystem::path file(path);
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  const int descriptor = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (descriptor < 0) throw std::runtime_error(temporary + ": cannot create: " + std::strerror(errno));
  try {
    write_all(descriptor, contents, temporary);
    if (::fsync(descriptor) != 0) throw std::runtime_error(temporary + ": fsync failed");
  } catch (...) {
    ::close(descriptor);
    ::unlink(temporary.c_str());
    throw;
  }
  ::close(descriptor);
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    throw std::runtime_error(path + ": rename failed: " + std::strerror(errno));
  }
}

}  // namespace annotbench
