// The commands that write files, as the probe of commit b25b8d6 used them (../shared/reliability/
// probe-b25b8d6.md): the sbatch script (N4), outputs that name an input (N3, N5), report on a directory
// of several kinds (N6). Through the real binary; each test names the finding it pins.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/annotbench_process.h"

namespace annotbench {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

nlohmann::json submit_config() {
  return {{"name", "slow"},
          {"epochs", 1},
          {"seeds", {0, 1}},
          {"datasets", {{{"dataset", "iris"}, {"simulator", {{"kind", "uniform"}, {"annotators", 4}, {"rates", {0.3}}}}}}},
          {"methods", {"majority-vote"}}};
}

// b25b8d6 wrote each of these values into an #SBATCH line as it was: the newline ended the line and
// bash ran `touch .../PWNED_x` when the task started.
TEST(ProbeB25, N4_ControlCharactersInSbatchValuesAreRefused) {
  const testing::TempDir dir;
  const std::string config = dir.write("slow.json", submit_config().dump());
  const std::string pwned = (dir.path() / "PWNED").string();
  const std::string injected = "\"$(printf 'x\\ntouch %s #' '" + pwned + "')\"";
  for (const std::string option : {"--partition", "--time", "--results"}) {
    const testing::ProcessResult result = testing::run_annotbench(
        dir, "submit '" + config + "' --dry-run " + option + " " + injected);
    EXPECT_EQ(result.exit_code, 1) << option << ": " << result.out;
    EXPECT_TRUE(contains(result.err, option + " holds a newline (at character ")) << result.err;
    EXPECT_TRUE(result.out.empty()) << option << " printed a script:\n" << result.out;
  }
  // The working directory becomes #SBATCH --chdir.
  const std::filesystem::path odd_cwd = dir.path() / "a\ntouch PWNED #";
  std::filesystem::create_directories(odd_cwd);
  const testing::ProcessResult from_odd = testing::run_shell(
      dir, "cd \"$(printf '%s/a\\ntouch PWNED #' '" + dir.path().string() + "')\" && '" + ANNOTBENCH_BINARY +
               "' submit '" + config + "' --dry-run --results '" + (dir.path() / "r").string() + "'");
  EXPECT_EQ(from_odd.exit_code, 1) << from_odd.out;
  EXPECT_TRUE(contains(from_odd.err, "the working directory holds a newline")) << from_odd.err;
  EXPECT_FALSE(std::filesystem::exists(pwned));
}

TEST(ProbeB25, N4_SbatchValuesWithSpacesAreQuotedOrRefused) {
  const testing::TempDir dir;
  const std::string config = dir.write("slow.json", submit_config().dump());
  const std::string results = (dir.path() / "my results").string();
  const testing::ProcessResult quoted =
      testing::run_annotbench(dir, "submit '" + config + "' --dry-run --results '" + results + "'");
  ASSERT_EQ(quoted.exit_code, 0) << quoted.err;
  EXPECT_TRUE(contains(quoted.out, "#SBATCH --output=\"" + results + "/slurm-%A_%a.out\"\n")) << quoted.out;
  EXPECT_TRUE(contains(quoted.out, " --results '" + results + "' ")) << quoted.out;
  // "debug --wrap=id" would reach sbatch as two options.
  const testing::ProcessResult two_words =
      testing::run_annotbench(dir, "submit '" + config + "' --dry-run --partition 'debug --wrap=id'");
  EXPECT_EQ(two_words.exit_code, 1) << two_words.out;
  EXPECT_TRUE(contains(two_words.err, "--partition must be one word")) << two_words.err;
}

// Three items, three annotators, answers as names.
const char* const kAnswers =
    "item,annotator,label\n1,a,cat\n1,b,cat\n1,c,dog\n2,a,dog\n2,b,dog\n2,c,dog\n3,a,bird\n3,b,cat\n3,c,bird\n";
const char* const kTruth = "item,truth\n1,cat\n2,dog\n3,bird\n";

// b25b8d6 replaced the --truth file by the posteriors (rc 0), also when --out spelled it otherwise.
TEST(ProbeB25, N3_AggregateOutThatIsAnInputIsRefused) {
  const testing::TempDir dir;
  const std::string answers = dir.write("d/answers.csv", kAnswers);
  const std::string truth = dir.write("d/truth.csv", kTruth);
  std::filesystem::create_directories(dir.path() / "e");
  std::filesystem::create_symlink(truth, dir.path() / "link.csv");
  const std::string base = "aggregate --annotations '" + answers + "' --truth '" + truth + "' --method ds --out ";
  for (const std::string out : {truth, (dir.path() / "e" / ".." / "d" / "truth.csv").string(),
                                (dir.path() / "link.csv").string(), answers}) {
    const testing::ProcessResult result = testing::run_annotbench(dir, base + "'" + out + "'");
    EXPECT_EQ(result.exit_code, 1) << out << ": " << result.out;
    EXPECT_TRUE(contains(result.err, "--out " + out + " is the same file as --")) << result.err;
    EXPECT_TRUE(contains(result.err, "nothing was written")) << result.err;
  }
  EXPECT_EQ(testing::file_text(truth), kTruth);
  EXPECT_EQ(testing::file_text(answers), kAnswers);
  // Another file is written as before.
  const std::string posteriors = (dir.path() / "posteriors.csv").string();
  const testing::ProcessResult ok = testing::run_annotbench(dir, base + "'" + posteriors + "'");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(testing::file_text(posteriors).substr(0, 32), "item,label,p_bird,p_cat,p_dog\n1,");
}

TEST(ProbeB25, N27_AggregateOutMustNameAFile) {
  const testing::TempDir dir;
  const std::string answers = dir.write("answers.csv", kAnswers);
  const std::string a_file = dir.write("afile", "x");
  const std::string base = "aggregate --annotations '" + answers + "' --method mv --out ";
  const testing::ProcessResult stdout_dash = testing::run_shell(
      dir, "cd '" + dir.path().string() + "' && '" + ANNOTBENCH_BINARY + "' " + base + "-");
  EXPECT_EQ(stdout_dash.exit_code, 1);
  EXPECT_TRUE(contains(stdout_dash.err, "--out -: this option writes a file, not standard output")) << stdout_dash.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "-"));
  const testing::ProcessResult empty = testing::run_annotbench(dir, base + "''");
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_TRUE(contains(empty.err, "--out: the path is empty")) << empty.err;
  const testing::ProcessResult below_file = testing::run_annotbench(dir, base + "'" + a_file + "/x.csv'");
  EXPECT_EQ(below_file.exit_code, 1);
  EXPECT_TRUE(contains(below_file.err, a_file + " is a file, not a directory")) << below_file.err;
}

