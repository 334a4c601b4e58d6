// The few-shot cell kind (harness/protocols/fewshot/fewshot_protocol.h): configs, result rows that keep sums and counts,
// paired test tasks across methods, and bit-identical reruns on CPU. Uses letter from ../shared/data.

#include <gtest/gtest.h>

#include <numeric>

#include "datasets/input_error.h"
#include "datasets/registry.h"
#include "harness/grid/config.h"
#include "harness/grid/experiment.h"
#include "harness/protocols/fewshot/fewshot_protocol.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

nlohmann::json tiny_config(const nlohmann::json& methods) {
  return {{"name", "tiny"},
          {"kind", "fewshot"},
          {"seeds", {3}},
          {"datasets", {"letter"}},
          {"protocol",
           {{"shots", {1, 3}},
            {"annotators", {3}},
            {"test_tasks", 40},
            {"test_mixes", {{0.1, 0.7, 0.2}, {0.1, 0.5, 0.4}}},
            {"em_steps_sweep", {0, 1}},
            {"meta_training", {{"iterations", 20}, {"validate_every", 10}, {"valid_tasks", 8}}}}},
          {"methods", methods}};
}

const Dataset& letter() {
  static const Dataset dataset = load_dataset("letter", testing::shared_data_dir());
  return dataset;
}

nlohmann::json without_times(nlohmann::json row) {
  row.erase("train_seconds");
  row.erase("test_seconds");
  row.erase("finished_at");
  row["meta_training"].erase("seconds");
  for (nlohmann::json& entry : row["results"]) entry.erase("seconds");
  return row;
}

TEST(FewShotProtocol, ConfigExpandsToMethodsTimesSeedsAndNamesBadFields) {
  const ExperimentConfig config = parse_experiment_config(tiny_config({"meta-em", "proto-mv", "lr-ds"}), "t.json");
  ASSERT_EQ(config.cells.size(), 3u);
  EXPECT_EQ(config.cells[0].kind, kFewShotKind);
  EXPECT_EQ(config.cells[0].setting, "letter 4-way");
  EXPECT_NE(cell_id(config.cells[0]), cell_id(config.cells[1]));
  // The protocol is part of the cell id: a switch added later must not appear when off, or every earlier
  // row would stop counting as done. It round-trips.
  const FewShotProtocol protocol = fewshot_protocol_from_json(fewshot_details(config.cells[0]).protocol, "t.json", "protocol");
  EXPECT_FALSE(fewshot_details(config.cells[0]).protocol.contains("real_annotators"));
  EXPECT_EQ(fewshot_protocol_to_json(protocol), fewshot_details(config.cells[0]).protocol);
  nlohmann::json bad = tiny_config({"meta-em"});
  bad["protocol"]["meta_training"]["iterationz"] = 3;
  try {
    parse_experiment_config(bad, "t.json");
    FAIL() << "a misspelt field was accepted";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("protocol.meta_training.iterationz"), std::string::npos) << error.what();
  }
  bad = tiny_config({"meta-em"});
  bad["protocol"]["test_mixes"] = {{0.5, 0.7, 0.2}};
  EXPECT_THROW(parse_experiment_config(bad, "t.json"), InputError);
  EXPECT_THROW(parse_experiment_config(tiny_config({"meta-emm"}), "t.json"), InputError);
}

TEST(FewShotProtocol, RowsKeepSumsAndCountsAndRerunBitForBit) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  const ExperimentConfig config = parse_experiment_config(tiny_config({"meta-em", "proto-mv"}), "t.json");
  const nlohmann::json first = run_fewshot_cell(config.cells[0], letter());
  const nlohmann::json again = run_fewshot_cell(config.cells[0], letter());
  EXPECT_EQ(without_times(first).dump(), without_times(again).dump());

  // 2 shots x 1 R x 2 mixes at the method's own J, plus the sweep's J = 0, 1 on the main mix.
  ASSERT_EQ(first.at("results").size(), 2u * 2u + 2u * 2u);
  double main_correct = 0.0, main_queries = 0.0;
  for (const nlohmann::json& entry : first.at("results")) {
    EXPECT_EQ(entry.at("tasks").get<int>(), 40);
    EXPECT_EQ(entry.at("queries").get<int>(), 40 * 40);
    if (!entry.contains("per_task_correct")) continue;
    const std::vector<int> per_task = entry.at("per_task_correct").get<std::vector<int>>();
    EXPECT_EQ(std::accumulate(per_task.begin(), per_task.end(), 0.0), entry.at("correct").get<double>());
    double squares = 0.0;
    for (const int count : per_task) squares += static_cast<double>(count) * count;
    EXPECT_EQ(squares, entry.at("correct_squares").get<double>());
    main_correct += entry.at("correct").get<double>();
    main_queries += entry.at("queries").get<double>();
  }
  EXPECT_DOUBLE_EQ(first.at("metrics").at("test_accuracy").get<double>(), main_correct / main_queries);

  // The meta-test classes appear in no meta-train or meta-validation part.
  const auto& split = first.at("class_split");
  for (const int test_class : split.at("test").get<std::vector<int>>()) {
    for (const int other : split.at("train").get<std::vector<int>>()) EXPECT_NE(test_class, other);
    for (const int other : split.at("valid").get<std::vector<int>>()) EXPECT_NE(test_class, other);
  }

  // Another method of the same seed gets the same class split; it has no EM steps to sweep.
  const nlohmann::json proto = run_fewshot_cell(config.cells[1], letter());
  EXPECT_EQ(proto.at("class_split"), first.at("class_split"));
  EXPECT_EQ(proto.at("results").size(), 2u * 2u);  // no EM steps to sweep
}

}  // namespace
}  // namespace annotbench
