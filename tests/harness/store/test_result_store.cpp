// Result rows survive killed runs and concurrent writers: whole lines only, appended under the file's
// lock; only an unfinished row is ever cut, and only from a file that holds result rows.

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "datasets/input_error.h"
#include "harness/store/result_store.h"
#include "reports/atomic_file.h"
#include "reports/result_rows.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

std::string contents_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The smallest row report's reader accepts.
nlohmann::json row_of(const std::string& cell) {
  return {{"cell", cell}, {"dataset", "iris"}, {"method", "m"}, {"seed", 0}, {"metrics", nlohmann::json::object()}};
}

std::string line_of(const std::string& cell) { return row_of(cell).dump() + "\n"; }

TEST(ResultStore, AppendsOneWholeLinePerRowCreatingTheDirectory) {
  testing::TempDir dir;
  const std::string file = (dir.path() / "sub" / "r.jsonl").string();
  append_result_row(file, row_of("a"));
  append_result_row(file, row_of("b"));
  EXPECT_EQ(contents_of(file), line_of("a") + line_of("b"));
}

TEST(ResultStore, PartialLastLineOfAKilledRunIsCutBeforeTheNextAppend) {
  testing::TempDir dir;
  const std::string file = dir.write("r.jsonl", line_of("a") + "{\"cell\":\"b\",\"val");
  append_result_row(file, row_of("c"));
  EXPECT_EQ(contents_of(file), line_of("a") + line_of("c"));
}

TEST(ResultStore, PartialOnlyLineIsCutToo) {
  testing::TempDir dir;
  const std::string file = dir.write("r.jsonl", "{\"cel");
  append_result_row(file, row_of("c"));
  EXPECT_EQ(contents_of(file), line_of("c"));
}

// D3: a complete row without its '\n' (as `head -c -1` or an editor leaves it) is a finished cell.
TEST(ResultStore, CompleteLastRowWithoutNewlineGetsItsNewlineInsteadOfBeingCut) {
  testing::TempDir dir;
  std::string b_without_line_end = line_of("b");
  b_without_line_end.pop_back();
  const std::string file = dir.write("r.jsonl", line_of("a") + b_without_line_end);
  std::ostringstream warnings;
  ResultFile results(file, warnings);
  results.append(row_of("c"));
  EXPECT_EQ(contents_of(file), line_of("a") + line_of("b") + line_of("c"));
  EXPECT_NE(warnings.str().find("added the missing line end"), std::string::npos) << warnings.str();
}

// D2: --results naming a user's CSV appended a row in place of its last line.
TEST(ResultStore, RefusesAFileNotNamedJsonlAndLeavesItUntouched) {
  testing::TempDir dir;
  const std::string file = dir.write("mydata.csv", "h\n1,a,x\n2,a,y");
  std::ostringstream warnings;
  EXPECT_THROW(ResultFile(file, warnings), InputError);
  EXPECT_EQ(contents_of(file), "h\n1,a,x\n2,a,y");
}

TEST(ResultStore, RefusesAJsonlFileThatHoldsNoResultRowsAndLeavesItUntouched) {
  testing::TempDir dir;
  const std::string notes = "my notes\nsecond line without end";
  const std::string file = dir.write("notes.jsonl", notes);
  std::ostringstream warnings;
  try {
    ResultFile results(file, warnings);
    FAIL() << "expected the file to be refused";
  } catch (const InputError& error) {
    EXPECT_EQ(error.line(), 1u) << error.what();
  }
  EXPECT_EQ(contents_of(file), notes);
  // A last line that is not the start of a record is not cut either.
  const std::string other = line_of("a") + "not json";
  const std::string file2 = dir.write("other.jsonl", other);
  EXPECT_ANY_THROW(ResultFile(file2, warnings));
  EXPECT_EQ(contents_of(file2), other);
}

// D2: the append followed symbolic links and cut the target's last line.
TEST(ResultStore, RefusesASymbolicLinkAndNamesItsTarget) {
  testing::TempDir dir;
  const std::string victim = dir.write("victim.txt", "abc\ndef");
  const std::string link = (dir.path() / "r.jsonl").string();
  std::filesystem::create_symlink(victim, link);
  std::ostringstream warnings;
  try {
    ResultFile results(link, warnings);
    FAIL() << "expected the link to be refused";
  } catch (const std::exception& error) {
    EXPECT_NE(std::string(error.what()).find("symbolic link (to " + victim + ")"), std::string::npos) << error.what();
  }
  EXPECT_EQ(contents_of(victim), "abc\ndef");
}

// D1: appenders in several processes each cut "partial" last lines that were another's row in
// flight. Under the lock, every row of every process survives. Rows are long so that a write is
// visible half-done as often as possible.
TEST(ResultStore, ConcurrentAppendersInSeveralProcessesLoseNoRow) {
  testing::TempDir dir;
  const std::string file = (dir.path() / "r.jsonl").string();
  const int processes = 4;
  const int rows_each = 100;
  const std::string padding(6000, 'x');
  std::vector<pid_t> children;
  for (int p = 0; p < processes; ++p) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      int status = 0;
      try {
        for (int r = 0; r < rows_each; ++r) {
          nlohmann::json row = row_of(std::to_string(p) + "-" + std::to_string(r));
          row["padding"] = padding;
          append_result_row(file, row);
        }
      } catch (...) {
        status = 1;
      }
      ::_exit(status);
    }
    children.push_back(child);
  }
  for (const pid_t child : children) {
    int status = 0;
    ::waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  std::ostringstream warnings;
  const std::vector<ResultRow> rows = read_result_rows(file, warnings);
  std::set<std::string> cells;
  for (const ResultRow& row : rows) cells.insert(row.cell);
  EXPECT_EQ(rows.size(), static_cast<std::size_t>(processes * rows_each));
  EXPECT_EQ(cells.size(), static_cast<std::size_t>(processes * rows_each));
  EXPECT_EQ(warnings.str(), "");
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
