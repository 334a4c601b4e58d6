#pragma once
// Writes a whole file or nothing: a reader never sees half a report, and a crash leaves the old one.

#include <string>
#include <utility>
#include <vector>

namespace annotbench {

// Writes `content` to a temporary file next to `path`, flushes it, then renames it over `path`.
// Throws std::runtime_error naming the path when any step fails.
void write_file_atomically(const std::string& path, const std::string& content);

// Several files as one: every content is written to its temporary file and every target checked
// (not a directory; writable if it exists) before the first rename, so that a failure leaves all
// the old files. Should a rename still fail, the message says which files were already replaced.
void write_files_atomically(const std::vector<std::pair<std::string, std::string>>& paths_and_contents);

}  // namespace annotbench
