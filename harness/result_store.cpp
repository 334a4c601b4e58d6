#include "harness/result_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>


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

}  // namespace annotbench
