#include "datasets/csv_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <stdexcept>

#include <csv.h>

#include "datasets/input_error.h"

namespace annotbench {

namespace {

class GzipByteSource : public io::ByteSourceBase {
 public:
  explicit GzipByteSource(gzFile file) : file_(file) {}
  ~GzipByteSource() override { gzclose(file_); }
  int read(char* buffer, int size) override {
    const int count = gzread(file_, buffer, static_cast<unsigned>(size));
    int code = Z_OK;
    const char* message = gzerror(file_, &code);
    // zlib reports a stream cut short as Z_BUF_ERROR and still returns what it had, so a truncated
    // file read as a shorter one (probe W5).
    if (code == Z_BUF_ERROR) throw std::runtime_error("gzip stream is truncated (unexpected end of file)");
    if (count < 0 || (code != Z_OK && code != Z_STREAM_END))
      throw std::runtime_error(std::string("gzip data is corrupt (") + message + ")");
    return count;
  }

 private:
  gzFile file_;
};

class FileByteSource : public io::ByteSourceBase {
 public:
  explicit FileByteSource(std::FILE* file) : file_(file) {}
  ~FileByteSource() override { std::fclose(file_); }
  int read(char* buffer, int size) override {
    const std::size_t count = std::fread(buffer, 1, static_cast<std::size_t>(size), file_);
    if (count == 0 && std::ferror(file_)) throw std::runtime_error("read failed");
    return static_cast<int>(count);
  }

 private:
  std::FILE* file_;
};

// The line reader hands out C strings, so a NUL byte cut its line short and the error that followed
// spoke of a field count (probe K4: "iris.csv:6: expected 5 fields, got 2"). The bytes are checked
// here, as they are read, with the line they are on.
class NulCheckingSource : public io::ByteSourceBase {
 public:
  NulCheckingSource(std::string path, std::unique_ptr<io::ByteSourceBase> inner)
      : path_(std::move(path)), inner_(std::move(inner)) {}
  int read(char* buffer, int size) override {
    const int count = inner_->read(buffer, size);
    for (int k = 0; k < count; ++k) {
      if (buffer[k] == '\n') ++line_;
      else if (buffer[k] == '\0') throw InputError(path_, line_, "", "NUL byte in the line: is this a binary file?");
    }
    return count;
  }

 private:
  std::string path_;
  std::unique_ptr<io::ByteSourceBase> inner_;
  std::size_t line_ = 1;
};

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool parses_as_number(const std::string& text) {
  if (text.empty()) return false;
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

}  // namespace

CsvReader::CsvReader(const std::string& path) : path_(path) {
  std::error_code error;
  // fopen() opens a directory, and reading it then looks like an empty file (probe U5).
  if (std::filesystem::is_directory(path, error)) throw InputError(path, 0, "", "is a directory, not a file");
  // LineReader reads its first block in the constructor: a corrupt gzip fails here, and must name
  // the file too (probe U6).
  try {
    if (ends_with(path, ".gz")) {
      gzFile file = gzopen(path.c_str(), "rb");
      if (file == nullptr) throw InputError(path, 0, "", "cannot open file");
      reader_ = std::make_unique<io::LineReader>(
          path, std::make_unique<NulCheckingSource>(path, std::make_unique<GzipByteSource>(file)));
    } else {
      std::FILE* file = std::fopen(path.c_str(), "rb");
      if (file == nullptr) throw InputError(path, 0, "", "cannot open file");
      reader_ = std::make_unique<io::LineReader>(
          path, std::make_unique<NulCheckingSource>(path, std::make_unique<FileByteSource>(file)));
    }
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& error) {
    throw InputError(path, 0, "", error.what());
  }
}

CsvReader::~CsvReader() = default;

bool CsvReader::next(std::vector<std::string>& fields) {
  while (true) {
    char* raw = nullptr;
    try {
      raw = reader_->next_line();
    } catch (const io::error::line_length_limit_exceeded&) {
      // The library's own message names the file and line again (probe K2).
      throw InputError(path_, line_ + 1, "", "line is longer than 2^24-1 bytes, the longest this reader takes");
    } catch (const InputError&) {
      throw;  // a NUL byte, already at its line
    } catch (const std::exception& error) {
      throw InputError(path_, line_ + 1, "", error.what());
    }
    if (raw == nullptr) return false;
    line_ = reader_->get_file_line();
    std::string text(raw);
    if (!text.empty() && text.back() == '\r') text.pop_back();
    // Lines end in \n or \r\n here; a file with \r alone is one long line whose fields make no
    // sense, and the errors that follow would too (probe U3).
    if (text.find('\r') != std::string::npos)
      throw InputError(path_, line_, "",
                       "the file uses CR-only (old Mac) line ends; convert them to \\n, e.g. tr '\\r' '\\n'");
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    try {
      fields = split_csv_line(text);
    } catch (const std::invalid_argument& error) {
      throw InputError(path_, line_, "", error.what());
    }
    return true;
  }
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
