// `annotbench simulate` through the real binary: reproducible files, one clear error line for a bad
// configuration, and the CSV writer's format.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness/io/annotations_csv.h"
#include "tests/support/blob_datasets.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

struct CommandResult {
  int exit_code = 0;
  std::string out, err;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

CommandResult run_annotbench(const testing::TempDir& dir, const std::string& arguments) {
  const std::string out = (dir.path() / "stdout.txt").string();
  const std::string err = (dir.path() / "stderr.txt").string();
  const std::string command =
      std::string(ANNOTBENCH_BINARY) + " " + arguments + " >" + out + " 2>" + err;
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(out);
  result.err = read_file(err);
  return result;
}

std::size_t line_count(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

TEST(SimulateCommand, BadConfigurationsGiveOneErrorLineAndFail) {
  const testing::TempDir dir;
  const std::string out = (dir.path() / "labels.csv").string();
  const std::string base = "simulate --dataset letter --seed 1 --out " + out + " ";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"--simulator uniform --rate 1.0", "[0, 1)"},
      {"--simulator uniform --rate -0.2", "[0, 1)"},
      {"--simulator class-dependent --rate 0.2 --annotators 3 --labels-per-instance 2,3,4", "more than the 3 annotators"},
      {"--simulator no-such-kind --rate 0.2", "unknown simulator 'no-such-kind'"},
      {"--simulator uniform --rate 0.2 --no-such-flag 3", "unknown option --no-such-flag"},
      {"--simulator uniform --rate 0.2 --options rate_hgih=0.3", "unknown option 'rate_hgih'"},
  };
  for (const auto& [arguments, fragment] : cases) {
    const CommandResult result = run_annotbench(dir, base + arguments);
    EXPECT_NE(result.exit_code, 0) << arguments;
    EXPECT_EQ(line_count(result.err), 1u) << arguments << ": " << result.err;
    EXPECT_NE(result.err.find(fragment), std::string::npos) << arguments << ": " << result.err;
    EXPECT_FALSE(std::filesystem::exists(out)) << arguments;
  }
}

TEST(SimulateCommand, SameSeedSameBytesOtherSeedOtherBytes) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  const testing::TempDir dir;
  const std::string common = "simulate --dataset letter --data-dir " + testing::shared_data_dir() +
                             " --simulator uniform --rate 0.3 --annotators 12 --labels-per-instance 2,3,4 ";
  const std::string first = (dir.path() / "first.csv").string();
  const std::string again = (dir.path() / "again.csv").string();
  const std::string other = (dir.path() / "other.csv").string();
  const CommandResult ran = run_annotbench(dir, common + "--seed 7 --out " + first);
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  ASSERT_EQ(run_annotbench(dir, common + "--seed 7 --out " + again).exit_code, 0);
  ASSERT_EQ(run_annotbench(dir, common + "--seed 8 --out " + other).exit_code, 0);
  const std::string first_text = read_file(first);
  EXPECT_EQ(first_text, read_file(again));
  EXPECT_NE(first_text, read_file(other));
  // Long format, 2-4 labels for each of the 20000 instances (mean 3), no temp file left behind.
  EXPECT_EQ(first_text.rfind("item,annotator,label,true_label\n", 0), 0u);
  const std::size_t rows = line_count(first_text) - 1;
  EXPECT_GE(rows, 40000u);
  EXPECT_LE(rows, 80000u);
  EXPECT_NEAR(static_cast<double>(rows) / 20000.0, 3.0, 0.05);
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    EXPECT_EQ(entry.path().string().find(".tmp."), std::string::npos) << entry.path();
  // The printed achieved rate: subsampling to 2-4 labels is independent of the flips, so it stays near 0.3.
  const std::string marker = "achieved overall noise rate ";
  const std::size_t at = ran.out.find(marker);
  ASSERT_NE(at, std::string::npos) << ran.out;
  EXPECT_NEAR(std::stod(ran.out.substr(at + marker.size())), 0.3, 0.01) << ran.out;
}

TEST(SimulateCommand, LongCsvHasOneRowPerGivenLabel) {
  Dataset dataset = testing::balanced_blobs(2, 2);
  dataset.class_names = {"cat", "dog, big"};
  dataset.annotator_ids = {"a", "b"};
  dataset.annotations = AnnotationMatrix(4, 2, kMissingLabel);
  dataset.annotations.at(0, 0) = 1;
  dataset.annotations.at(0, 1) = 0;
  dataset.annotations.at(3, 1) = 1;
  EXPECT_EQ(annotations_long_csv(dataset),
            "item,annotator,label,true_label\n"
            "0,a,\"dog, big\",cat\n"
            "0,b,cat,cat\n"
            "3,b,\"dog, big\",\"dog, big\"\n");
}

}  // namespace
}  // namespace annotbench
