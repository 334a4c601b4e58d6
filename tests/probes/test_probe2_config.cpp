// Configs, devices, paths and status as the probe of commit b25b8d6 used them (../shared/reliability/
// probe-b25b8d6.md): N13, N17 (with U7, K6, N30), N19, N25, N29.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "datasets/input_error.h"
#include "harness/grid/config.h"
#include "methods/runtime.h"
#include "tests/support/annotbench_process.h"
#include "tests/support/tiny_fewshot_config.h"

namespace annotbench {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string config_error(const nlohmann::json& config) {
  try {
    parse_experiment_config(config, "c.json");
  } catch (const InputError& error) {
    return error.what();
  }
  return "(accepted)";
}

nlohmann::json active_config() {
  return {{"name", "ac"},
          {"kind", "active"},
          {"seeds", {0}},
          {"datasets", {"iris"}},
          {"oracles", {{{"kind", "symmetric"}, {"rates", {0.3}}}}},
          {"strategies", {"passive"}},
          {"options", {{"seed_size", 10}, {"round_budget", 10}, {"rounds", 1}}}};
}

nlohmann::json fewshot_config() { return testing::tiny_fewshot_config("fs", {"lr-mv"}); }

// b25b8d6 accepted these, made each cell twice and spoke of "another process" training half of them.
TEST(ProbeB25, N19_RepeatedOraclesRatesAndFewShotDataSetsAreRefused) {
  ASSERT_EQ(config_error(active_config()), "(accepted)");
  nlohmann::json twice = active_config();
  twice["oracles"].push_back({{"kind", "symmetric"}, {"rates", {0.3}}});
  EXPECT_EQ(config_error(twice), "c.json: field 'oracles[1]': oracle 'symmetric' at rate 0.3 is listed twice");
  nlohmann::json rates = active_config();
  rates["oracles"][0]["rates"] = {0.3, 0.3};
  EXPECT_EQ(config_error(rates), "c.json: field 'oracles[0]': oracle 'symmetric' at rate 0.3 is listed twice");
  ASSERT_EQ(config_error(fewshot_config()), "(accepted)");
  nlohmann::json datasets = fewshot_config();
  datasets["datasets"] = {"letter", "letter"};
  EXPECT_EQ(config_error(datasets), "c.json: field 'datasets[1]': 'letter' is listed twice (also datasets[0])");
}

// b25b8d6: "annotbench run: unknown data set 'irsi'; known ...", with no file or field.
TEST(ProbeB25, N25_AnUnknownDataSetOfAnActiveConfigNamesItsField) {
  nlohmann::json config = active_config();
  config["datasets"] = {"irsi"};
  EXPECT_EQ(config_error(config), "c.json: field 'datasets[0]': unknown data set 'irsi' (see annotbench datasets)");
}

// b25b8d6: few-shot and active configs ignored --device cuda and trained on the CPU (rc 0), a config's
// "device": "cuda" failed cell by cell, and `run` refused cuda:N, which `train` takes.
TEST(ProbeB25, N17_U7_N30_ACudaDeviceWithoutCudaStopsTheRunFirst) {
  if (cuda_available()) GTEST_SKIP() << "this machine has CUDA: the CPU-only message cannot be seen here";
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  const testing::TempDir dir;
  nlohmann::json learning = {{"name", "l"},
                             {"epochs", 1},
                             {"seeds", {0, 1}},
                             {"device", "cuda"},
                             {"datasets", {{{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"annotators", 4}, {"rates", {0.3}}}}}}},
                             {"methods", {"majority-vote"}}};
  const std::string data = " --quiet --data-dir '" + testing::shared_data_dir() + "' --results '" + dir.path().string() + "/r'";
  for (const auto& [name, config, device] :
       std::vector<std::tuple<std::string, nlohmann::json, std::string>>{{"fs.json", fewshot_config(), "--device cuda"},
                                                                       {"ac.json", active_config(), "--device cuda:0"},
                                                                       {"l.json", learning, ""}}) {
    const std::string path = dir.write(name, config.dump());
    const testing::ProcessResult result = testing::run_annotbench(dir, "run '" + path + "' " + device + data);
    EXPECT_EQ(result.exit_code, 1) << name << ": " << result.err;
    EXPECT_TRUE(contains(result.err, "no CUDA device; use --device cpu")) << name << ": " << result.err;
    EXPECT_FALSE(contains(result.err, "FAILED")) << name << ": " << result.err;  // before any cell
  }
  const testing::ProcessResult bad = testing::run_annotbench(dir, "run '" + dir.path().string() + "/l.json' --device gpu" + data);
  EXPECT_TRUE(contains(bad.err, "--device: expected cpu, cuda or cuda:<index>, got \"gpu\"")) << bad.err;
}

