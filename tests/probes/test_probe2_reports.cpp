// `report` as the probe of commit b25b8d6 used it (../shared/reliability/probe-b25b8d6.md): the
// few-shot report's duplicate rows and options (N14, N21) and --published files (N22).

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "datasets/input_error.h"
#include "reports/published_results.h"
#include "tests/support/annotbench_process.h"
#include "tests/support/tiny_fewshot_config.h"

namespace annotbench {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string published_error(const testing::TempDir& dir, const std::string& rows) {
  const std::string path = dir.write("published.csv", "dataset,method,metric,mean,paper_dataset,source\n" + rows);
  try {
    read_published_results(path);
  } catch (const InputError& error) {
    return error.what();
  }
  return "(accepted)";
}

// b25b8d6 compared means of 150 and -5 ("diff 84.2") and showed two numbers for one row.
TEST(ProbeB25, N22_PublishedNumbersArePercentagesOncePerRow) {
  const testing::TempDir dir;
  const std::string path = (dir.path() / "published.csv").string();
  EXPECT_EQ(published_error(dir, "letter,annot-mix,test_accuracy,150,letter,p\n"),
            path + ":2: field 'mean': expected a percentage in [0, 100], got 150");
  EXPECT_EQ(published_error(dir, "letter,annot-mix,test_accuracy,-5,letter,p\n"),
            path + ":2: field 'mean': expected a percentage in [0, 100], got -5");
  EXPECT_EQ(published_error(dir, "letter,annot-mix,test_accuracy,85.1,letter,p\nletter,annot-mix,test_accuracy,84,letter,q\n"),
            path + ":3: a second number for letter / annot-mix / test_accuracy (the first is on line 2)");
  EXPECT_EQ(published_error(dir, "letter,annot-mix,test_accuracy,85.1,letter,p\nletter,madl,test_accuracy,84,letter,q\n"),
            "(accepted)");
}

// A grid of few-shot rows to report on: letter, 2 methods, 1 seed, a few tasks.
class ProbeB25FewShotReport : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
    const nlohmann::json config = testing::tiny_fewshot_config("fs", {"meta-em", "lr-mv"});
    const std::string path = dir.write("fs.json", config.dump());
    const testing::ProcessResult run = testing::run_annotbench(
        dir, "run '" + path + "' --quiet --results '" + results + "' --data-dir '" + testing::shared_data_dir() + "'");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    rows = testing::file_text(results + "/fs.jsonl");
  }
  testing::ProcessResult report(const std::string& options = "") const {
    return testing::run_annotbench(dir, "report --results '" + results + "' --out '" + dir.path().string() + "/o' " + options);
  }
  // The rows with every count set to 0 and, when given, another data checksum.
  std::string zeroed(const std::string& checksum = "") const {
    std::istringstream lines(rows);
    std::string text, line;
    while (std::getline(lines, line)) {
      nlohmann::json row = nlohmann::json::parse(line);
      for (nlohmann::json& entry : row["results"]) {
        entry["correct"] = 0.0;
        if (entry.contains("per_task_correct")) entry["per_task_correct"] = std::vector<int>(entry["per_task_correct"].size(), 0);
      }
      if (!checksum.empty()) row["data"]["checksum"] = checksum;
      text += row.dump() + "\n";
    }
    return text;
  }
  testing::TempDir dir;
  std::string results = (dir.path() / "r").string();
  std::string rows;
};

// b25b8d6: a copy with zero counts in fs_z.jsonl replaced the real numbers (0.000 everywhere), silently;
// rows of other data were neither split nor warned about.
TEST_F(ProbeB25FewShotReport, N14_DuplicateRowsAreWarnedAboutAndOtherDataIsASettingOfItsOwn) {
  dir.write("r/fs_z.jsonl", zeroed());
  const testing::ProcessResult duplicate = report();
  ASSERT_EQ(duplicate.exit_code, 0) << duplicate.err;
  EXPECT_TRUE(contains(duplicate.err, "fs_z.jsonl:1: letter 4-way|meta-em|seed 1 already reported (")) << duplicate.err;
  EXPECT_TRUE(contains(duplicate.err, "fs.jsonl:1); using this later row")) << duplicate.err;
  dir.write("r/fs_z.jsonl", zeroed("crc32:00000000/1"));
  const testing::ProcessResult other_data = report();
  ASSERT_EQ(other_data.exit_code, 0) << other_data.err;
  EXPECT_TRUE(contains(other_data.err, "rows of other data (crc32:00000000/1")) << other_data.err;
  EXPECT_FALSE(contains(other_data.err, "already reported")) << other_data.err;
  const std::string md = testing::file_text(dir.path().string() + "/o/report.md");
  EXPECT_TRUE(contains(md, "## letter 4-way\n")) << md;
  EXPECT_TRUE(contains(md, "## letter 4-way [data crc32:00000000/1]\n")) << md;
}

// b25b8d6: --baseline nosuch dropped the test sections without a word; --metric, --paper-statistics
// and --published were ignored, rc 0.
TEST_F(ProbeB25FewShotReport, N21_OptionsTheFewShotReportDoesNotTakeAreRefused) {
  const testing::ProcessResult baseline = report("--baseline nosuch");
  EXPECT_EQ(baseline.exit_code, 1);
  EXPECT_TRUE(contains(baseline.err, "--baseline 'nosuch': no few-shot row of it (methods: lr-mv, meta-em)")) << baseline.err;
  for (const std::string option : {"--metric test_accuracy", "--paper-statistics", "--published x.csv"}) {
    const testing::ProcessResult result = report(option);
    EXPECT_EQ(result.exit_code, 1) << option;
    EXPECT_TRUE(contains(result.err, option.substr(0, option.find(' ')) + ": the few-shot report does not take it"))
        << result.err;
  }
  EXPECT_EQ(report("--baseline lr-mv").exit_code, 0);
}

}  // namespace
}  // namespace annotbench
