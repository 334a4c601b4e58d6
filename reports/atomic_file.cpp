#include "reports/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdexcept>
#include <unistd.h>

namespace annotbench {

void write_file_atomically(const std::string& path, const std::string& content) {
  // The temporary file lives in the same directory, so that rename() is atomic (same file system).
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
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    throw std::runtime_error(path + ": cannot rename the finished file into place: " + reason);
  }
}

}  // namespace annotbench
