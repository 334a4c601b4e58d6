// Experiment configs under the probe of commit 9276288 (../shared/reliability/probe-9276288.md):
// numbers are not coerced, ranges are checked, and every setting is checked at load, before the
// first cell trains. Each test names the finding it pins.

#include <gtest/gtest.h>

#include <functional>

#include "datasets/input_error.h"
#include "harness/grid/config.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

nlohmann::json valid_config() {
  return {{"name", "t"},
          {"epochs", 2},
          {"seeds", {0, 1}},
          {"split", {{"test_fraction", 0.2}, {"valid_size", 0.1}}},
          {"datasets", {{{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"annotators", 5}, {"rates", {0.3}}}}}}},
          {"methods", {"majority-vote", {{"method", "trace-reg"}, {"options", {{"lambda", 0.01}}}}}}};
}

std::string error_of(const nlohmann::json& config) {
  try {
    parse_experiment_config(config, "c.json");
  } catch (const std::exception& error) {
    return error.what();
  }
  return "no error";
}

TEST(ProbeConfig, ValidConfigLoads) { EXPECT_EQ(error_of(valid_config()), "no error"); }

TEST(ProbeConfig, W10_WholeNumbersAreNotCoerced) {
  nlohmann::json config = valid_config();
  config["epochs"] = 4294967297LL;
  EXPECT_EQ(error_of(config), "c.json: field 'epochs': must lie in [1, 1000000], got 4294967297");
  config = valid_config();
  config["epochs"] = 2.5;
  EXPECT_EQ(error_of(config), "c.json: field 'epochs': expected a whole number, got 2.5");
  config = valid_config();
  config["datasets"][0]["simulator"]["labels_per_instance"] = {2.7};
  EXPECT_EQ(error_of(config).rfind("c.json: field 'datasets[0].simulator.labels_per_instance': expected a whole number", 0), 0u)
      << error_of(config);
}

TEST(ProbeConfig, W10_LargeSeedsKeepEveryDigit) {
  nlohmann::json config = valid_config();
  config["seeds"] = nlohmann::json::array({9007199254740993ULL});
  const ExperimentConfig parsed = parse_experiment_config(config, "c.json");
  EXPECT_EQ(parsed.cells.front().training.seed, 9007199254740993ULL);  // not ...992, as a double would have it
}

TEST(ProbeConfig, W10_MethodSwitchesAndSizesAreNotCoerced) {
  const auto with_method = [](const nlohmann::json& options) {
    nlohmann::json config = valid_config();
    config["methods"] = {{{"method", "annot-mix"}, {"options", options}}};
    return error_of(config);
  };
  EXPECT_EQ(with_method({{"embed_size", 2.7}}),
            "c.json: field 'methods[0]': method 'annot-mix': option 'embed_size' must be a whole number from 1 to "
            "65536, got 2.7");
  EXPECT_EQ(with_method({{"mix_only_annotators", 1e9}}),
            "c.json: field 'methods[0]': method 'annot-mix': option 'mix_only_annotators' is a switch: 0 or 1, got 1e+09");
  EXPECT_EQ(with_method({{"ap_hidden_layer", -1}}),
            "c.json: field 'methods[0]': method 'annot-mix': option 'ap_hidden_layer' is a switch: 0 or 1, got -1");
  EXPECT_EQ(with_method({{"ap_hidden_layer", false}}), "no error");  // JSON booleans are 0 and 1
}

TEST(ProbeConfig, W10_DuplicateKeysAreRefused) {
  testing::TempDir dir;
  const std::string top = dir.write("top.json", R"({"name": "t", "epochs": 2, "epochs": 40, "datasets": [], "methods": []})");
  try {
    load_experiment_config(top);
    FAIL() << "a key given twice must be an error";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()), top + ": field 'epochs': key given twice in one object");
  }
  const std::string nested = dir.write(
      "nested.json",
      R"({"datasets": [{"dataset": "iris"}, {"dataset": "wine", "simulator": {"kind": "uniform", "kind": "x"}}]})");
  try {
    load_experiment_config(nested);
    FAIL() << "a key given twice must be an error";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()), nested + ": field 'datasets[1].simulator.kind': key given twice in one object");
  }
}

