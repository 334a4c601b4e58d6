#pragma once
// A whole text file as numbered lines, whatever its line ends: LF, CRLF, or CR alone (old Mac
// exports such as the music-genre AMT file), plain or gzip-compressed. Crowd files are small
// enough (10^5-10^6 rows) to read at once, and reading at once lets a truncated gzip stream be an
// error instead of a shorter file.

#include <cstddef>
#include <string>
#include <vector>

namespace annotbench {

struct TextLine {
  std::size_t number = 0;  // 1-based line in the file
  std::string text;        // without its line end
};

struct TextLines {
  std::string path;
  std::string line_ends;   // "LF", "CRLF", "CR", "mixed LF/CRLF", ... (for the summary)
  std::vector<TextLine> lines;  // blank lines (spaces and tabs only) left out
};

// Throws InputError naming the path: cannot open, a directory, corrupt or truncated gzip data,
// a NUL byte (a binary file given by mistake).
TextLines read_text_lines(const std::string& path);

}  // namespace annotbench
