// The runner's view of which cells are done, re-read while other processes append, and the claims
// that keep two processes from training one cell.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "datasets/input_error.h"
#include "harness/store/cell_claims.h"
#include "harness/store/finished_cells.h"
#include "harness/store/result_store.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

nlohmann::json row_of(const std::string& cell) {
  return {{"cell", cell}, {"dataset", "iris"}, {"method", "m"}, {"seed", 0}, {"metrics", nlohmann::json::object()}};
}

TEST(FinishedCells, RefreshSeesRowsAppendedSinceTheLastOneInEveryFile) {
  testing::TempDir dir;
  FinishedCells finished(dir.path().string());
  finished.refresh();
  EXPECT_FALSE(finished.contains("a"));
  append_result_row((dir.path() / "x.shard-1-of-2.jsonl").string(), row_of("a"));
  finished.refresh();
  EXPECT_TRUE(finished.contains("a"));
  append_result_row((dir.path() / "x.shard-2-of-2.jsonl").string(), row_of("b"));
  append_result_row((dir.path() / "x.shard-1-of-2.jsonl").string(), row_of("a"));
  finished.refresh();
  EXPECT_TRUE(finished.contains("b"));
  EXPECT_EQ(finished.rows_per_cell().at("a"), 2u);
  EXPECT_EQ(finished.rows_per_cell().at("b"), 1u);
}

// Failure records are not results: a failed cell is not done, and a rerun retries it.
TEST(FinishedCells, IgnoresFilesThatAreNotJsonl) {
  testing::TempDir dir;
  dir.write("x.failures.ndjson", "{\"failed_cell\":\"a\",\"cell\":\"a\"}\n");
  FinishedCells finished(dir.path().string());
  finished.refresh();
  EXPECT_FALSE(finished.contains("a"));
}

// D3: the start-up scan counted such a row as done and the first append then cut it.
TEST(FinishedCells, CompleteLastRowWithoutNewlineCountsAsDoneAndAPartialOneDoesNot) {
  testing::TempDir dir;
  dir.write("x.jsonl", row_of("a").dump() + "\n" + row_of("b").dump());
  dir.write("y.jsonl", row_of("c").dump() + "\n{\"cell\":\"d\",\"data");
  FinishedCells finished(dir.path().string());
  finished.refresh();
  EXPECT_TRUE(finished.contains("a"));
  EXPECT_TRUE(finished.contains("b"));
  EXPECT_TRUE(finished.contains("c"));
  EXPECT_FALSE(finished.contains("d"));
  // Once the row gets its '\n' it is still counted once.
  append_result_row((dir.path() / "x.jsonl").string(), row_of("e"));
  finished.refresh();
  EXPECT_EQ(finished.rows_per_cell().at("b"), 1u);
  EXPECT_TRUE(finished.contains("e"));
}

TEST(FinishedCells, CorruptMiddleLineIsReportedWithFileAndLine) {
  testing::TempDir dir;
  const std::string file = dir.write("x.jsonl", row_of("a").dump() + "\nnot json\n" + row_of("b").dump() + "\n");
  FinishedCells finished(dir.path().string());
  try {
    finished.refresh();
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), file);
    EXPECT_EQ(error.line(), 2u);
  }
}

TEST(CellClaims, ASecondClaimOnACellFailsUntilTheFirstIsDropped) {
  testing::TempDir dir;
  const std::string results = dir.path().string();
  {
    std::optional<CellClaim> first = CellClaim::try_claim(results, "cell a");
    ASSERT_TRUE(first.has_value());
    EXPECT_FALSE(CellClaim::try_claim(results, "cell a").has_value());
    EXPECT_TRUE(CellClaim::is_claimed(results, "cell a"));
    EXPECT_TRUE(CellClaim::try_claim(results, "cell b").has_value());
  }
  EXPECT_FALSE(CellClaim::is_claimed(results, "cell a"));
  EXPECT_TRUE(CellClaim::try_claim(results, "cell a").has_value());
}

// A task cancelled by scancel or killed with -9 leaves no stale claim behind.
TEST(CellClaims, AClaimOfAKilledProcessIsReleased) {
  testing::TempDir dir;
  const std::string results = dir.path().string();
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::optional<CellClaim> claim = CellClaim::try_claim(results, "cell a");
    const char byte = claim ? '1' : '0';
    if (::write(ready[1], &byte, 1) != 1) ::_exit(2);
    ::pause();
    ::_exit(0);
  }
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  EXPECT_EQ(byte, '1');
  EXPECT_TRUE(CellClaim::is_claimed(results, "cell a"));
  EXPECT_FALSE(CellClaim::try_claim(results, "cell a").has_value());
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  EXPECT_FALSE(CellClaim::is_claimed(results, "cell a"));
  EXPECT_TRUE(CellClaim::try_claim(results, "cell a").has_value());
  ::close(ready[0]);
  ::close(ready[1]);
}

}  // namespace
}  // namespace annotbench