// b25b8d6: `item=1,annotator=1,label=3` gave 30 annotators and 120 "repeated labels", rc 0.
TEST(ProbeB25, N9_OneColumnInTwoRolesIsRefused) {
  const testing::TempDir dir;
  const std::string answers = dir.write("answers.csv", kAnswers);
  const testing::ProcessResult same = testing::run_annotbench(
      dir, "aggregate --annotations '" + answers + "' --method mv --columns item=1,annotator=1,label=3");
  EXPECT_EQ(same.exit_code, 1) << same.out;
  EXPECT_TRUE(contains(same.err, "column 1 ('item') of " + answers + " is given for item and annotator")) << same.err;
  const testing::ProcessResult label_is_item = testing::run_annotbench(
      dir, "aggregate --annotations '" + answers + "' --method mv --columns item=item,annotator=2,label=item");
  EXPECT_EQ(label_is_item.exit_code, 1) << label_is_item.out;
  EXPECT_TRUE(contains(label_is_item.err, "is given for item and label")) << label_is_item.err;
}

// b25b8d6 wrote `p_"a,b"`: csv readers saw 7 header fields beside 6 row fields.
TEST(ProbeB25, N10_PosteriorHeaderFieldsAreQuotedWhole) {
  const testing::TempDir dir;
  const std::string answers =
      dir.write("answers.csv", "item,annotator,label\n1,a,\"a,b\"\n1,b,\"a,b\"\n2,a,c\n2,b,\"say \"\"hi\"\"\"\n");
  const std::string out = (dir.path() / "p.csv").string();
  const testing::ProcessResult result =
      testing::run_annotbench(dir, "aggregate --annotations '" + answers + "' --method mv --out '" + out + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string text = testing::file_text(out);
  EXPECT_EQ(text.substr(0, text.find('\n')), "item,label,\"p_a,b\",p_c,\"p_say \"\"hi\"\"\"") << text;
}

// b25b8d6: answers as names against gold as indices gave {"accuracy":0.0,"classes":6}, rc 0.
TEST(ProbeB25, N8_GoldInAnotherCodingThanTheAnswersIsRefused) {
  const testing::TempDir dir;
  const std::string answers = dir.write("answers.csv", kAnswers);
  const std::string indices = dir.write("truth.csv", "item,truth\n1,0\n2,1\n3,2\n");
  const testing::ProcessResult result = testing::run_annotbench(
      dir, "aggregate --annotations '" + answers + "' --truth '" + indices + "' --method mv");
  EXPECT_EQ(result.exit_code, 1) << result.out;
  EXPECT_TRUE(contains(result.err, indices + ": no gold label is a label the annotators gave: the gold uses \"0\", "
                                   "\"1\", \"2\", the answers use \"bird\", \"cat\", \"dog\"")) << result.err;
  // One gold class nobody gave is possible (a class no annotator picked): a warning, and it counts.
  const std::string partly = dir.write("partly.csv", "item,truth\n1,cat\n2,dog\n3,fish\n");
  const testing::ProcessResult warned = testing::run_annotbench(
      dir, "aggregate --annotations '" + answers + "' --truth '" + partly + "' --method mv");
  EXPECT_EQ(warned.exit_code, 0) << warned.err;
  EXPECT_TRUE(contains(warned.err, "warning: 1 of 3 gold labels are classes no annotator gave (\"fish\")")) << warned.err;
}

// b25b8d6: a label column of ids (100 000 classes) ended in std::bad_alloc or ran for minutes.
TEST(ProbeB25, N12_ALabelColumnOfIdsIsRefusedBeforeAggregating) {
  const testing::TempDir dir;
  std::string text = "item,annotator,label\n";
  for (int k = 0; k < 1200; ++k) text += std::to_string(k) + ",a," + std::to_string(k) + "\n" + std::to_string(k) + ",b,x\n";
  const std::string answers = dir.write("answers.csv", text);
  const testing::ProcessResult result = testing::run_annotbench(dir, "aggregate --annotations '" + answers + "' --method ds");
  EXPECT_EQ(result.exit_code, 1) << result.out;
  EXPECT_TRUE(contains(result.err, "1201 distinct labels for 1200 items, more than the 1000 classes truth inference takes"))
      << result.err;
}

// b25b8d6: `simulate --out s.csv --profiles s.csv` left the profiles JSON in s.csv, "wrote s.csv", rc 0.
TEST(ProbeB25, N5_SimulateOutputsThatAreOneFileOrTheDataAreRefused) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  const testing::TempDir dir;
  const std::string data = (dir.path() / "data").string();
  std::filesystem::create_directories(data);
  std::filesystem::copy_file(testing::shared_data_dir() + "/iris.csv", data + "/iris.csv");
  const std::string iris = testing::file_text(data + "/iris.csv");
  const std::string base = "simulate --dataset iris --simulator uniform --rate 0.3 --seed 0 --data-dir '" + data + "' ";
  const std::string out = (dir.path() / "s.csv").string();
  const testing::ProcessResult same = testing::run_annotbench(dir, base + "--out '" + out + "' --profiles '" + out + "'");
  EXPECT_EQ(same.exit_code, 1) << same.out;
  EXPECT_TRUE(contains(same.err, "--out " + out + " and --profiles " + out + " are the same file")) << same.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  const testing::ProcessResult onto_data = testing::run_annotbench(dir, base + "--out '" + data + "/./iris.csv'");
  EXPECT_EQ(onto_data.exit_code, 1) << onto_data.out;
  EXPECT_TRUE(contains(onto_data.err, "is the same file as the data file of 'iris'")) << onto_data.err;
  EXPECT_EQ(testing::file_text(data + "/iris.csv"), iris);
  const testing::ProcessResult ok =
      testing::run_annotbench(dir, base + "--out '" + out + "' --profiles '" + dir.path().string() + "/p.json'");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(testing::file_text(out).substr(0, 21), "item,annotator,label,");
}

