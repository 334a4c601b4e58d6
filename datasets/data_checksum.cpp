#include "datasets/data_checksum.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <vector>

#include "datasets/input_error.h"

namespace annotbench {

namespace {

// zlib's CRC-32 is already linked for the gzip tables and reads ~1 GB/s; the checksum tells
// files apart, it does not defend against forgery.
void add_file(const std::filesystem::path& file, uLong& crc, unsigned long long& bytes) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "", "cannot open to compute its checksum");
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize got = in.gcount();
    if (got <= 0) break;
    crc = crc32(crc, reinterpret_cast<const Bytef*>(buffer.data()), static_cast<uInt>(got));
    bytes += static_cast<unsigned long long>(got);
  }
  if (in.bad()) throw InputError(file.string(), 0, "", "read error while computing its checksum");
}

std::string compute(const std::string& path) {
  uLong crc = crc32(0L, Z_NULL, 0);
  unsigned long long bytes = 0;
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path, error))
      if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const std::filesystem::path& file : files) {
      // The name counts too: a renamed file is other data to a loader that looks files up by name.
      const std::string name = std::filesystem::relative(file, path).generic_string();
      crc = crc32(crc, reinterpret_cast<const Bytef*>(name.data()), static_cast<uInt>(name.size()));
      add_file(file, crc, bytes);
    }
  } else {
    add_file(path, crc, bytes);
  }
  char text[48];
  std::snprintf(text, sizeof text, "crc32:%08lx/%llu", static_cast<unsigned long>(crc), bytes);
  return text;
}

}  // namespace

std::string data_checksum(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::string> known;
  {
    std::lock_guard<std::mutex> lock(mutex);
    const auto found = known.find(path);
    if (found != known.end()) return found->second;
  }
  const std::string checksum = compute(path);
  std::lock_guard<std::mutex> lock(mutex);
  known.emplace(path, checksum);
  return checksum;
}

}  // namespace annotbench
