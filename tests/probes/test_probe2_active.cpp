// Resuming an active-learning run from a ledger and rounds file that do not fit (probe of commit
// b25b8d6, ../shared/reliability/probe-b25b8d6.md: N11, N15); option ranges (N16, N20). Through the
// real binary.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/annotbench_process.h"

namespace annotbench {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

void write_lines(const std::string& path, const std::vector<std::string>& lines, std::size_t count) {
  std::ofstream out(path, std::ios::trunc);
  for (std::size_t k = 0; k < count && k < lines.size(); ++k) out << lines[k] << "\n";
}

class ProbeB25Active : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
    const testing::ProcessResult first = run();
    ASSERT_EQ(first.exit_code, 0) << first.err;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "r" / "active")) {
      const std::string name = entry.path().string();
      if (name.size() > 13 && name.compare(name.size() - 13, 13, ".ledger.jsonl") == 0) ledger = name;
      if (name.size() > 13 && name.compare(name.size() - 13, 13, ".rounds.jsonl") == 0) rounds = name;
    }
    ASSERT_FALSE(ledger.empty());
    ASSERT_FALSE(rounds.empty());
    ledger_lines = lines_of(testing::file_text(ledger));
    rounds_lines = lines_of(testing::file_text(rounds));
    ASSERT_EQ(rounds_lines.size(), 4u);  // rounds 0..3
    // The finished row goes, so that the next run resumes the cell from its files.
    std::filesystem::remove(dir.path() / "r" / "active.jsonl");
  }
  testing::ProcessResult run() const {
    return testing::run_annotbench(
        dir, "active --dataset iris --oracle symmetric --rate 0.3 --strategy passive --seed 0 --seed-size 10 "
             "--round-budget 10 --rounds 3 --min-epochs 1 --min-steps 20 --max-steps 40 --folds 2 --quiet "
             "--results '" + (dir.path() / "r").string() + "' --data-dir '" + testing::shared_data_dir() + "'");
  }
  testing::TempDir dir;
  std::string ledger, rounds;
  std::vector<std::string> ledger_lines, rounds_lines;
};

// b25b8d6: "Target 9 is out of bounds. Exception raised from nll_loss_out_frame ..." and 30 frames.
TEST_F(ProbeB25Active, N11_ALedgerLabelOutsideTheClassesIsNamedAtItsLine) {
  nlohmann::json line = nlohmann::json::parse(ledger_lines[4]);
  line["label"] = 9;
  ledger_lines[4] = line.dump();
  write_lines(ledger, ledger_lines, ledger_lines.size());
  const testing::ProcessResult result = run();
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, ledger + ":5: field 'label': 9 is not a class of 3 (0..2)")) << result.err;
  EXPECT_FALSE(contains(result.err, "Exception raised from")) << result.err;
}

// b25b8d6: a bare "[json.exception.out_of_range.403] key 'relabel_precision' not found".
TEST_F(ProbeB25Active, N11_ARoundsLineWithoutItsFieldsIsNamedAtItsLine) {
  write_lines(rounds, {"{\"round\":0}"}, 1);
  const testing::ProcessResult result = run();
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, rounds + ":1: field 'spent': missing from the round row")) << result.err;
}

// b25b8d6 trusted a rounds file ahead of its ledger and wrote a finished row over a ledger without
// rounds 2-4; an empty ledger beside a full rounds file gave a row with 0 ledger lines.
TEST_F(ProbeB25Active, N15_ALedgerBehindItsRoundsFileIsRefused) {
  write_lines(ledger, ledger_lines, 20);
  const testing::ProcessResult behind = run();
  EXPECT_EQ(behind.exit_code, 1);
  EXPECT_TRUE(contains(behind.err, ledger + ": holds 20 queries up to round 3, but " + rounds + " says 40 were spent"))
      << behind.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "r" / "active.jsonl") &&
               !testing::file_text((dir.path() / "r" / "active.jsonl").string()).empty());
  write_lines(ledger, ledger_lines, 0);
  const testing::ProcessResult empty = run();
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_TRUE(contains(empty.err, "holds 0 queries up to round 3")) << empty.err;
  // The files as they were resume and finish the cell.
  write_lines(ledger, ledger_lines, ledger_lines.size());
  const testing::ProcessResult whole = run();
  EXPECT_EQ(whole.exit_code, 0) << whole.err;
  // N32: the row names its ledger relative to the results directory (b25b8d6: as spelled at run
  // time, so a moved directory pointed at the old place).
  const nlohmann::json row = nlohmann::json::parse(testing::file_text((dir.path() / "r" / "active.jsonl").string()));
  EXPECT_EQ(row.at("ledger").get<std::string>(), "active/" + std::filesystem::path(ledger).filename().string());
}

// b25b8d6 ran batch_size 1e10 as 1410065408; folds 1000 made 20 tiny cells run for minutes.
TEST(ProbeB25, N16_N20_ActiveOptionsOutOfRangeAreRefused) {
  const testing::TempDir dir;
  const std::string base = "active --dataset iris --strategy passive --results '" + dir.path().string() + "/r' ";
  const auto refusal = [&](const std::string& options) { return testing::run_annotbench(dir, base + options); };
  const testing::ProcessResult batch = refusal("--batch-size 10000000000");
  EXPECT_EQ(batch.exit_code, 1);
  EXPECT_TRUE(contains(batch.err, "option 'batch_size': expected a whole number in [1, 1000000000], got 10000000000"))
      << batch.err;
  const testing::ProcessResult steps = refusal("--min-steps 500 --max-steps 100");
  EXPECT_TRUE(contains(steps.err, "min_steps 500 is above max_steps 100")) << steps.err;
  const testing::ProcessResult late = refusal("--rounds 4 --relabel-from-round 9");
  EXPECT_TRUE(contains(late.err, "relabel_from_round 9 is after the last round 4")) << late.err;
  const testing::ProcessResult folds = refusal("--seed-size 10 --folds 1000");
  EXPECT_TRUE(contains(folds.err, "1000 folds for a seed set of 10 items")) << folds.err;
  for (const testing::ProcessResult* result : {&steps, &late, &folds}) EXPECT_EQ(result->exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "r" / "active.jsonl"));
}

}  // namespace
}  // namespace annotbench