// b25b8d6 chose the report by the first row of the first file: with fs.jsonl beside learning and
// truth-inference rows, only the few-shot report was written and the other rows were dropped, rc 0.
TEST(ProbeB25, N6_ReportOnADirectoryOfSeveralKindsRefusesNamingTheRows) {
  const testing::TempDir dir;
  const std::string results = (dir.path() / "r").string();
  dir.write("r/fs.jsonl", "{\"kind\":\"fewshot\",\"setting\":\"letter 4-way\",\"method\":\"meta-em\"}\n");
  dir.write("r/repro.jsonl", "{\"setting\":\"iris\",\"method\":\"annot-mix\"}\n{\"setting\":\"iris\",\"method\":\"madl\"}\n");
  dir.write("r/ti.jsonl", "{\"kind\":\"truth-inference\",\"setting\":\"s-rel\",\"method\":\"ds\"}\n");
  const testing::ProcessResult mixed =
      testing::run_annotbench(dir, "report --results '" + results + "' --out '" + dir.path().string() + "/o'");
  EXPECT_EQ(mixed.exit_code, 1) << mixed.out;
  EXPECT_TRUE(contains(mixed.err, "holds few-shot rows (1 in fs.jsonl (1)) and rows of other kinds "
                                  "(3 in repro.jsonl (2), ti.jsonl (1))")) << mixed.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "o"));
  // The order of the files does not matter any more: few-shot rows last are refused alike.
  std::filesystem::rename(dir.path() / "r" / "fs.jsonl", dir.path() / "r" / "zz-fs.jsonl");
  const testing::ProcessResult last =
      testing::run_annotbench(dir, "report --results '" + results + "' --out '" + dir.path().string() + "/o'");
  EXPECT_EQ(last.exit_code, 1) << last.out;
  EXPECT_TRUE(contains(last.err, "holds few-shot rows (1 in zz-fs.jsonl (1))")) << last.err;
}

}  // namespace
}  // namespace annotbench
