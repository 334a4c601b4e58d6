// The annotator-feature file (datasets/annotator_feature_file.h): rows matched by id in any order,
// and every wrong shape an error naming the file (and the line where there is one).

#include <gtest/gtest.h>

#include "datasets/annotator_feature_file.h"
#include "datasets/input_error.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

std::string error_of(const std::string& path, const std::vector<std::string>& ids) {
  try {
    read_annotator_feature_file(path, ids);
  } catch (const InputError& error) {
    return error.what();
  }
  return "(accepted)";
}

TEST(AnnotatorFeatureFile, RowsFollowTheDataSetsAnnotatorsNotTheFilesOrder) {
  const testing::TempDir dir;
  const std::string path = dir.write("a.csv", "annotator,experience,gold\nw2,2.5,0.75\nw1,1,-0.5\n");
  const FeatureMatrix features = read_annotator_feature_file(path, {"w1", "w2"});
  ASSERT_EQ(features.rows, 2u);
  ASSERT_EQ(features.cols, 2u);
  EXPECT_EQ(features.at(0, 0), 1.0F);
  EXPECT_EQ(features.at(0, 1), -0.5F);
  EXPECT_EQ(features.at(1, 0), 2.5F);
  EXPECT_EQ(features.at(1, 1), 0.75F);
}

TEST(AnnotatorFeatureFile, ARowOfAnotherWidthNamesTheFileAndLine) {
  const testing::TempDir dir;
  const std::string path = dir.write("wide.csv", "annotator,f1,f2\nw1,1,2\nw2,1,2,3\n");
  const std::string error = error_of(path, {"w1", "w2"});
  EXPECT_NE(error.find(path), std::string::npos) << error;
  EXPECT_NE(error.find(":3"), std::string::npos) << error;
  EXPECT_NE(error.find("has 4 fields where the header has 3"), std::string::npos) << error;
}

TEST(AnnotatorFeatureFile, TooFewAnnotatorsNamesTheFileAndTheFirstMissing) {
  const testing::TempDir dir;
  const std::string path = dir.write("short.csv", "annotator,f1\nw1,1\n");
  const std::string error = error_of(path, {"w1", "w2", "w3"});
  EXPECT_NE(error.find(path), std::string::npos) << error;
  EXPECT_NE(error.find("describes 1 of the data set's 3 annotators; 'w2' and 1 more have no row"), std::string::npos)
      << error;
}

TEST(AnnotatorFeatureFile, UnknownRepeatedOrNonNumericRowsAreNamed) {
  const testing::TempDir dir;
  EXPECT_NE(error_of(dir.write("u.csv", "annotator,f1\nw1,1\nw9,1\n"), {"w1"}).find("annotator 'w9' is not one of"),
            std::string::npos);
  EXPECT_NE(error_of(dir.write("r.csv", "annotator,f1\nw1,1\nw1,2\n"), {"w1"}).find("described again (first on line 2)"),
            std::string::npos);
  const std::string text = error_of(dir.write("t.csv", "annotator,f1\nw1,high\n"), {"w1"});
  EXPECT_NE(text.find("f1"), std::string::npos) << text;
  EXPECT_NE(text.find("expected a number"), std::string::npos) << text;
  EXPECT_NE(error_of(dir.write("h.csv", "annotator\nw1\n"), {"w1"}).find("at least one feature"), std::string::npos);
  EXPECT_NE(error_of(dir.write("e.csv", ""), {"w1"}).find("is empty"), std::string::npos);
}

}  // namespace
}  // namespace annotbench
