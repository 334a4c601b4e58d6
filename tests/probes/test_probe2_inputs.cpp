// Inputs and small commands as the probe of commit b25b8d6 used them (../shared/reliability/
// probe-b25b8d6.md): feature tables (W7, K4), crowd files (N23, N24), simulate (N26), bench (N18).

#include <gtest/gtest.h>

#include <string>

#include "datasets/input_error.h"
#include "datasets/table_loader.h"
#include "tests/support/annotbench_process.h"

namespace annotbench {
namespace {

const TableFormat kNamed{TableHeader::column_names, "y", false};

std::string error_of(const std::string& path, const TableFormat& format) {
  try {
    load_feature_table(path, format, "t");
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// b25b8d6: glass with one "1.0" label got a 7th class "1.0", no warning.
TEST(ProbeB25, W7_OneClassSpelledTwoWaysInATableIsRefused) {
  const testing::TempDir dir;
  const std::string table = dir.write("glass.csv", "a,y\n1.5,1\n2.5,2\n3.5,1.0\n4.5,2\n");
  EXPECT_EQ(error_of(table, kNamed), table + ":4: field 'y': class \"1.0\" is the number spelled \"1\" on line 2; "
                                             "one spelling per class, or they are read as two classes");
  const std::string names = dir.write("named.csv", "a,y\n1.5,cat\n2.5,dog\n3.5,cat\n");
  EXPECT_EQ(error_of(names, kNamed), "no error");
}

// b25b8d6: "iris.csv:6: expected 5 fields, got 2" (the line reader stopped at the NUL).
TEST(ProbeB25, K4_NulByteInATableFieldIsNamed) {
  const testing::TempDir dir;
  const std::string text = std::string("a,b,y\n1,2,x\n3,4,z\n5,") + '\0' + std::string("6,x\n7,8,z\n");
  const std::string table = dir.write("nul.csv", text);
  EXPECT_EQ(error_of(table, kNamed), table + ":4: NUL byte in the line: is this a binary file?");
}

// b25b8d6: "labels "0" and "nan" are the same number spelled differently" (a NaN map key).
TEST(ProbeB25, N23_NaNLabelsAreNotTakenForAnotherNumber) {
  const testing::TempDir dir;
  const std::string answers = dir.write("a.csv", "item,annotator,label\n1,a,0\n1,b,nan\n2,a,-inf\n2,b,NaN\n3,a,0\n3,b,0.0\n");
  const testing::ProcessResult result = testing::run_annotbench(dir, "inspect --annotations '" + answers + "'");
  EXPECT_FALSE(contains(result.err + result.out, "\"nan\" are the same number")) << result.err << result.out;
  EXPECT_FALSE(contains(result.err + result.out, "\"NaN\" are the same number")) << result.err << result.out;
  EXPECT_FALSE(contains(result.err + result.out, "\"-inf\" and \"NaN\"")) << result.err << result.out;
  // A real second spelling is still named.
  EXPECT_TRUE(contains(result.err + result.out, "labels \"0\" and \"0.0\" are the same number spelled differently"))
      << result.err << result.out;
}

// b25b8d6 blamed line 2, the header, for a first line "# exported by tool X".
TEST(ProbeB25, N24_ACommentLineIsNamedAtItsOwnLine) {
  const testing::TempDir dir;
  const std::string answers = dir.write("e_comment.csv", "# exported by tool X\nitem,annotator,label\n1,a,x\n1,b,y\n");
  const testing::ProcessResult result = testing::run_annotbench(dir, "inspect --annotations '" + answers + "'");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, answers + ":1: a comment line: comments ('#') are not supported")) << result.err;
}

// b25b8d6 wrote a file where 763 of 1000 annotators had no label, rc 0 and no word.
TEST(ProbeB25, N26_SimulateWarnsOfAnnotatorsWithoutLabels) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  const testing::TempDir dir;
  const testing::ProcessResult result = testing::run_annotbench(
      dir, "simulate --dataset iris --simulator uniform --rate 0.3 --annotators 1000 --labels-per-instance 2 --seed 0 "
           "--data-dir '" + testing::shared_data_dir() + "' --out '" + dir.path().string() + "/s.csv'");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.err, "warning: ")) << result.err;
  EXPECT_TRUE(contains(result.err, " of 1000 annotators got no label (150 instances); train and run refuse this setting"))
      << result.err;
}

// b25b8d6: `bench --quick` always exited 1, since epoch/kos-mixup can never run on 26 classes.
TEST(ProbeB25, N18_BenchmarksThatCannotApplyAreSkippedNotFailed) {
  const testing::TempDir dir;
  const testing::ProcessResult result = testing::run_annotbench(dir, "bench --quick --filter '^epoch/kos-mixup$'");
  EXPECT_EQ(result.exit_code, 0) << result.err << result.out;
  EXPECT_TRUE(contains(result.out + result.err, "skipped: kos: binary tasks only")) << result.out << result.err;
  EXPECT_FALSE(contains(result.out + result.err, "failed: ")) << result.out << result.err;
  // A --data-dir that is not a directory is an error, as everywhere.
  const testing::ProcessResult missing = testing::run_annotbench(dir, "bench --quick --filter '^statistics' --data-dir /nonexistent");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_TRUE(contains(missing.err, "--data-dir '/nonexistent': no such directory")) << missing.err;
}

// b25b8d6: inspect refused a one-class file ("truth inference needs at least 2 classes"); it only describes.
TEST(ProbeB25, N28_InspectDescribesAOneClassFile) {
  const testing::TempDir dir;
  const std::string answers = dir.write("one.csv", "item,annotator,label\n1,a,x\n1,b,x\n2,a,x\n");
  const testing::ProcessResult inspect = testing::run_annotbench(dir, "inspect --annotations '" + answers + "'");
  EXPECT_EQ(inspect.exit_code, 0) << inspect.err;
  EXPECT_TRUE(contains(inspect.out, "2 instances, 0 features, 1 classes, 2 annotators")) << inspect.out;
  const testing::ProcessResult aggregate = testing::run_annotbench(dir, "aggregate --method mv --annotations '" + answers + "'");
  EXPECT_EQ(aggregate.exit_code, 1);
  EXPECT_TRUE(contains(aggregate.err, "truth inference needs at least 2 classes")) << aggregate.err;
}

}  // namespace
}  // namespace annotbench
