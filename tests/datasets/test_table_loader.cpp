// Feature-table loading: the ten shared tables with their known sizes, and each kind of bad input
// reported at its exact line.

#include <gtest/gtest.h>

#include "datasets/input_error.h"
#include "datasets/registry.h"
#include "datasets/table_loader.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

using testing::TempDir;

// The expected sizes are those of the shared data README (UCI's documentation of each set).
struct KnownSize {
  const char* name;
  std::size_t instances, features;
  int classes;
};

TEST(SharedTables, EveryRegisteredTableHasItsDocumentedShape) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  const KnownSize sizes[] = {{"letter", 20000, 16, 26}, {"satellite", 6435, 36, 6}, {"vehicle", 846, 18, 4},
                             {"vowel", 990, 10, 11},    {"glass", 214, 9, 6},        {"dna", 3186, 180, 3},
                             {"digits", 1797, 64, 10},  {"iris", 150, 4, 3},         {"wine", 178, 13, 3},
                             {"breast-cancer", 569, 30, 2}};
  for (const KnownSize& size : sizes) {
    SCOPED_TRACE(size.name);
    const Dataset dataset = load_dataset(size.name, testing::shared_data_dir());
    EXPECT_EQ(dataset.num_instances(), size.instances);
    EXPECT_EQ(dataset.num_features(), size.features);
    EXPECT_EQ(dataset.num_classes(), size.classes);
    EXPECT_EQ(dataset.true_labels.size(), size.instances);
  }
}

TEST(SharedTables, LetterStartsWithTheRowsOfTheFile) {
  if (!testing::shared_data_available()) GTEST_SKIP() << testing::kNoDataReason;
  const Dataset letter = load_dataset("letter", testing::shared_data_dir());
  // First data row: "T",2,8,3,5,1,8,13,0,6,6,10,8,0,8,0,8 ; classes sorted A..Z, so T is index 19.
  EXPECT_EQ(letter.class_names.front(), "A");
  EXPECT_EQ(letter.class_names.back(), "Z");
  EXPECT_EQ(letter.true_labels[0], 19);
  EXPECT_FLOAT_EQ(letter.features.at(0, 0), 2.0f);
  EXPECT_FLOAT_EQ(letter.features.at(0, 15), 8.0f);
}

TEST(TableLoader, ReadsRWriteCsvWithQuotedLabelsAndFactors) {
  TempDir dir;
  const std::string path = dir.write("t.csv",
                                     "\"V1\",\"x\",\"Class\"\n"
                                     "\"0\",1.5,\"hid\"\n"
                                     "\"1\",-2,\"had\"\n"
                                     "\"0\",3e1,\"hid\"\n");
  const Dataset dataset = load_feature_table(path, {TableHeader::column_names, "Class", false}, "t");
  ASSERT_EQ(dataset.num_instances(), 3u);
  ASSERT_EQ(dataset.num_features(), 2u);
  EXPECT_EQ(dataset.class_names, (std::vector<std::string>{"had", "hid"}));
  EXPECT_EQ(dataset.true_labels, (std::vector<int>{1, 0, 1}));
  EXPECT_FLOAT_EQ(dataset.features.at(1, 0), 1.0f);
  EXPECT_FLOAT_EQ(dataset.features.at(2, 1), 30.0f);
}

TEST(TableLoader, ReadsSklearnHeaderWithClassNames) {
  TempDir dir;
  const std::string path = dir.write("s.csv", "3,2,neg,pos\n0.5,1,0\n1.5,2,1\n2.5,3,1\n");
  const Dataset dataset = load_feature_table(path, {TableHeader::sklearn, "", false}, "s");
  EXPECT_EQ(dataset.class_names, (std::vector<std::string>{"neg", "pos"}));
  EXPECT_EQ(dataset.true_labels, (std::vector<int>{0, 1, 1}));
  EXPECT_FLOAT_EQ(dataset.features.at(2, 0), 2.5f);
}

TEST(TableLoader, NumericLabelsSortNumerically) {
  TempDir dir;
  const std::string path = dir.write("n.csv", "a,y\n1,10\n2,2\n3,1\n");
  const Dataset dataset = load_feature_table(path, {TableHeader::column_names, "y", false}, "n");
  EXPECT_EQ(dataset.class_names, (std::vector<std::string>{"1", "2", "10"}));
  EXPECT_EQ(dataset.true_labels, (std::vector<int>{2, 1, 0}));
}

