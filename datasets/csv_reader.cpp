#include "datasets/csv_reader.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <cerrno>
#include <cstdlib>
#include <set>
#include <stdexcept>

#include "datasets/input_error.h"
#include "datasets/line_reader.h"

namespace annotbench {

namespace {

bool parses_as_number(const std::string& text) {
  if (text.empty()) return false;
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

}  // namespace

CsvReader::CsvReader(const std::string& path) : lines_(std::make_unique<TextLineReader>(path)) {}

CsvReader::~CsvReader() = default;

const std::string& CsvReader::path() const { return lines_->path(); }

bool CsvReader::next(std::vector<std::string>& fields) {
  TextLine line;
  if (!lines_->next(line)) return false;
  line_ = line.number;
  try {
    fields = split_csv_line(line.text);
  } catch (const std::invalid_argument& error) {
    throw InputError(path(), line_, "", error.what());
  }
  return true;
}

std::vector<std::string> split_csv_line(const std::string& line, std::vector<bool>* quoted) {
  std::vector<std::string> fields;
  if (quoted) quoted->clear();
  std::string field;
  bool in_quotes = false;
  bool was_quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"') {
      // 5."0"1 is no CSV field: a quote may only open a field (probe K5).
      if (was_quoted || field.find_first_not_of(" \t") != std::string::npos)
        throw std::invalid_argument("a quote inside a field that does not start with one");
      in_quotes = true;
      was_quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      if (quoted) quoted->push_back(was_quoted);
      field.clear();
      was_quoted = false;
    } else {
      field += c;
    }
  }
  if (in_quotes) throw std::invalid_argument("a quoted field is not closed on this line");
  fields.push_back(std::move(field));
  if (quoted) quoted->push_back(was_quoted);
  for (std::string& value : fields) {
    const std::size_t first = value.find_first_not_of(" \t");
    const std::size_t last = value.find_last_not_of(" \t");
    value = first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
  }
  return fields;
}

float parse_float_field(const std::string& text, const std::string& path, std::size_t line,
                        const std::string& field) {
  if (text.empty() || text == "NA" || text == "NaN" || text == "nan" || text == "?")
    throw InputError(path, line, field, "missing value \"" + text + "\" (missing features are not supported)");
  // strtof reads hexadecimal too; 0x1A in a table of measurements is a typo, not 26 (probe K5).
  const std::size_t digits = text.find_first_not_of("+-");
  if (digits != std::string::npos && (text.compare(digits, 2, "0x") == 0 || text.compare(digits, 2, "0X") == 0))
    throw InputError(path, line, field, "expected a decimal number, got \"" + text + "\"");
  errno = 0;
  char* end = nullptr;
  const float value = std::strtof(text.c_str(), &end);
  if (end != text.c_str() + text.size())
    throw InputError(path, line, field, "expected a number, got \"" + text + "\"");
  // Features are single precision: 1e-50 underflows to 0 there, which is fine, but 1e39 has no
  // value (probe U4). NAN, -nan, inf and Infinity parse as numbers; rejected here, where the line
  // and the column's name are known (probe U1).
  if (std::isinf(value) && errno == ERANGE)
    throw InputError(path, line, field,
                     "\"" + text + "\" is out of single-precision range (magnitude up to about 3.4e38)");
  if (!std::isfinite(value)) throw InputError(path, line, field, "not a finite number: \"" + text + "\"");
  return value;
}

long long parse_int_field(const std::string& text, const std::string& path, std::size_t line,
                          const std::string& field) {
  errno = 0;
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE)
    throw InputError(path, line, field, "expected a whole number, got \"" + text + "\"");
  return value;
}

std::vector<std::string> sorted_label_names(std::vector<std::string> labels) {
  std::set<std::string> unique(labels.begin(), labels.end());
  std::vector<std::string> names(unique.begin(), unique.end());
  const bool numeric = std::all_of(names.begin(), names.end(), parses_as_number);
  if (numeric) {
    std::stable_sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
      return std::strtod(a.c_str(), nullptr) < std::strtod(b.c_str(), nullptr);
    });
  }
  return names;
}

}  // namespace annotbench