// b25b8d6 trained, then failed writing the row ("[json.exception.type_error.316] invalid UTF-8 byte"),
// leaving an empty results file.
TEST(ProbeB25, N13_APathThatIsNotUtf8IsRefusedBeforeTraining) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  const testing::TempDir dir;
  const std::filesystem::path odd = dir.path() / "data\xff";
  std::filesystem::create_directories(odd);
  std::filesystem::copy_file(testing::shared_data_dir() + "/iris.csv", odd / "iris.csv");
  const std::string results = (dir.path() / "t.jsonl").string();
  const testing::ProcessResult result = testing::run_annotbench(
      dir, "train --dataset iris --simulator uniform --rate 0.3 --method majority-vote --epochs 1 --quiet --data-dir '" +
               odd.string() + "' --results '" + results + "'");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "data\\xFF/iris.csv is not UTF-8 (byte ")) << result.err;
  EXPECT_FALSE(contains(result.err, "json.exception")) << result.err;
  EXPECT_FALSE(std::filesystem::exists(results));
  const std::string answers = (dir.path() / "a\xff.csv").string();
  dir.write("a\xff.csv", "item,annotator,label\n1,a,x\n1,b,y\n");
  const testing::ProcessResult aggregate = testing::run_annotbench(dir, "aggregate --method mv --annotations '" + answers + "'");
  EXPECT_EQ(aggregate.exit_code, 1);
  EXPECT_TRUE(contains(aggregate.err, "--annotations ")) << aggregate.err;
  EXPECT_TRUE(contains(aggregate.err, "is not UTF-8")) << aggregate.err;
}

// b25b8d6: `status b.json` on a directory with config a's failures (same setting, method and seed
// labels) showed every cell of b "failed", with a's cell ids.
TEST(ProbeB25, N29_StatusMatchesOnlyItsOwnConfigsFailuresByLabel) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  const testing::TempDir dir;
  nlohmann::json a = {{"name", "a"},
                      {"epochs", 1},
                      {"seeds", {0, 1}},
                      {"datasets", {{{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"annotators", 4}, {"rates", {0.3}}}}}}},
                      {"methods", {"majority-vote"}}};
  nlohmann::json b = a;
  b["name"] = "b";
  b["epochs"] = 2;  // another cell id, the same labels
  const std::string a_path = dir.write("a.json", a.dump()), b_path = dir.write("b.json", b.dump());
  dir.write("broken/iris.csv", "\"Sepal.Length\",\"Species\"\nx,setosa\n");
  const std::string results = (dir.path() / "r").string();
  const testing::ProcessResult failed = testing::run_annotbench(
      dir, "run '" + a_path + "' --quiet --results '" + results + "' --data-dir '" + dir.path().string() + "/broken'");
  ASSERT_EQ(failed.exit_code, 1) << failed.err;
  const testing::ProcessResult status = testing::run_annotbench(
      dir, "status '" + b_path + "' --results '" + results + "' --data-dir '" + testing::shared_data_dir() + "'");
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_TRUE(contains(status.out, "2 cells, 0 done, 0 running, 0 failed, 2 missing")) << status.out;
  // Its own config still finds them, saying how.
  const testing::ProcessResult own = testing::run_annotbench(
      dir, "status '" + a_path + "' --results '" + results + "' --data-dir '" + testing::shared_data_dir() + "'");
  EXPECT_TRUE(contains(own.out, "2 cells, 0 done, 0 running, 2 failed, 0 missing")) << own.out;
  EXPECT_TRUE(contains(own.out, "recorded for this setting, method and seed under other data")) << own.out;
}

}  // namespace
}  // namespace annotbench
