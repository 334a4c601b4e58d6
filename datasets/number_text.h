#pragma once
// A number as it appears in setting names, messages and labels: the stream's shortest form with six
// significant digits ("0.2", "1e-05", "128"). One formatter, so that a rate is spelled alike in a
// setting's name (part of every cell id: changing this spelling would orphan committed results), in
// an error naming it and in a report.

#include <sstream>
#include <string>

namespace annotbench {

inline std::string short_number(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

}  // namespace annotbench
