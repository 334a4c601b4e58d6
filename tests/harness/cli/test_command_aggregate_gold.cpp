// Known answers and annotator filtering in `annotbench aggregate` and the truth-inference grid, through
// the real binary: known answers are never scored, the baseline on the same items is the same draw,
// and the filter says what it dropped.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "harness/grid/config.h"
#include "harness/grid/experiment.h"
#include "harness/protocols/truth_inference/truth_inference.h"
#include "tests/support/annotbench_process.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

using testing::TempDir;

// 20 items with gold a/b alternating. w1 and w2 always swap a and b, w3 is always right: majority
// vote (and DS from it) follows the colluding pair and is wrong everywhere.
struct Crowd {
  std::string answers, truth, gold;
};

Crowd colluding_crowd(const TempDir& dir) {
  std::string answers = "item,annotator,label\n", truth = "item,label\n", gold = "item,label\n";
  for (int i = 0; i < 20; ++i) {
    const std::string item = "q" + std::to_string(i), right = i % 2 ? "b" : "a", wrong = i % 2 ? "a" : "b";
    answers += item + ",w1," + wrong + "\n" + item + ",w2," + wrong + "\n" + item + ",w3," + right + "\n";
    truth += item + "," + right + "\n";
    if (i < 10) gold += item + "," + right + "\n";  // the first half is known
  }
  return {dir.write("answers.csv", answers), dir.write("truth.csv", truth), dir.write("gold.csv", gold)};
}

nlohmann::json row_of(const TempDir& dir, const std::string& arguments) {
  const testing::ProcessResult run = testing::run_annotbench(dir, "aggregate --quiet " + arguments);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return nlohmann::json::parse(run.out);
}

TEST(AggregateGold, KnownAnswersFixACollusionAndAreNotScored) {
  TempDir dir;
  const Crowd crowd = colluding_crowd(dir);
  const std::string files = "--annotations " + crowd.answers + " --truth " + crowd.truth;
  // Without known answers DS follows w1 and w2: 0 of 20 right.
  EXPECT_DOUBLE_EQ(row_of(dir, files + " --method ds").at("accuracy").get<double>(), 0.0);
  // With the first ten known, DS learns that w1 and w2 swap: the other ten are right, and only
  // those ten are scored.
  const nlohmann::json with_gold = row_of(dir, files + " --gold " + crowd.gold + " --method ds");
  EXPECT_DOUBLE_EQ(with_gold.at("accuracy").get<double>(), 1.0);
  EXPECT_EQ(with_gold.at("scored_items"), 10);
  EXPECT_EQ(with_gold.at("gold_given"), 10);
  EXPECT_EQ(with_gold.at("gold_left_out"), 10);
  // The baseline on the same ten items, not given them.
  const nlohmann::json baseline = row_of(dir, files + " --gold " + crowd.gold + " --gold-not-given --method ds");
  EXPECT_DOUBLE_EQ(baseline.at("accuracy").get<double>(), 0.0);
  EXPECT_EQ(baseline.at("scored_items"), 10);
  EXPECT_EQ(baseline.at("gold_given"), 0);
  const testing::ProcessResult no_gold = testing::run_annotbench(dir, "aggregate " + files + " --method gold-mv");
  EXPECT_NE(no_gold.err.find("gold-mv needs known answers: give --gold FILE or --gold-share P"), std::string::npos)
      << no_gold.err;
  // gold-mv weighs w3 (right on every known item) over w1 and w2 (never right).
  EXPECT_DOUBLE_EQ(row_of(dir, files + " --gold " + crowd.gold + " --method gold-mv").at("accuracy").get<double>(), 1.0);
}

TEST(AggregateGold, AGoldShareIsASeededDrawThatItsBaselineShares) {
  TempDir dir;
  const Crowd crowd = colluding_crowd(dir);
  const std::string files = "--annotations " + crowd.answers + " --truth " + crowd.truth + " --method ds";
  const nlohmann::json share = row_of(dir, files + " --gold-share 0.3 --seed 4");
  EXPECT_EQ(share.at("gold_given"), 6);  // round(0.3 * 20)
  EXPECT_EQ(share.at("scored_items"), 14);
  const auto without_times = [](nlohmann::json row) {
    row.erase("seconds");
    row.erase("cpu_seconds");
    return row;
  };
  EXPECT_EQ(without_times(row_of(dir, files + " --gold-share 0.3 --seed 4")), without_times(share));
  // The baseline of the same seed leaves out the same six items: it scores the same fourteen.
  EXPECT_EQ(row_of(dir, files + " --gold-share 0.3 --seed 4 --gold-not-given").at("scored_items"), 14);
  const testing::ProcessResult refused = testing::run_annotbench(dir, "aggregate " + files + " --gold-share 1");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("[0, 1)"), std::string::npos) << refused.err;
}

