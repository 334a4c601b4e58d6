#pragma once
// Writes a whole file or nothing: a reader never sees half a report, and a crash leaves the old one.

#include <string>

namespace annotbench {

// Writes `content` to a temporary file next to `path`, flushes it, then renames it over `path`.
// Throws std::runtime_error naming the path when any step fails.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace annotbench