TEST(ProbeConfig, W12_RangesAreCheckedAtLoad) {
  const std::vector<std::pair<std::function<void(nlohmann::json&)>, std::string>> cases = {
      {[](nlohmann::json& c) { c["eval_batch_size"] = 0; }, "field 'eval_batch_size': must lie in [1, 16777216], got 0"},
      {[](nlohmann::json& c) { c["eval_batch_size"] = -5; }, "field 'eval_batch_size': must lie in [1, 16777216], got -5"},
      {[](nlohmann::json& c) { c["learning_rate"] = 0; }, "field 'learning_rate': must be a finite number > 0, got 0"},
      {[](nlohmann::json& c) { c["weight_decay"] = -1; }, "field 'weight_decay': must be a finite number >= 0, got -1"},
      {[](nlohmann::json& c) { c["split"]["test_fraction"] = 0; }, "field 'split.test_fraction': must lie in (0, 1), got 0"},
      {[](nlohmann::json& c) { c["split"]["valid_size"] = 2.5; },
       "field 'split.valid_size': a count (>= 1) must be a whole number, got 2.5"},
      {[](nlohmann::json& c) { c["methods"][1]["options"]["lambda"] = -1; },
       "field 'methods[1]': method 'trace-reg': option 'lambda' must be a finite number >= 0, got -1"},
  };
  for (const auto& [change, expected] : cases) {
    nlohmann::json config = valid_config();
    change(config);
    EXPECT_EQ(error_of(config), "c.json: " + expected);
  }
}

TEST(ProbeConfig, U7_EverySettingIsCheckedBeforeAnyCellTrains) {
  const auto second_setting = [](const nlohmann::json& setting) {
    nlohmann::json config = valid_config();
    config["datasets"].push_back(setting);
    return error_of(config);
  };
  const std::string typo = second_setting({{"dataset", "iris"}, {"simulator", {{"kind", "unifrom"}}}});
  EXPECT_EQ(typo.rfind("c.json: field 'datasets[1].simulator': unknown simulator 'unifrom'; known simulators: uniform,", 0), 0u)
      << typo;
  const std::string dataset = second_setting({{"dataset", "irsi"}, {"simulator", {{"kind", "uniform"}}}});
  EXPECT_EQ(dataset.rfind("c.json: field 'datasets[1].dataset': unknown data set 'irsi'", 0), 0u) << dataset;
  const std::string option = second_setting({{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"options", {{"rate_hgih", 0.3}}}}}});
  EXPECT_NE(option.find("field 'datasets[1].simulator': uniform: unknown option 'rate_hgih'"), std::string::npos) << option;
  const std::string rate = second_setting({{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"rates", {1.5}}}}});
  EXPECT_NE(rate.find("field 'datasets[1].simulator': uniform: rate must lie in [0, 1)"), std::string::npos) << rate;
  const std::string labels = second_setting(
      {{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"annotators", 3}, {"labels_per_instance", {4}}}}});
  EXPECT_NE(labels.find("field 'datasets[1].simulator': labels per instance 4 is more than the 3 annotators"),
            std::string::npos)
      << labels;
  const std::string split = second_setting({{"dataset", "iris"}, {"split", {{"test_fraction", 1.0}}}});
  EXPECT_EQ(split, "c.json: field 'datasets[1].split.test_fraction': must lie in (0, 1), got 1");
}

TEST(ProbeConfig, K6_IndexedCudaDeviceIsAccepted) {
  nlohmann::json config = valid_config();
  config["device"] = "cuda:1";
  EXPECT_EQ(error_of(config), "no error");
  config["device"] = "gpu";
  EXPECT_EQ(error_of(config), "c.json: field 'device': expected cpu, cuda or cuda:<index>, got \"gpu\"");
}

}  // namespace
}  // namespace annotbench
