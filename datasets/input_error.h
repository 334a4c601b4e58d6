#pragma once
// Errors about files a person wrote or downloaded: they must say where (file, line, field) so that
// the person can open the file and fix it. The CLI prints what() once and exits non-zero.

#include <cstddef>
#include <stdexcept>
#include <string>

namespace annotbench {

class InputError : public std::runtime_error {
 public:
  // line 0 means "the file as a whole"; an empty field means "the row as a whole".
  InputError(std::string file, std::size_t line, std::string field, const std::string& problem);

  const std::string& file() const { return file_; }
  std::size_t line() const { return line_; }
  const std::string& field() const { return field_; }

 private:
  std::string file_;
  std::size_t line_;
  std::string field_;
};

// Errors about settings given on the command line or in a config: the message names the setting.
class ConfigError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

std::string format_input_error(const std::string& file, std::size_t line, const std::string& field,
                               const std::string& problem);

}  // namespace annotbench
