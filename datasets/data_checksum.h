#pragma once
// Which data a run read: a result row and its cell id carry the path and a checksum of the data
// file, so that rows of another file (a different --data-dir, an edited table) are neither
// counted as done nor averaged with these (probe W4).

#include <string>

namespace annotbench {

struct DataFile {
  std::string path;      // as found in the data search directories
  std::string checksum;  // "crc32:xxxxxxxx/<bytes>"; of every regular file in order of their paths for a directory
};

// The checksum of the file or directory at `path`; computed once per path and process (a run
// asks once per cell). Throws InputError when it cannot be read.
std::string data_checksum(const std::string& path);

}  // namespace annotbench
