// Result rows survive a killed run: whole lines only, and a partial last line is cut before the
// next append so it never ends up in the middle of the file.

#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "harness/result_store.h"
#include "reports/atomic_file.h"
#include "temp_files.h"

namespace annotbench {
namespace {

std::string contents_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(ResultStore, AppendsOneWholeLinePerRowCreatingTheDirectory) {
  testing::TempDir dir;
  const std::string file = (dir.path() / "sub" / "r.jsonl").string();
  append_result_row(file, {{"cell", "a"}, {"value", 1}});
  append_result_row(file, {{"cell", "b"}, {"value", 2}});
  EXPECT_EQ(contents_of(file), "{\"cell\":\"a\",\"value\":1}\n{\"cell\":\"b\",\"value\":2}\n");
}

TEST(ResultStore, PartialLastLineOfAKilledRunIsCutBeforeTheNextAppend) {
  testing::TempDir dir;
  const std::string file = dir.write("r.jsonl", "{\"cell\":\"a\"}\n{\"cell\":\"b\",\"val");
  append_result_row(file, {{"cell", "c"}});
  EXPECT_EQ(contents_of(file), "{\"cell\":\"a\"}\n{\"cell\":\"c\"}\n");
}

TEST(ResultStore, PartialOnlyLineIsCutToo) {
  testing::TempDir dir;
  const std::string file = dir.write("r.jsonl", "{\"cel");
  append_result_row(file, {{"cell", "c"}});
  EXPECT_EQ(contents_of(file), "{\"cell\":\"c\"}\n");
}

TEST(AtomicFile, ReplacesTheWholeFileAndLeavesNoTemporary) {
  testing::TempDir dir;
  const std::string file = (dir.path() / "out" / "report.md").string();
  write_file_atomically(file, "first");
  write_file_atomically(file, "second");
  EXPECT_EQ(contents_of(file), "second");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path() / "out")) ++entries;
  EXPECT_EQ(entries, 1u);
}

}  // namespace
}  // namespace annotbench
