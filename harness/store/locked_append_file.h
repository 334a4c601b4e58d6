#pragma once
// A file that several processes append whole lines to: the results of `annotbench run`, written by
// two processes at once when a user starts a config twice or two array tasks get the same shard.
// Every append holds an exclusive flock() on the file, so no process sees another's half-written
// line, and a line is fsynced before the lock is released.

#include <string>

namespace annotbench {

class LockedAppendFile {
 public:
  // Opens `path` for reading and appending, creating it (and its directory) when missing. Refuses a
  // symbolic link (naming where it points: a write through it could damage an unrelated file) and
  // anything that is not a regular file. Throws std::runtime_error naming the path.
  explicit LockedAppendFile(const std::string& path);
  ~LockedAppendFile();
  LockedAppendFile(const LockedAppendFile&) = delete;
  LockedAppendFile& operator=(const LockedAppendFile&) = delete;

  // Holds the file exclusively against other processes until destroyed. flock() does not exclude
  // threads sharing this object: callers serialise their threads themselves.
  class Lock {
   public:
    explicit Lock(const LockedAppendFile& file);
    ~Lock();
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

   private:
    int descriptor_;
  };

  // The following expect the caller to hold a Lock.
  std::string read_all() const;
  void truncate_to(std::size_t size);
  // Writes `text` with one write() loop on the O_APPEND descriptor, then fsync()s.
  void append(const std::string& text);

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int descriptor_ = -1;
};

// A file that does not end in '\n' was left by a writer killed mid-write, or cut by an editor or
// `head -c`. Its last line keeps its place and gets the missing '\n' when it is a whole record; it is
// cut when it is the start of one ('{'): that record never finished. Any other last line is not ours
// and stops with an error (nothing but an unfinished record is ever cut). Returns a sentence for a
// warning, or "" when the file needed nothing. Hold a Lock.
std::string repair_last_line(LockedAppendFile& file, bool (*is_whole_record)(const std::string& line));

}  // namespace annotbench
