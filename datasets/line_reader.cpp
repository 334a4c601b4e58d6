#include "datasets/line_reader.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "datasets/input_error.h"

namespace annotbench {

namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// gzread also passes plain files through unchanged, so a .gz name on a plain file still reads.
std::string read_bytes(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) throw InputError(path, 0, "", "is a directory, not a file");
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) throw InputError(path, 0, "", "cannot open file");
  std::string bytes;
  char buffer[1 << 16];
  while (true) {
    const int count = gzread(file, buffer, sizeof buffer);
    if (count < 0) {
      int code = 0;
      const std::string message = gzerror(file, &code);
      gzclose(file);
      throw InputError(path, 0, "", "gzip data is corrupt (" + message + ")");
    }
    if (count == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(count));
  }
  // zlib reports a stream cut short only through gzerror once reading stops.
  int code = Z_OK;
  const std::string message = gzerror(file, &code);
  gzclose(file);
  if (code != Z_OK && code != Z_STREAM_END)
    throw InputError(path, 0, "", "gzip stream is truncated or corrupt (" + message + ")");
  return bytes;
}

}  // namespace

TextLines read_text_lines(const std::string& path) {
  std::string bytes = read_bytes(path);
  if (ends_with(bytes.substr(0, 3), "\xEF\xBB\xBF")) bytes.erase(0, 3);  // UTF-8 byte order mark
  TextLines result;
  result.path = path;
  std::size_t lf = 0, crlf = 0, cr = 0;
  std::size_t number = 1;
  std::size_t start = 0;
  const auto keep = [&](std::size_t end) {
    std::string text = bytes.substr(start, end - start);
    if (text.find('\0') != std::string::npos)
      throw InputError(path, number, "", "NUL byte in the line: is this a binary file?");
    if (text.find_first_not_of(" \t") != std::string::npos) result.lines.push_back({number, std::move(text)});
  };
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c != '\n' && c != '\r') continue;
    keep(i);
    if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') {
      ++crlf;
      ++i;
    } else {
      ++(c == '\r' ? cr : lf);
    }
    ++number;
    start = i + 1;
  }
  if (start < bytes.size()) keep(bytes.size());
  std::vector<std::string> kinds;
  if (lf > 0) kinds.push_back("LF");
  if (crlf > 0) kinds.push_back("CRLF");
  if (cr > 0) kinds.push_back("CR");
  if (kinds.empty()) result.line_ends = "none";
  else if (kinds.size() == 1) result.line_ends = kinds.front();
  else {
    result.line_ends = "mixed";
    for (std::size_t k = 0; k < kinds.size(); ++k) result.line_ends += (k == 0 ? " " : "/") + kinds[k];
  }
  return result;
}

}  // namespace annotbench
