#include "harness/io/output_paths.h"

#include <cstdio>
#include <filesystem>

#include "datasets/input_error.h"

namespace annotbench {

namespace fs = std::filesystem;

bool same_file(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return false;
  std::error_code error;
  if (fs::exists(a, error) && fs::exists(b, error)) {
    const bool equivalent = fs::equivalent(a, b, error);
    if (!error) return equivalent;
  }
  const fs::path canonical_a = fs::weakly_canonical(fs::absolute(a, error), error);
  if (error) return fs::absolute(a).lexically_normal() == fs::absolute(b).lexically_normal();
  const fs::path canonical_b = fs::weakly_canonical(fs::absolute(b, error), error);
  if (error) return fs::absolute(a).lexically_normal() == fs::absolute(b).lexically_normal();
  return canonical_a == canonical_b;
}

void refuse_output_onto_inputs(const NamedPath& output, const std::vector<NamedPath>& inputs,
                               const std::vector<NamedPath>& other_outputs) {
  for (const NamedPath& input : inputs)
    if (same_file(output.path, input.path))
      throw ConfigError(output.role + " " + output.path + " is the same file as " + input.role + " " + input.path +
                        ": writing it would replace that input; name another file (nothing was written)");
  for (const NamedPath& other : other_outputs)
    if (same_file(output.path, other.path))
      throw ConfigError(output.role + " " + output.path + " and " + other.role + " " + other.path +
                        " are the same file: one would replace the other; name two files (nothing was written)");
}

void check_output_file(const NamedPath& output) {
  if (output.path.empty()) throw ConfigError(output.role + ": the path is empty");
  if (output.path == "-")
    throw ConfigError(output.role + " -: this option writes a file, not standard output; name a file");
  std::error_code error;
  if (fs::is_directory(output.path, error))
    throw ConfigError(output.role + " " + output.path + " is a directory, not a file");
  // The nearest existing ancestor must be a directory, or creating the parents fails with a bare
  // "filesystem error: cannot create directories: Not a directory".
  for (fs::path parent = fs::path(output.path).parent_path(); !parent.empty(); parent = parent.parent_path()) {
    if (!fs::exists(parent, error)) {
      if (parent == parent.parent_path()) break;
      continue;
    }
    if (!fs::is_directory(parent, error))
      throw ConfigError(output.role + " " + output.path + ": " + parent.string() + " is a file, not a directory");
    break;
  }
}

void require_utf8_path(const std::string& role, const std::string& path) {
  std::size_t k = 0;
  while (k < path.size()) {
    const auto c = static_cast<unsigned char>(path[k]);
    const std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    bool valid = length > 0 && k + length <= path.size() && !(length == 2 && c < 0xc2);
    for (std::size_t j = 1; valid && j < length; ++j) valid = (static_cast<unsigned char>(path[k + j]) >> 6) == 0x2;
    if (!valid) {
      std::string shown;
      for (const char byte : path) {
        const auto b = static_cast<unsigned char>(byte);
        if (b >= 0x20 && b < 0x7f) {
          shown += byte;
        } else {
          char hex[8];
          std::snprintf(hex, sizeof hex, "\\x%02X", b);
          shown += hex;
        }
      }
      throw ConfigError(role + " " + shown + " is not UTF-8 (byte " + std::to_string(k + 1) +
                        "): result rows are JSON text and cannot record it; rename it");
    }
    k += length;
  }
}

}  // namespace annotbench
