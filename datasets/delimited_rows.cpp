#include "datasets/delimited_rows.h"

#include <algorithm>
#include <stdexcept>

#include "datasets/input_error.h"

namespace annotbench {

std::string delimiter_name(Delimiter delimiter) {
  switch (delimiter) {
    case Delimiter::comma: return "comma";
    case Delimiter::tab: return "tab";
    case Delimiter::whitespace: return "whitespace";
  }
  return "?";
}

Delimiter detect_delimiter(const TextLines& lines) {
  if (lines.lines.empty()) throw InputError(lines.path, 0, "", "file is empty");
  // A tool's "# exported by ..." line otherwise made the delimiter search blame the header below it
  // (probe N24).
  if (lines.lines.front().text.rfind('#', 0) == 0)
    throw InputError(lines.path, lines.lines.front().number, "",
                     "a comment line: comments ('#') are not supported in crowd files; remove the line");
  const std::size_t sample = std::min<std::size_t>(lines.lines.size(), 50);
  const auto all_have = [&](char c) {
    for (std::size_t k = 0; k < sample; ++k)
      if (lines.lines[k].text.find(c) == std::string::npos) return false;
    return true;
  };
  if (all_have('\t')) return Delimiter::tab;
  if (all_have(',')) return Delimiter::comma;
  for (std::size_t k = 0; k < sample; ++k) {
    const std::string& text = lines.lines[k].text;
    const std::size_t first = text.find_first_not_of(" \t");
    const std::size_t gap = text.find_first_of(" \t", first);
    if (gap == std::string::npos || text.find_first_not_of(" \t", gap) == std::string::npos)
      throw InputError(lines.path, lines.lines[k].number, "",
                       "cannot tell the columns apart: no comma, tab or space separates fields on this line");
  }
  return Delimiter::whitespace;
}

std::vector<std::string> split_delimited(const std::string& line, Delimiter delimiter) {
  std::vector<std::string> fields;
  if (delimiter == Delimiter::whitespace) {
    std::size_t start = line.find_first_not_of(" \t");
    while (start != std::string::npos) {
      const std::size_t end = line.find_first_of(" \t", start);
      fields.push_back(line.substr(start, end == std::string::npos ? std::string::npos : end - start));
      start = end == std::string::npos ? end : line.find_first_not_of(" \t", end);
    }
    return fields;
  }
  const char separator = delimiter == Delimiter::comma ? ',' : '\t';
  std::string field;
  bool in_quotes = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_quotes) {
      if (c != '"') field += c;
      else if (i + 1 < line.size() && line[i + 1] == '"') field += '"', ++i;
      else in_quotes = false;
    } else if (c == '"') {
      in_quotes = true;
    } else if (c == separator) {
      fields.push_back(std::move(field));
      field.clear();
    } else {
      field += c;
    }
  }
  if (in_quotes) throw std::invalid_argument("a quoted field is not closed on this line");
  fields.push_back(std::move(field));
  for (std::string& value : fields) {
    const std::size_t first = value.find_first_not_of(" \t");
    const std::size_t last = value.find_last_not_of(" \t");
    value = first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
  }
  return fields;
}

}  // namespace annotbench
