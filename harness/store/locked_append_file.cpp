#include "harness/store/locked_append_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace annotbench {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
  throw std::runtime_error(path + ": " + problem + ": " + std::strerror(errno));
}

}  // namespace

LockedAppendFile::LockedAppendFile(const std::string& path) : path_(path) {
  const std::filesystem::path file(path);
  std::error_code error;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), error);
  if (error) throw std::runtime_error(path + ": cannot create its directory: " + error.message());
  descriptor_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (descriptor_ < 0) {
    if (errno == ELOOP) {
      const std::filesystem::path target = std::filesystem::read_symlink(file, error);
      throw std::runtime_error(path + ": is a symbolic link (to " + (error ? "?" : target.string()) +
                               "); results are not written through links: give the file itself");
    }
    fail(path, "cannot open for appending");
  }
  struct stat status {};
  if (::fstat(descriptor_, &status) != 0 || !S_ISREG(status.st_mode)) {
    ::close(descriptor_);
    throw std::runtime_error(path + ": not a regular file");
  }
}

LockedAppendFile::~LockedAppendFile() {
  if (descriptor_ >= 0) ::close(descriptor_);
}

LockedAppendFile::Lock::Lock(const LockedAppendFile& file) : descriptor_(file.descriptor_) {
  while (::flock(descriptor_, LOCK_EX) != 0)
    if (errno != EINTR) fail(file.path_, "cannot lock");
}

LockedAppendFile::Lock::~Lock() { ::flock(descriptor_, LOCK_UN); }

std::string LockedAppendFile::read_all() const {
  std::string text;
  char buffer[1 << 16];
  off_t offset = 0;
  while (true) {
    const ssize_t count = ::pread(descriptor_, buffer, sizeof buffer, offset);
    if (count < 0) {
      if (errno == EINTR) continue;
      fail(path_, "read failed");
    }
    if (count == 0) return text;
    text.append(buffer, static_cast<std::size_t>(count));
    offset += count;
  }
}

void LockedAppendFile::truncate_to(std::size_t size) {
  if (::ftruncate(descriptor_, static_cast<off_t>(size)) != 0) fail(path_, "cannot cut its incomplete last line");
}

void LockedAppendFile::append(const std::string& text) {
  const off_t size_before = ::lseek(descriptor_, 0, SEEK_END);
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t count = ::write(descriptor_, text.data() + written, text.size() - written);
    if (count < 0) {
      if (errno == EINTR) continue;
      const int write_errno = errno;
      // A full disk can take half a line: take it back now (failing that, the next writer cuts it).
      if (written > 0 && size_before >= 0 && ::ftruncate(descriptor_, size_before) != 0) {
      }
      errno = write_errno;
      fail(path_, "write failed");
    }
    written += static_cast<std::size_t>(count);
  }
  if (::fsync(descriptor_) != 0) fail(path_, "fsync failed");
}

std::string repair_last_line(LockedAppendFile& file, bool (*is_whole_record)(const std::string& line)) {
  const std::string text = file.read_all();
  if (text.empty() || text.back() == '\n') return "";
  const std::size_t last_newline = text.rfind('\n');
  const std::size_t start = last_newline == std::string::npos ? 0 : last_newline + 1;
  const std::string last_line = text.substr(start);
  if (is_whole_record(last_line)) {
    file.append("\n");
    return file.path() + ": added the missing line end after its complete last line";
  }
  const std::size_t first = last_line.find_first_not_of(" \t");
  if (first != std::string::npos && last_line[first] != '{')
    throw std::runtime_error(file.path() + ": its last line is not a record of annotbench (refusing to cut it)");
  file.truncate_to(start);
  return file.path() + ": cut an incomplete last line of " + std::to_string(last_line.size()) +
         " bytes (a run stopped while writing it; that cell runs again)";
}

}  // namespace annotbench
