// The one text reader (datasets/line_reader.h): every input file of the suite comes through it, so
// each property is checked once here, on the bytes a user's file may hold.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "datasets/input_error.h"
#include "datasets/line_reader.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

using testing::TempDir;

std::vector<std::pair<std::size_t, std::string>> numbered(const TextLines& lines) {
  std::vector<std::pair<std::size_t, std::string>> result;
  for (const TextLine& line : lines.lines) result.emplace_back(line.number, line.text);
  return result;
}

std::string error_of(const std::string& path) {
  try {
    read_text_lines(path);
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

TEST(LineReader, EveryLineEndGivesTheSameNumberedLines) {
  TempDir dir;
  const std::vector<std::pair<std::size_t, std::string>> expected{{1, "a,b"}, {2, "1,2"}, {4, "3,4"}};
  const std::pair<std::string, std::string> files[] = {
      {"a,b\n1,2\n\n3,4\n", "LF"}, {"a,b\r\n1,2\r\n\r\n3,4\r\n", "CRLF"},
      {"a,b\r1,2\r\r3,4", "CR"},   {"a,b\r\n1,2\n\r3,4\n", "mixed LF/CRLF/CR"}};
  for (const auto& [contents, line_ends] : files) {
    const TextLines lines = read_text_lines(dir.write("t.csv", contents));
    EXPECT_EQ(numbered(lines), expected) << line_ends;
    EXPECT_EQ(lines.line_ends, line_ends);
  }
}

TEST(LineReader, BlankLinesAreSkippedButCounted) {
  TempDir dir;
  const TextLines lines = read_text_lines(dir.write("t.csv", " \t\nx\n\n   \ny\n"));
  EXPECT_EQ(numbered(lines), (std::vector<std::pair<std::size_t, std::string>>{{2, "x"}, {5, "y"}}));
}

TEST(LineReader, AByteOrderMarkIsDropped) {
  TempDir dir;
  const TextLines lines = read_text_lines(dir.write("t.csv", "\xEF\xBB\xBFitem,label\nq1,a\n"));
  ASSERT_EQ(lines.lines.size(), 2u);
  EXPECT_EQ(lines.lines[0].text, "item,label");
}

TEST(LineReader, AnEmptyFileHasNoLines) {
  TempDir dir;
  const TextLines lines = read_text_lines(dir.write("t.csv", ""));
  EXPECT_TRUE(lines.lines.empty());
  EXPECT_EQ(lines.line_ends, "none");
}

// The reader asks its byte source for 2^25 bytes first and keeps one back for a held CR, so the
// first block ends at byte 2^25 - 2: a CRLF split there must stay one line end, not two.
TEST(LineReader, ACrlfSplitBetweenBlocksIsOneLineEnd) {
  TempDir dir;
  const std::string filler_line = std::string(1023, 'x') + "\n";
  std::string contents;
  contents.reserve((1u << 25) + 16);
  for (int k = 0; k < 32767; ++k) contents += filler_line;
  contents += std::string(1022, 'y') + "\r\n" + "after\n";
  ASSERT_EQ(contents.find('\r'), (1u << 25) - 2);
  const TextLines lines = read_text_lines(dir.write("t.csv", contents));
  ASSERT_EQ(lines.lines.size(), 32769u);
  EXPECT_EQ(lines.lines[32767].number, 32768u);
  EXPECT_EQ(lines.lines[32767].text, std::string(1022, 'y'));
  EXPECT_EQ(lines.lines[32768].number, 32769u);
  EXPECT_EQ(lines.lines[32768].text, "after");
  EXPECT_EQ(lines.line_ends, "mixed LF/CRLF");
}

TEST(LineReader, GzipIsReadWhateverTheFileIsCalled) {
  TempDir dir;
  const std::string plain = dir.write("answers.csv", "q1,w1,a\r\nq2,w1,b\r\n");
  ASSERT_EQ(std::system(("gzip -n -k " + plain).c_str()), 0);
  const std::string renamed = (dir.path() / "answers-compressed.csv").string();
  std::filesystem::copy_file(plain + ".gz", renamed);
  const std::string plain_named_gz = dir.write("plain.csv.gz", "q1,w1,a\r\nq2,w1,b\r\n");
  for (const std::string& path : {plain, plain + ".gz", renamed, plain_named_gz}) {
    const TextLines lines = read_text_lines(path);
    ASSERT_EQ(lines.lines.size(), 2u) << path;
    EXPECT_EQ(lines.lines[1].text, "q2,w1,b") << path;
    EXPECT_EQ(lines.line_ends, "CRLF") << path;
  }
}

TEST(LineReader, ANulByteIsNamedAtItsLineWhateverTheLineEnds) {
  TempDir dir;
  const std::string lf = dir.write("lf.csv", std::string("a\nb\nc\0d\n", 8));
  EXPECT_EQ(error_of(lf), lf + ":3: NUL byte in the line: is this a binary file?");
  const std::string cr = dir.write("cr.csv", std::string("a\rb\r\0", 5));
  EXPECT_EQ(error_of(cr), cr + ":3: NUL byte in the line: is this a binary file?");
}

TEST(LineReader, MissingFilesAndDirectoriesAreNamed) {
  TempDir dir;
  const std::string missing = (dir.path() / "none.csv").string();
  EXPECT_EQ(error_of(missing), missing + ": cannot open file");
  EXPECT_EQ(error_of(dir.path().string()), dir.path().string() + ": is a directory, not a file");
}

TEST(LineReader, LinesAreHandedOutOneByOneWithTheirLineEnds) {
  TempDir dir;
  TextLineReader reader(dir.write("t.csv", "a\r\nb\n"));
  TextLine line;
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.number, 1u);
  EXPECT_EQ(line.text, "a");
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.text, "b");
  EXPECT_FALSE(reader.next(line));
  EXPECT_EQ(reader.line_ends(), "mixed LF/CRLF");
}

}  // namespace
}  // namespace annotbench
