#include "datasets/line_reader.h"

#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <stdexcept>

#include <csv.h>

#include "datasets/input_error.h"

namespace annotbench {

namespace {

// gzread passes a plain file through unchanged, so one source reads both, whatever the name.
class GzipByteSource : public io::ByteSourceBase {
 public:
  explicit GzipByteSource(gzFile file) : file_(file) {}
  ~GzipByteSource() override { gzclose(file_); }
  int read(char* buffer, int size) override {
    const int count = gzread(file_, buffer, static_cast<unsigned>(size));
    int code = Z_OK;
    const char* message = gzerror(file_, &code);
    // zlib reports a stream cut short as Z_BUF_ERROR and still returns what it had, so a truncated
    // file would read as a shorter one (probe W5).
    if (code == Z_BUF_ERROR) throw std::runtime_error("gzip stream is truncated (unexpected end of file)");
    if (count < 0 || (code != Z_OK && code != Z_STREAM_END))
      throw std::runtime_error(std::string("gzip data is corrupt (") + message + ")");
    return count;
  }

 private:
  gzFile file_;
};

// Text already in memory (a file read under its lock) goes through the same line handling.
class StringByteSource : public io::ByteSourceBase {
 public:
  explicit StringByteSource(const std::string& bytes) : bytes_(bytes) {}
  int read(char* buffer, int size) override {
    const std::size_t count = std::min(bytes_.size() - offset_, static_cast<std::size_t>(size));
    std::copy_n(bytes_.data() + offset_, count, buffer);
    offset_ += count;
    return static_cast<int>(count);
  }

 private:
  const std::string& bytes_;
  std::size_t offset_ = 0;
};

}  // namespace

// Hands LineReader lines that end in \n alone: CRLF loses its CR and a lone CR becomes \n, so a
// CR-only file reads as the lines it holds instead of one long line (probe U3). The line reader
// hands out C strings, so a NUL byte would cut its line short and the error that followed would
// speak of a field count (probe K4): bytes are checked here, as they pass, with the line they are on.
class LineEndCounter : public io::ByteSourceBase {
 public:
  LineEndCounter(std::string path, std::unique_ptr<io::ByteSourceBase> inner)
      : path_(std::move(path)), inner_(std::move(inner)) {}

  // LineReader takes a short read for the end of the data, so every read but the last fills `out`:
  // bytes already normalised wait in `ready_` for the next call.
  int read(char* out, int size) override {
    const auto wanted = static_cast<std::size_t>(size);
    ready_.erase(0, ready_start_);
    ready_start_ = 0;
    while (ready_.size() - ready_start_ < wanted && !at_end_) {
      if (block_.size() < wanted) block_.resize(wanted);
      const int count = inner_->read(block_.data(), size);
      if (count <= 0) {
        at_end_ = true;
        if (held_cr_) {
          held_cr_ = false;
          ready_ += '\n';
          ++cr_;
        }
        break;
      }
      normalise(block_.data(), static_cast<std::size_t>(count));
    }
    const std::size_t available = std::min(wanted, ready_.size() - ready_start_);
    std::copy_n(ready_.data() + ready_start_, available, out);
    ready_start_ += available;
    return static_cast<int>(available);
  }

  // A line end of any kind closes the data; false also for an empty file.
  bool last_line_ended() const { return last_byte_ == '\n' || last_byte_ == '\r'; }

  std::string line_ends() const {
    std::vector<std::string> kinds;
    if (lf_ > 0) kinds.push_back("LF");
    if (crlf_ > 0) kinds.push_back("CRLF");
    if (cr_ > 0) kinds.push_back("CR");
    if (kinds.empty()) return "none";
    if (kinds.size() == 1) return kinds.front();
    std::string text = "mixed";
    for (std::size_t k = 0; k < kinds.size(); ++k) text += (k == 0 ? " " : "/") + kinds[k];
    return text;
  }