// Each bad input: the message starts with FILE:LINE and names the field.
std::string error_of(const std::string& path, const TableFormat& format) {
  try {
    load_feature_table(path, format, "bad");
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

TEST(TableLoaderBadInput, RowWithTooFewFieldsNamesItsLine) {
  TempDir dir;
  const std::string path = dir.write("bad.csv", "a,b,y\n1,2,x\n3,4,y\n5,6\n7,8,x\n");
  EXPECT_EQ(error_of(path, {TableHeader::column_names, "y", false}), path + ":4: expected 3 fields, got 2");
}

TEST(TableLoaderBadInput, NonNumericFeatureNamesLineAndColumn) {
  TempDir dir;
  const std::string path = dir.write("bad.csv", "a,b,y\n1,2,x\n3,oops,y\n");
  EXPECT_EQ(error_of(path, {TableHeader::column_names, "y", false}),
            path + ":3: field 'b': expected a number, got \"oops\"");
}

TEST(TableLoaderBadInput, MissingValueNAIsNamed) {
  TempDir dir;
  const std::string path = dir.write("bad.csv", "a,b,y\n1,2,x\n3,4,y\n5,NA,x\n");
  const std::string message = error_of(path, {TableHeader::column_names, "y", false});
  EXPECT_EQ(message.rfind(path + ":4: field 'b': missing value", 0), 0u) << message;
}

TEST(TableLoaderBadInput, SklearnLabelOutsideHeaderClasses) {
  TempDir dir;
  const std::string path = dir.write("bad.csv", "2,1,a,b\n0.5,0\n0.7,2\n");
  EXPECT_EQ(error_of(path, {TableHeader::sklearn, "", false}),
            path + ":3: field 'label': class index 2 outside 0..1 (the header names 2 classes)");
}

TEST(TableLoaderBadInput, UnclosedQuoteNamesItsLine) {
  TempDir dir;
  const std::string path = dir.write("bad.csv", "a,y\n1,\"x\"\n2,\"y\n3,x\n");
  EXPECT_EQ(error_of(path, {TableHeader::column_names, "y", false}),
            path + ":3: a quoted field is not closed on this line");
}

TEST(TableLoaderBadInput, MissingFileSaysSo) {
  EXPECT_EQ(error_of("/nonexistent/dir/x.csv", {}), "/nonexistent/dir/x.csv: cannot open file");
}

TEST(TableLoaderBadInput, UnknownLabelColumnNamesTheHeader) {
  TempDir dir;
  const std::string path = dir.write("bad.csv", "a,b\n1,2\n");
  EXPECT_EQ(error_of(path, {TableHeader::column_names, "Class", false}),
            path + ":1: field 'Class': label column not found in the header");
}

TEST(TableLoaderBadInput, MissingLabelNamesLine) {
  TempDir dir;
  const std::string path = dir.write("bad.csv", "a,y\n1,x\n2,\n");
  EXPECT_EQ(error_of(path, {TableHeader::column_names, "y", false}), path + ":3: field 'y': missing class label");
}

TEST(TableLoader, BlankLinesKeepTheRealLineNumbers) {
  TempDir dir;
  const std::string path = dir.write("bad.csv", "a,y\n1,x\n\n2,y\n\nz,x\n");
  EXPECT_EQ(error_of(path, {TableHeader::column_names, "y", false}), path + ":6: field 'a': expected a number, got \"z\"");
}

TEST(DatasetRegistry, UnknownNameListsTheKnownOnes) {
  try {
    load_dataset("no-such-set");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("letter"), std::string::npos) << error.what();
  }
}

TEST(DatasetRegistry, DataDirOptionIsSearchedFirst) {
  TempDir dir;
  dir.write("iris.csv", "4,1,a,b,c\n1,0\n2,1\n3,2\n4,0\n");
  const Dataset iris = load_dataset("iris", dir.path().string());
  EXPECT_EQ(iris.num_instances(), 4u);
  EXPECT_EQ(iris.source, (dir.path() / "iris.csv").string());
}

}  // namespace
}  // namespace annotbench
