// `annotbench aggregate` and the truth-inference config kind, through the real binary: the JSON
// row's accuracy is counted on the gold items only, the posteriors file holds one distribution per
// item, and bad input is one line naming the file, line and field.

#include <cstdio>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "datasets/input_error.h"
#include "harness/grid/config.h"
#include "tests/support/annotbench_process.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

using testing::TempDir;


// Three items; q1 and q2 have gold. Majority vote: q1 pos (2:1), q2 neg (2:0), q3 pos.
// Gold q1 = pos, q2 = pos: accuracy on the gold items 1/2, whatever q3 is.
constexpr const char* kAnswers = "question,worker,answer\r\nq1,w1,pos\r\nq1,w2,pos\r\nq1,w3,neg\r\nq2,w1,neg\r\nq2,w2,neg\r\nq3,w3,pos\r\n";
constexpr const char* kTruth = "question,truth\r\nq1,pos\r\nq2,pos\r\n";

TEST(AggregateCommand, PrintsOneJsonRowAndWritesPosteriors) {
  TempDir dir;
  const std::string answers = dir.write("answer.csv", kAnswers);
  const std::string truth = dir.write("truth.csv", kTruth);
  const std::string out = (dir.path() / "posteriors.csv").string();
  const testing::ProcessResult output_run = testing::run_annotbench(dir, "aggregate --annotations " + answers + " --truth " + truth + " --method mv --out " + out);
  const std::string output = output_run.out;
  const int status = output_run.exit_code;
  ASSERT_EQ(status, 0) << output;
  const nlohmann::json row = nlohmann::json::parse(output);
  EXPECT_DOUBLE_EQ(row.at("accuracy").get<double>(), 0.5);
  EXPECT_EQ(row.at("items"), 3);
  EXPECT_EQ(row.at("annotators"), 3);
  EXPECT_EQ(row.at("labels"), 6);
  EXPECT_EQ(row.at("gold_items"), 2);
  EXPECT_EQ(row.at("method"), "mv");
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "item,label,p_neg,p_pos\nq1,pos,0.33333333333333331,0.66666666666666663\nq2,neg,1,0\nq3,pos,0,1\n");
}

TEST(AggregateCommand, BadInputIsOneLineWithFileLineAndField) {
  TempDir dir;
  const std::string answers = dir.write("answer.csv", "question,worker,answer\nq1,w1,pos\nq2,,neg\n");
  const testing::ProcessResult output_run = testing::run_annotbench(dir, "aggregate --annotations " + answers + " --method ds");
  const std::string output = output_run.out + output_run.err;
  const int status = output_run.exit_code;
  EXPECT_NE(status, 0);
  EXPECT_NE(output.find(answers + ":3: field 'worker': missing annotator id"), std::string::npos) << output;
  const testing::ProcessResult unknown_run = testing::run_annotbench(dir, "aggregate --annotations " + answers + " --method dawid");
  const std::string unknown = unknown_run.out + unknown_run.err;
  const int unknown_status = unknown_run.exit_code;
  EXPECT_NE(unknown_status, 0);
  EXPECT_NE(unknown.find("unknown aggregator 'dawid'"), std::string::npos) << unknown;
}

TEST(TruthInferenceConfig, ExpandsSetsSeedsAndAggregatorsAndRejectsMistakesAtLoad) {
  const nlohmann::json config = {{"name", "ti"},
                                 {"kind", "truth-inference"},
                                 {"seeds", {0, 1}},
                                 {"datasets", {"rte", {{"dataset", "s-rel"}, {"setting", "S_Rel"}}}},
                                 {"methods", {"mv", {{"method", "m-msr"}, {"options", {{"unobserved_as_disagreement", 1}}}}}}};
  const ExperimentConfig experiment = parse_experiment_config(config, "ti.json");
  ASSERT_EQ(experiment.cells.size(), 8u);  // 2 sets x 2 seeds x 2 aggregators
  EXPECT_EQ(experiment.cells[4].setting, "S_Rel");
  EXPECT_EQ(experiment.cells[4].method, "mv");
  EXPECT_EQ(experiment.cells[5].method_options.at("unobserved_as_disagreement"), 1.0);
  EXPECT_NE(cell_id(experiment.cells[0]), cell_id(experiment.cells[2]));  // seeds differ
  nlohmann::json typo = config;
  typo["datasets"] = {"s-rell"};
  EXPECT_THROW(parse_experiment_config(typo, "ti.json"), InputError);
  typo = config;
  typo["methods"] = {"ds", "dawid-skene"};
  EXPECT_THROW(parse_experiment_config(typo, "ti.json"), InputError);
  typo = config;
  typo["seeds"] = {1, 1};
  EXPECT_THROW(parse_experiment_config(typo, "ti.json"), InputError);
}

}  // namespace
}  // namespace annotbench