 private:
  // Appends `bytes` to ready_ with CRLF and lone CR made \n; a CR at the end of the bytes is held
  // until the next byte shows whether it was CRLF.
  void normalise(const char* bytes, std::size_t count) {
    last_byte_ = bytes[count - 1];
    std::size_t start = 0;
    if (at_start_) {
      at_start_ = false;
      if (count >= 3 && bytes[0] == '\xEF' && bytes[1] == '\xBB' && bytes[2] == '\xBF') start = 3;
    }
    std::size_t lf = 0, crlf = 0, cr = 0;
    ready_.reserve(ready_.size() + count + 1);
    for (std::size_t k = start; k < count; ++k) {
      const char c = bytes[k];
      if (held_cr_) {
        held_cr_ = false;
        ready_ += '\n';
        ++line_;
        if (c == '\n') {
          ++crlf;
          continue;
        }
        ++cr;
      }
      if (c == '\r') {
        held_cr_ = true;
        continue;
      }
      if (c == '\n') {
        ++lf;
        ++line_;
      } else if (c == '\0') {
        throw InputError(path_, line_, "", "NUL byte in the line: is this a binary file?");
      }
      ready_ += c;
    }
    lf_ += lf;
    crlf_ += crlf;
    cr_ += cr;
  }

  std::string path_;
  std::unique_ptr<io::ByteSourceBase> inner_;
  std::vector<char> block_;
  std::string ready_;            // normalised bytes not yet handed to LineReader
  std::size_t ready_start_ = 0;  // of which the first ready_start_ were handed out
  std::size_t line_ = 1;
  bool held_cr_ = false;
  bool at_start_ = true;
  bool at_end_ = false;
  std::atomic<char> last_byte_{'\0'};
  // LineReader reads ahead on its own thread while lines are handed out on the caller's.
  std::atomic<std::size_t> lf_{0}, crlf_{0}, cr_{0};
};

TextLineReader::TextLineReader(const std::string& path) : path_(path) {
  std::error_code error;
  // fopen() opens a directory, and reading it then looks like an empty file (probe U5).
  if (std::filesystem::is_directory(path, error)) throw InputError(path, 0, "", "is a directory, not a file");
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) throw InputError(path, 0, "", "cannot open file");
  start(std::make_unique<GzipByteSource>(file));
}

TextLineReader::TextLineReader(const std::string& bytes, const std::string& path) : path_(path) {
  start(std::make_unique<StringByteSource>(bytes));
}

void TextLineReader::start(std::unique_ptr<io::ByteSourceBase> bytes) {
  auto counter = std::make_unique<LineEndCounter>(path_, std::move(bytes));
  counter_ = counter.get();
  // LineReader reads its first block in the constructor: corrupt gzip data fails here, and must
  // name the file too (probe U6).
  try {
    reader_ = std::make_unique<io::LineReader>(path_, std::move(counter));
  } catch (const InputError&) {
    throw;  // a NUL byte, already at its line
  } catch (const std::exception& failure) {
    throw InputError(path_, 0, "", failure.what());
  }
}

TextLineReader::~TextLineReader() = default;

bool TextLineReader::next(TextLine& line) {
  while (true) {
    char* raw = nullptr;
    try {
      raw = reader_->next_line();
    } catch (const io::error::line_length_limit_exceeded&) {
      // The library's own message names the file and line again (probe K2); next_line() counted
      // the line before it failed, so get_file_line() is the overlong one.
      throw InputError(path_, reader_->get_file_line(), "",
                       "line is longer than 2^24-1 bytes, the longest this reader takes");
    } catch (const InputError&) {
      throw;
    } catch (const std::exception& failure) {
      throw InputError(path_, reader_->get_file_line(), "", failure.what());
    }
    if (raw == nullptr) return false;
    line.number = reader_->get_file_line();
    line.text.assign(raw);
    if (line.text.find_first_not_of(" \t") != std::string::npos) return true;
  }
}

std::string TextLineReader::line_ends() const { return counter_->line_ends(); }

bool TextLineReader::last_line_ended() const { return counter_->last_line_ended(); }

namespace {

TextLines all_lines(TextLineReader& reader) {
  TextLines result;
  result.path = reader.path();
  TextLine line;
  while (reader.next(line)) result.lines.push_back(line);
  result.line_ends = reader.line_ends();
  result.last_line_ended = reader.last_line_ended();
  return result;
}

}  // namespace

TextLines read_text_lines(const std::string& path) {
  TextLineReader reader(path);
  return all_lines(reader);
}

TextLines text_lines_of(const std::string& bytes, const std::string& path) {
  TextLineReader reader(bytes, path);
  return all_lines(reader);
}

}  // namespace annotbench
