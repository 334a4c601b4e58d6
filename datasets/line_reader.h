#pragma once
// The one reader of text input: feature tables, score tables, wide and long crowd files all come
// through it, so every input gets the same treatment. Lines may end in LF, CRLF or CR alone (old
// Mac exports such as the music-genre AMT file); a file may be gzip-compressed whatever its name
// (zlib passes plain files through); a UTF-8 byte order mark is dropped; a truncated gzip stream,
// a NUL byte (a binary file given by mistake) and an overlong line are errors naming the file and
// line. fast-cpp-csv-parser's LineReader does the streaming (it reads ahead on a thread of its
// own); the byte source under it normalises line ends and checks bytes as they pass.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace io {
class ByteSourceBase;
class LineReader;
}

namespace annotbench {

struct TextLine {
  std::size_t number = 0;  // 1-based line in the file
  std::string text;        // without its line end
};

class LineEndCounter;

class TextLineReader {
 public:
  // Throws InputError(path, 0, ...) when the file cannot be opened, is a directory, or its gzip
  // data is corrupt from the start.
  explicit TextLineReader(const std::string& path);
  // Lines of text already in memory (`bytes` must outlive the reader); `path` names it in errors.
  TextLineReader(const std::string& bytes, const std::string& path);
  ~TextLineReader();
  TextLineReader(const TextLineReader&) = delete;
  TextLineReader& operator=(const TextLineReader&) = delete;

  // The next line that holds more than spaces and tabs; false at the end. Throws InputError at
  // its line for a NUL byte, a line over 2^24-1 bytes, truncated or corrupt gzip data.
  bool next(TextLine& line);

  // The line ends seen so far: "LF", "CRLF", "CR", "mixed LF/CR", ..., or "none".
  std::string line_ends() const;
  // Whether the data ended in a line end: at the end of a file appended to line by line, false
  // means its writer stopped mid-line.
  bool last_line_ended() const;
  const std::string& path() const { return path_; }

 private:
  void start(std::unique_ptr<io::ByteSourceBase> bytes);

  std::string path_;
  const LineEndCounter* counter_ = nullptr;  // owned by reader_
  std::unique_ptr<io::LineReader> reader_;
};

struct TextLines {
  std::string path;
  std::string line_ends;        // as TextLineReader::line_ends() at the end of the file
  std::vector<TextLine> lines;  // blank lines (spaces and tabs only) left out
  bool last_line_ended = false;
};

// The whole file at once, for readers that look at it more than once (the long crowd-file reader
// guesses its delimiter and header from the first lines). Errors as TextLineReader's.
TextLines read_text_lines(const std::string& path);
// The same for text already in memory.
TextLines text_lines_of(const std::string& bytes, const std::string& path);

}  // namespace annotbench
