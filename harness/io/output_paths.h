#pragma once
// The one rule, for every command that writes, that an output is not one of the command's inputs
// (probe N3: `aggregate --out` replaced its own --truth file; N5: `simulate --out F --profiles F`
// replaced the labels by the profiles), and that an output path can be written at all (N27).

#include <string>
#include <vector>

namespace annotbench {

// A path and what it is to the command, as a message names it: "--out", "--truth", "the data file
// of 'iris'".
struct NamedPath {
  std::string role;
  std::string path;
};

// Whether `a` and `b` name one file: the same inode when both exist (so "./a.csv", "../dir/a.csv",
// a symbolic link and a hard link all count), else the same path once "." / ".." and symbolic links
// of the existing part are resolved (two outputs neither of which exists yet).
bool same_file(const std::string& a, const std::string& b);

// ConfigError, before anything is computed or written, when `output` is the same file as one of
// `inputs` or of `other_outputs` (outputs written by the same command), e.g.
// "--out ./truth.csv is the same file as --truth ../d/truth.csv: it would be replaced; nothing was written".
void refuse_output_onto_inputs(const NamedPath& output, const std::vector<NamedPath>& inputs,
                               const std::vector<NamedPath>& other_outputs = {});

// ConfigError for an output file path that cannot be one: empty, "-" (which `train --results`
// reads as "none", so a file named "-" would surprise), a directory, or below a path that is a file.
void check_output_file(const NamedPath& output);

// ConfigError when `path` is not valid UTF-8: result rows and summaries are JSON, which holds text
// only, and a path of other bytes failed when the finished row was written (probe N13: "[json.exception
// .type_error.316] invalid UTF-8 byte", after training, leaving an empty results file).
void require_utf8_path(const std::string& role, const std::string& path);

}  // namespace annotbench
