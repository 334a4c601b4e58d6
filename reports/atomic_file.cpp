#include "reports/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdexcept>
#include <unistd.h>

namespace annotbench {

namespace {

// Writes `content` to a new temporary file next to `path` (same file system, so that rename() is
// atomic), flushed to disk; returns its name.
std::string write_temporary(const std::string& path, const std::string& content) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  std::string temporary = path + ".tmp.XXXXXX";
  const int fd = mkstemp(temporary.data());
  if (fd < 0) throw std::runtime_error(path + ": cannot create a temporary file: " + std::strerror(errno));
  const auto fail = [&](const char* step) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    std::remove(temporary.c_str());
    throw std::runtime_error(path + ": " + step + ": " + reason);
  };
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t chunk = ::write(fd, content.data() + written, content.size() - written);
    if (chunk < 0) {
      if (errno == EINTR) continue;
      fail("cannot write");
    }
    written += static_cast<std::size_t>(chunk);
  }
  // mkstemp creates 0600; a report is meant to be read by others like any file the user writes.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) fail("cannot set permissions");
  if (::fsync(fd) != 0) fail("cannot flush to disk");
  if (::close(fd) != 0) {
    std::remove(temporary.c_str());
    throw std::runtime_error(path + ": cannot close: " + std::strerror(errno));
  }
  return temporary;
}

// Why rename() could not put a file at `path`, found before any rename: a directory there, or a
// file that nobody may replace (immutable, read-only file system). A read-only mode alone does not
// stop rename() in a writable directory, so it is no reason.
std::string cannot_replace(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) return "is a directory";
  if (!std::filesystem::exists(path, error)) return "";
  if (::access(path.c_str(), W_OK) != 0 && (errno == EPERM || errno == EROFS)) return std::strerror(errno);
  return "";
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& content) {
  write_files_atomically({{path, content}});
}

void write_files_atomically(const std::vector<std::pair<std::string, std::string>>& paths_and_contents) {
  std::vector<std::string> temporaries;
  const auto remove_temporaries = [&](std::size_t from) {
    for (std::size_t k = from; k < temporaries.size(); ++k) std::remove(temporaries[k].c_str());
  };
  try {
    for (const auto& [path, content] : paths_and_contents) {
      if (const std::string reason = cannot_replace(path); !reason.empty())
        throw std::runtime_error(path + ": cannot replace it: " + reason + "; no file was changed");
      temporaries.push_back(write_temporary(path, content));
    }
  } catch (...) {
    remove_temporaries(0);
    throw;
  }
  for (std::size_t k = 0; k < temporaries.size(); ++k) {
    const std::string& path = paths_and_contents[k].first;
    if (std::rename(temporaries[k].c_str(), path.c_str()) == 0) continue;
    const std::string reason = std::strerror(errno);
    remove_temporaries(k);
    std::string replaced;
    for (std::size_t done = 0; done < k; ++done) replaced += (replaced.empty() ? "" : ", ") + paths_and_contents[done].first;
    throw std::runtime_error(path + ": cannot rename the finished file into place: " + reason +
                             (replaced.empty() ? "; no file was changed" : "; already replaced: " + replaced));
  }
}

}  // namespace annotbench
