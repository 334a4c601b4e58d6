// Result rows survive a killed run: whole lines only, a truncated last line is skipped and repaired.

#include <fstream>

#include <gtest/gtest.h>

#include "datasets/input_error.h"
#include "harness/result_store.h"
#include "temp_files.h"

namespace annotbench {
namespace {

TEST(ResultStore, AppendedRowsReadBackInOrder) {
  testing::TempDir dir;
  const std::string file = (dir.path() / "sub" / "r.jsonl").string();
  append_result_row(file, {{"cell", "a"}, {"value", 1}});
  append_result_row(file, {{"cell", "b"}, {"value", 2}});
  const ResultRows read = read_result_rows(file);
  ASSERT_EQ(read.rows.size(), 2u);
  EXPECT_EQ(read.rows[1].at("cell"), "b");
  EXPECT_TRUE(read.warnings.empty());
}

TEST(ResultStore, TruncatedLastLineIsSkippedWithAWarningAndCutOnAppend) {
  testing::TempDir dir;
  const std::string file = dir.write("r.jsonl", "{\"cell\":\"a\"}\n{\"cell\":\"b\",\"val");
  ResultRows read = read_result_rows(file);
  ASSERT_EQ(read.rows.size(), 1u);
  ASSERT_EQ(read.warnings.size(), 1u);
  EXPECT_EQ(read.warnings[0].rfind(file + ":2: truncated last line skipped", 0), 0u) << read.warnings[0];
  append_result_row(file, {{"cell", "c"}});
  read = read_result_rows(file);
  ASSERT_EQ(read.rows.size(), 2u);
  EXPECT_EQ(read.rows[0].at("cell"), "a");
  EXPECT_EQ(read.rows[1].at("cell"), "c");
  EXPECT_TRUE(read.warnings.empty());
}

TEST(ResultStore, CorruptLineInTheMiddleNamesItsLine) {
  testing::TempDir dir;
  const std::string file = dir.write("r.jsonl", "{\"cell\":\"a\"}\nnot json\n{\"cell\":\"b\"}\n");
  try {
    read_result_rows(file);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.line(), 2u);
    EXPECT_EQ(error.file(), file);
  }
}

TEST(ResultStore, DirectoryReadsEveryJsonlFileAndMissingPathIsEmpty) {
  testing::TempDir dir;
  dir.write("a.jsonl", "{\"cell\":\"1\"}\n");
  dir.write("b.shard-1-of-2.jsonl", "{\"cell\":\"2\"}\n{\"cell\":\"3\"}\n");
  dir.write("notes.txt", "ignored");
  EXPECT_EQ(read_result_rows(dir.path().string()).rows.size(), 3u);
  EXPECT_TRUE(read_result_rows((dir.path() / "none").string()).rows.empty());
}

TEST(ResultStore, AtomicWriteReplacesWholeFile) {
  testing::TempDir dir;
  const std::string file = (dir.path() / "out" / "report.md").string();
  write_file_atomically(file, "first");
  write_file_atomically(file, "second");
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "second");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path() / "out")) ++entries;
  EXPECT_EQ(entries, 1u);  // no temporary left behind
}

}  // namespace
}  // namespace annotbench
