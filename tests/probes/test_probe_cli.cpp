// The CLI as the probe of commit 9276288 used it (../shared/reliability/probe-9276288.md), through
// the real binary: each test names the findings it pins.

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

CommandResult run_annotbench(const testing::TempDir& dir, const std::string& arguments) {
  const std::string err_file = (dir.path() / "stderr.txt").string();
  CommandResult result;
  FILE* pipe = popen((std::string(ANNOTBENCH_BINARY) + " " + arguments + " 2>" + err_file).c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) result.out += buffer;
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_file);
  result.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return result;
}

const std::string kIrisTrain = "train --dataset iris --simulator uniform --rate 0.3 --quiet --results - ";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::size_t lines_of(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

class ProbeCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  }
  testing::TempDir dir;
};

TEST_F(ProbeCli, U10_W4_TrainWithDefaultsWorksOnIrisAndRecordsTheDataFile) {
  const CommandResult result = run_annotbench(dir, kIrisTrain + "--method majority-vote --epochs 1");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const nlohmann::json row = nlohmann::json::parse(result.out);
  EXPECT_EQ(row.at("split").at("valid"), 15);  // the default validation part: 10 % of 150
  const std::string path = row.at("data").at("path").get<std::string>();
  EXPECT_EQ(std::filesystem::path(path).filename(), "iris.csv") << path;
  EXPECT_EQ(row.at("data").at("checksum").get<std::string>().rfind("crc32:", 0), 0u) << row.dump();
}

TEST_F(ProbeCli, W1_DivergedTrainingFailsAndWritesNoRow) {
  const std::string results = (dir.path() / "train.jsonl").string();
  const CommandResult result = run_annotbench(
      dir, "train --dataset iris --simulator uniform --rate 0.3 --method annot-mix --epochs 4 --learning-rate 1e10 "
           "--quiet --results " + results);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "annotbench train: loss became")) << result.err;
  EXPECT_TRUE(result.out.empty()) << result.out;
  // The results file is opened (and so created) before training, so that a path that cannot be
  // written fails first (D4); the diverged run must leave it without a row.
  EXPECT_TRUE(!std::filesystem::exists(results) || std::filesystem::file_size(results) == 0);
}

TEST_F(ProbeCli, W1_U12_BadLearningRatesAreOneLineErrorsBeforeLibTorch) {
  for (const std::string rate : {"inf", "nan", "-1", "0"}) {
    const CommandResult result = run_annotbench(dir, kIrisTrain + "--method annot-mix --learning-rate " + rate);
    EXPECT_EQ(result.exit_code, 1) << rate;
    EXPECT_EQ(lines_of(result.err), 1u) << result.err;
    EXPECT_TRUE(contains(result.err, "--learning-rate: must be a finite number > 0")) << result.err;
  }
  const CommandResult huge = run_annotbench(dir, kIrisTrain + "--method annot-mix --method-options embed_size=1e9");
  EXPECT_EQ(huge.exit_code, 1);
  EXPECT_EQ(lines_of(huge.err), 1u) << huge.err;
  EXPECT_TRUE(contains(huge.err, "option 'embed_size' must be a whole number from 1 to 65536")) << huge.err;
}

TEST_F(ProbeCli, W10_RepeatedOptionKeysAndOverflowingCountsAreRefused) {
  const CommandResult twice = run_annotbench(dir, kIrisTrain + "--method annot-mix --method-options alpha=1,alpha=2");
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_EQ(twice.err, "annotbench train: --method-options: 'alpha' given twice\n");
  const CommandResult epochs = run_annotbench(dir, kIrisTrain + "--method annot-mix --epochs 4294967297");
  EXPECT_EQ(epochs.exit_code, 1);
  EXPECT_EQ(epochs.err, "annotbench train: --epochs must lie in [1, 1000000], got 4294967297\n");
}

TEST_F(ProbeCli, W4_MistypedDataDirIsAnError) {
  const CommandResult result = run_annotbench(dir, "inspect --dataset iris --data-dir /no/such/dir");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "annotbench inspect: --data-dir '/no/such/dir': no such directory\n");
}

TEST_F(ProbeCli, U8_TooManyAnnotatorsBlameTheSimulationNotTheDataFile) {
  const CommandResult result = run_annotbench(
      dir, kIrisTrain + "--method majority-vote --epochs 1 --annotators 2000 --labels-per-instance 2,3");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "simulator 'uniform' with 2000 annotators for 150 instances of 'iris' with 2,3 labels each"))
      << result.err;
  EXPECT_TRUE(contains(result.err, "use fewer annotators or more labels per instance")) << result.err;
}

TEST_F(ProbeCli, K3_UnknownOptionHasOnePrefix) {
  const CommandResult result = run_annotbench(dir, "run harness/configs/quick.json --reslts x");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "annotbench run: unknown option --reslts (see annotbench run --help)\n");
}

TEST_F(ProbeCli, K6_IndexedCudaDeviceIsAccepted) {
  const CommandResult result = run_annotbench(dir, kIrisTrain + "--method majority-vote --epochs 1 --device cuda:0");
  EXPECT_FALSE(contains(result.err, "expected cpu")) << result.err;  // parsed; fails only without a GPU
}

TEST_F(ProbeCli, U7_ATypoInTheLastSettingStopsTheRunBeforeAnyCellTrains) {
  const nlohmann::json config = {
      {"name", "late"},
      {"epochs", 1},
      {"split", {{"test_fraction", 0.2}, {"valid_size", 0.1}}},
      {"datasets",
       {{{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"annotators", 4}}}},
        {{"dataset", "iris"}, {"setting", "typo"}, {"simulator", {{"kind", "unifrom"}}}}}},
      {"methods", {"majority-vote"}}};
  const std::string path = dir.write("late.json", config.dump());
  const std::string results = (dir.path() / "results").string();
  const CommandResult result = run_annotbench(dir, "run " + path + " --results " + results);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "field 'datasets[1].simulator': unknown simulator 'unifrom'")) << result.err;
  EXPECT_FALSE(std::filesystem::exists(results + "/late.jsonl"));
}

}  // namespace
}  // namespace annotbench