TEST(AggregateGold, DawidSkeneStartsFromGivenConfusionMatrices) {
  TempDir dir;
  const Crowd crowd = colluding_crowd(dir);
  // A history that knows w1 and w2 swap the classes and w3 does not: from there DS keeps them apart
  // and gets all 20 items right, where its majority-vote start got none.
  std::string start = "annotator,true,label,probability\n";
  for (const char* swapper : {"w1", "w2"}) start += std::string(swapper) + ",a,b,0.9\n" + swapper + ",a,a,0.1\n" + swapper + ",b,a,0.9\n" + swapper + ",b,b,0.1\n";
  start += "w3,a,a,0.9\nw3,a,b,0.1\nw3,b,b,0.9\nw3,b,a,0.1\n";
  const std::string files = "--annotations " + crowd.answers + " --truth " + crowd.truth;
  const nlohmann::json row = row_of(dir, files + " --method ds --initial-confusion " + dir.write("start.csv", start));
  EXPECT_DOUBLE_EQ(row.at("accuracy").get<double>(), 1.0);
  // Leaving w3 out is refused, naming w3.
  const std::string partial = dir.write("partial.csv", start.substr(0, start.find("w3,")));
  const testing::ProcessResult refused =
      testing::run_annotbench(dir, "aggregate " + files + " --method ds --initial-confusion " + partial);
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("no start for annotator 'w3'"), std::string::npos) << refused.err;
  const testing::ProcessResult not_ds =
      testing::run_annotbench(dir, "aggregate " + files + " --method mv --initial-confusion " + partial);
  EXPECT_NE(not_ds.err.find("mv does not start from confusion matrices"), std::string::npos) << not_ds.err;
}

TEST(AggregateFilter, SaysWhatItDroppedAndWhy) {
  TempDir dir;
  // w1..w3 label all 20 items right; "once" labels one item; "constant" says a to all 20.
  std::string answers = "item,annotator,label\n";
  for (int i = 0; i < 20; ++i) {
    const std::string item = "q" + std::to_string(i), right = i % 2 ? "b" : "a";
    for (const char* annotator : {"w1", "w2", "w3"}) answers += item + "," + annotator + "," + right + "\n";
    answers += item + ",constant,a\n";
  }
  answers += "q0,once,b\n";
  const std::string path = dir.write("answers.csv", answers);
  const nlohmann::json row =
      row_of(dir, "--annotations " + path + " --method mv --min-labels 2 --min-spammer-score 0.5");
  EXPECT_EQ(row.at("dropped").at("too_few_labels").at("annotators"), 1);
  EXPECT_EQ(row.at("dropped").at("too_few_labels").at("labels"), 1);
  EXPECT_EQ(row.at("dropped").at("low_spammer_score").at("annotators"), 1);
  EXPECT_EQ(row.at("dropped").at("low_spammer_score").at("labels"), 20);
  EXPECT_EQ(row.at("labels"), 60);
}

TEST(TruthInferenceGoldShares, ExpandToGivenAndBaselineCellsWithTheirOwnIds) {
  const nlohmann::json config = {{"kind", "truth-inference"},
                                 {"seeds", {0, 1}},
                                 {"datasets", {"s-rel"}},
                                 {"methods", {"mv", "ds", "gold-mv"}},
                                 {"gold_shares", {0.1}}};
  const ExperimentConfig parsed = parse_experiment_config(config, "gold.json");
  // Plain setting: mv, ds (gold-mv needs known answers) x 2 seeds = 4. "s-rel gold 0.1": mv once
  // (it ignores them), ds given and not given, gold-mv given: 4 x 2 seeds = 8.
  ASSERT_EQ(parsed.cells.size(), 12u);
  std::set<std::string> ids, labels;
  for (const ExperimentCell& cell : parsed.cells) {
    ids.insert(cell_id(cell));
    if (cell.setting == "s-rel gold 0.1") labels.insert(row_name(cell));
    if (cell.setting == "s-rel") {
      EXPECT_EQ(known_answers(cell), nullptr);
    }
  }
  EXPECT_EQ(ids.size(), parsed.cells.size());
  EXPECT_EQ(labels, (std::set<std::string>{"mv", "ds", "ds without gold", "gold-mv"}));
}

}  // namespace
}  // namespace annotbench
