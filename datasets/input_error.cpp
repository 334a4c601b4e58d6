#include "datasets/input_error.h"

namespace annotbench {

std::string format_input_error(const std::string& file, std::size_t line, const std::string& field,
                               const std::string& problem) {
  std::string message = file;
  if (line > 0) message += ":" + std::to_string(line);
  message += ": ";
  if (!field.empty()) message += "field '" + field + "': ";
  message += problem;
  return message;
}

InputError::InputError(std::string file, std::size_t line, std::string field, const std::string& problem)
    : std::runtime_error(format_input_error(file, line, field, problem)),
      file_(std::move(file)),
      line_(line),
      field_(std::move(field)) {}

}  // namespace annotbench
