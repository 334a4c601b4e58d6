#pragma once
// Reads comma-separated records line by line through the one text reader (datasets/line_reader.h:
// any line end, gzip, NUL bytes and overlong lines named), keeping the line number of each record
// for error messages.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace annotbench {

class TextLineReader;

class CsvReader {
 public:
  // Throws InputError(path, 0, ...) when the file cannot be opened. Gzip data is decompressed
  // whatever the file's name.
  explicit CsvReader(const std::string& path);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // The next non-empty record, split into fields with RFC 4180 quoting removed; false at the end.
  // Throws InputError for an unterminated quote.
  bool next(std::vector<std::string>& fields);

  std::size_t line() const { return line_; }  // 1-based line of the last record returned
  const std::string& path() const;

 private:
  std::unique_ptr<TextLineReader> lines_;
  std::size_t line_ = 0;
};

// Splits one CSV line; `quoted` (optional) tells per field whether it was quoted. Throws
// std::invalid_argument for an unterminated quote.
std::vector<std::string> split_csv_line(const std::string& line, std::vector<bool>* quoted = nullptr);

// Number parsing that names the place of a bad value.
float parse_float_field(const std::string& text, const std::string& path, std::size_t line,
                        const std::string& field);
long long parse_int_field(const std::string& text, const std::string& path, std::size_t line,
                          const std::string& field);

// Sorted unique labels; numerically when every label is a number ("2" before "10").
std::vector<std::string> sorted_label_names(std::vector<std::string> labels);

}  // namespace annotbench
