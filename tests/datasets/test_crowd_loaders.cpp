// Crowd-label files in long and wide layout, and the .npy reader: every value read back is the value
// the test wrote, and each kind of bad input is reported at its exact file, line and field.

#include <cstdio>

#include <gtest/gtest.h>

#include "datasets/crowd_label_table.h"
#include "datasets/crowd_loader.h"
#include "datasets/input_error.h"
#include "datasets/npy_reader.h"
#include "tests/support/npy_files.h"
#include "tests/support/annotbench_process.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

using testing::TempDir;
constexpr int kMissing = kMissingLabel;

std::vector<int> annotation_row(const Dataset& dataset, std::size_t item) {
  return {dataset.annotations.row(item), dataset.annotations.row(item) + dataset.annotations.cols};
}

std::string crowd_error(const CrowdFiles& files, CrowdFormat format, const std::vector<std::string>& classes = {}) {
  try {
    load_crowd_files(files, format, classes, "bad");
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

// ---- long format ----

TEST(LongCrowdFile, IndexesItemsAndAnnotatorsInFirstAppearanceOrder) {
  TempDir dir;
  const std::string path = dir.write("answers.csv",
                                     "item,annotator,label\n"
                                     "a,w1,cat\n"
                                     "a,w2,dog\n"
                                     "b,w1,dog\n"
                                     "c,w3,cat\n");
  const Dataset dataset = load_crowd_files({path, "", ""}, CrowdFormat::long_format, {}, "toy");
  EXPECT_EQ(dataset.class_names, (std::vector<std::string>{"cat", "dog"}));
  EXPECT_EQ(dataset.annotator_ids, (std::vector<std::string>{"w1", "w2", "w3"}));
  ASSERT_EQ(dataset.num_instances(), 3u);
  EXPECT_EQ(dataset.num_features(), 0u);
  EXPECT_EQ(annotation_row(dataset, 0), (std::vector<int>{0, 1, kMissing}));
  EXPECT_EQ(annotation_row(dataset, 1), (std::vector<int>{1, kMissing, kMissing}));
  EXPECT_EQ(annotation_row(dataset, 2), (std::vector<int>{kMissing, kMissing, 0}));
  EXPECT_FALSE(dataset.has_true_labels());
  EXPECT_EQ(dataset.source, path);
}

TEST(LongCrowdFile, FindsColumnsByHeaderNameAndIgnoresOthers) {
  TempDir dir;
  const std::string path = dir.write("answers.csv",
                                     "label,time,annotator,item\n"
                                     "yes,3.2,ann 7,q1\n"
                                     "no,1.0,ann 2,q1\n"
                                     "\"no\",9,\"ann 7\",q2\n");
  const Dataset dataset = load_crowd_files({path, "", ""}, CrowdFormat::long_format, {}, "toy");
  EXPECT_EQ(dataset.class_names, (std::vector<std::string>{"no", "yes"}));
  EXPECT_EQ(dataset.annotator_ids, (std::vector<std::string>{"ann 7", "ann 2"}));
  EXPECT_EQ(annotation_row(dataset, 0), (std::vector<int>{1, 0}));
  EXPECT_EQ(annotation_row(dataset, 1), (std::vector<int>{0, kMissing}));
}

TEST(LongCrowdFile, TruthAndFeatureFilesAreMatchedById) {
  TempDir dir;
  const std::string answers = dir.write("answers.csv", "item,annotator,label\na,w1,cat\nb,w1,dog\nc,w2,dog\n");
  // The truth names a class no annotator chose: it joins the sorted class list and shifts the indices.
  const std::string truth = dir.write("truth.csv", "item,label\nc,bird\na,cat\nb,dog\n");
  const std::string features = dir.write("features.csv", "item,f1,f2\nb,3,4\nc,5,6.5\na,1,-2\n");
  const Dataset dataset = load_crowd_files({answers, truth, features}, CrowdFormat::long_format, {}, "toy");
  EXPECT_EQ(dataset.class_names, (std::vector<std::string>{"bird", "cat", "dog"}));
  EXPECT_EQ(dataset.true_labels, (std::vector<int>{1, 2, 0}));
  EXPECT_EQ(annotation_row(dataset, 0), (std::vector<int>{1, kMissing}));
  EXPECT_EQ(annotation_row(dataset, 2), (std::vector<int>{kMissing, 2}));
  ASSERT_EQ(dataset.num_features(), 2u);
  EXPECT_FLOAT_EQ(dataset.features.at(0, 0), 1.0f);
  EXPECT_FLOAT_EQ(dataset.features.at(0, 1), -2.0f);
  EXPECT_FLOAT_EQ(dataset.features.at(1, 0), 3.0f);
  EXPECT_FLOAT_EQ(dataset.features.at(2, 1), 6.5f);
}

TEST(LongCrowdFile, GivenClassListFixesTheIndices) {
  TempDir dir;
  const std::string path = dir.write("answers.csv", "item,annotator,label\na,w1,cat\nb,w1,dog\n");
  const Dataset dataset = load_crowd_files({path, "", ""}, CrowdFormat::long_format, {"dog", "cat", "cow"}, "toy");
  EXPECT_EQ(dataset.class_names, (std::vector<std::string>{"dog", "cat", "cow"}));
  EXPECT_EQ(annotation_row(dataset, 0), (std::vector<int>{1}));
  EXPECT_EQ(annotation_row(dataset, 1), (std::vector<int>{0}));
}

TEST(LongCrowdFile, NumericLabelsSortNumerically) {
  TempDir dir;
  const std::string path = dir.write("answers.csv", "item,annotator,label\n1,a,10\n2,a,2\n3,a,1\n");
  const Dataset dataset = load_crowd_files({path, "", ""}, CrowdFormat::long_format, {}, "toy");
  EXPECT_EQ(dataset.class_names, (std::vector<std::string>{"1", "2", "10"}));
  EXPECT_EQ(dataset.annotations.values, (std::vector<int>{2, 1, 0}));
}

TEST(LongCrowdFile, NpyFeaturesFollowTheItemOrder) {
  TempDir dir;
  const std::string answers = dir.write("answers.csv", "item,annotator,label\nx,w,a\ny,w,b\n");
  const std::string features = dir.write("emb.npy", testing::npy_bytes<double>("<f8", {2, 3}, {1, 2, 3, 4, 5, 6}));
  const Dataset dataset = load_crowd_files({answers, "", features}, CrowdFormat::long_format, {}, "toy");
  ASSERT_EQ(dataset.num_features(), 3u);
  EXPECT_FLOAT_EQ(dataset.features.at(1, 0), 4.0f);
  EXPECT_FLOAT_EQ(dataset.features.at(1, 2), 6.0f);
}

TEST(LongCrowdFileBadInput, RowWithWrongFieldCountNamesItsLine) {
  TempDir dir;
  const std::string path = dir.write("answers.csv", "item,annotator,label\na,w1,cat\n\nb,w1\n");
  EXPECT_EQ(crowd_error({path, "", ""}, CrowdFormat::long_format), path + ":4: expected 3 fields, got 2");
}

TEST(LongCrowdFileBadInput, LabelOutsideTheGivenClasses) {
  TempDir dir;
  const std::string path = dir.write("answers.csv", "item,annotator,label\na,w1,cat\nb,w1,dog\nb,w2,bird\n");
  EXPECT_EQ(crowd_error({path, "", ""}, CrowdFormat::long_format, {"cat", "dog"}),
            path + ":4: field 'label': \"bird\" is not one of the classes cat, dog");
}

TEST(LongCrowdFileBadInput, DuplicateItemAnnotatorPairNamesBothLines) {
  TempDir dir;
  const std::string path = dir.write("answers.csv", "item,annotator,label\na,w1,cat\nb,w1,dog\nb,w2,dog\na,w1,dog\n");
  EXPECT_EQ(crowd_error({path, "", ""}, CrowdFormat::long_format),
            path + ":5: annotator 'w1' labels item 'a' a second time (first on line 2)");
}

TEST(LongCrowdFileBadInput, TruthForAnUnknownItemNamesItsLine) {
  TempDir dir;
  const std::string answers = dir.write("answers.csv", "item,annotator,label\na,w1,cat\nb,w1,dog\n");
  const std::string truth = dir.write("truth.csv", "item,label\na,cat\nz,dog\nb,dog\n");
  EXPECT_EQ(crowd_error({answers, truth, ""}, CrowdFormat::long_format),
            truth + ":3: field 'item': true label for item 'z', which no annotation names");
}

TEST(LongCrowdFileBadInput, ItemWithoutTruthNamesTheTruthFile) {
  TempDir dir;
  const std::string answers = dir.write("answers.csv", "item,annotator,label\na,w1,cat\nb,w1,dog\n");
  const std::string truth = dir.write("truth.csv", "item,label\na,cat\n");
  EXPECT_EQ(crowd_error({answers, truth, ""}, CrowdFormat::long_format), truth + ": no true label for item 'b'");
}

TEST(LongCrowdFileBadInput, TruthListedTwiceNamesBothLines) {
  TempDir dir;
  const std::string answers = dir.write("answers.csv", "item,annotator,label\na,w1,cat\n");
  const std::string truth = dir.write("truth.csv", "item,label\na,cat\na,dog\n");
  EXPECT_EQ(crowd_error({answers, truth, ""}, CrowdFormat::long_format),
            truth + ":3: field 'label': item 'a' already has a different true label (line 2)");
}

TEST(LongCrowdFileBadInput, MissingFileSaysSo) {
  EXPECT_EQ(crowd_error({"/nonexistent/answers.csv", "", ""}, CrowdFormat::long_format),
            "/nonexistent/answers.csv: cannot open file");
  TempDir dir;
  const std::string answers = dir.write("answers.csv", "item,annotator,label\na,w1,cat\n");
  EXPECT_EQ(crowd_error({answers, (dir.path() / "truth.csv").string(), ""}, CrowdFormat::long_format),
            (dir.path() / "truth.csv").string() + ": cannot open file");
}

TEST(LongCrowdFileBadInput, MissingColumnNamesTheHeaderLine) {
  TempDir dir;
  const std::string path = dir.write("answers.csv", "item,person,label\na,w1,cat\n");
  EXPECT_EQ(crowd_error({path, "", ""}, CrowdFormat::long_format).rfind(
                path + ":1: field 'annotator': no annotator column in the header (item, person, label)", 0),
            0u);
}

TEST(LongCrowdFileBadInput, EmptyLabelNamesItsLine) {
  TempDir dir;
  const std::string path = dir.write("answers.csv", "item,annotator,label\na,w1,cat\nb,w2,\n");
  EXPECT_EQ(crowd_error({path, "", ""}, CrowdFormat::long_format), path + ":3: field 'label': missing label");
}

TEST(LongCrowdFileBadInput, FeaturesForUnknownOrMissingItems) {
  TempDir dir;
  const std::string answers = dir.write("answers.csv", "item,annotator,label\na,w1,cat\nb,w1,dog\n");
  const std::string extra = dir.write("extra.csv", "item,f\na,1\nb,2\nq,3\n");
  EXPECT_EQ(crowd_error({answers, "", extra}, CrowdFormat::long_format),
            extra + ":4: field 'item': features for item 'q', which no annotation names");
  const std::string short_table = dir.write("short.csv", "item,f\nb,2\n");
  EXPECT_EQ(crowd_error({answers, "", short_table}, CrowdFormat::long_format),
            short_table + ": no feature row for item 'a'");
  const std::string bad_number = dir.write("bad.csv", "item,f\na,1\nb,x\n");
  EXPECT_EQ(crowd_error({answers, "", bad_number}, CrowdFormat::long_format),
            bad_number + ":3: field 'f': expected a number, got \"x\"");
}

TEST(LongCrowdFileBadInput, NpyFeaturesWithTheWrongRowCount) {
  TempDir dir;
  const std::string answers = dir.write("answers.csv", "item,annotator,label\na,w1,cat\nb,w1,dog\n");
  const std::string features = dir.write("f.npy", testing::npy_bytes<float>("<f4", {3, 1}, {1, 2, 3}));
  EXPECT_EQ(crowd_error({answers, "", features}, CrowdFormat::long_format),
            features + ": field 'shape': first axis has 3 rows for 2 instances");
}

// ---- wide format ----

TEST(WideCrowdFile, ReadsAnnotatorColumnsItemIdsAndTruth) {
  TempDir dir;
  const std::string path = dir.write("wide.csv",
                                     "item,w1,w2,w3,truth\n"
                                     "a,cat,,dog,cat\n"
                                     "b,-1,dog,,dog\n"
                                     "c,cat,cat,NA,cat\n");
  const Dataset dataset = load_crowd_files({path, "", ""}, CrowdFormat::wide_format, {}, "toy");
  EXPECT_EQ(dataset.annotator_ids, (std::vector<std::string>{"w1", "w2", "w3"}));
  EXPECT_EQ(dataset.class_names, (std::vector<std::string>{"cat", "dog"}));
  EXPECT_EQ(annotation_row(dataset, 0), (std::vector<int>{0, kMissing, 1}));
  EXPECT_EQ(annotation_row(dataset, 1), (std::vector<int>{kMissing, 1, kMissing}));
  EXPECT_EQ(annotation_row(dataset, 2), (std::vector<int>{0, 0, kMissing}));
  EXPECT_EQ(dataset.true_labels, (std::vector<int>{0, 1, 0}));
}

TEST(WideCrowdFile, WithoutItemColumnRowsAreNumberedForTheFeatureFile) {
  TempDir dir;
  const std::string path = dir.write("wide.csv", "u1,label,u2\n0,1,1\n1,0,-1\n2,2,2\n");
  const std::string features = dir.write("f.csv", "id,x\n3,30\n1,10\n2,20\n");
  const Dataset dataset = load_crowd_files({path, "", features}, CrowdFormat::wide_format, {}, "toy");
  EXPECT_EQ(dataset.annotator_ids, (std::vector<std::string>{"u1", "u2"}));
  EXPECT_EQ(dataset.class_names, (std::vector<std::string>{"0", "1", "2"}));
  EXPECT_EQ(dataset.annotations.values, (std::vector<int>{0, 1, 1, kMissing, 2, 2}));
  EXPECT_EQ(dataset.true_labels, (std::vector<int>{1, 0, 2}));
  EXPECT_EQ(dataset.features.values, (std::vector<float>{10, 20, 30}));
}

TEST(WideCrowdFileBadInput, AnnotatorColumnWithNoLabels) {
  TempDir dir;
  const std::string path = dir.write("wide.csv", "id,w1,w2,w3\na,cat,,dog\nb,dog,-1,\n");
  EXPECT_EQ(crowd_error({path, "", ""}, CrowdFormat::wide_format), path + ": field 'w2': column has no labels");
}

TEST(WideCrowdFileBadInput, RowWithWrongFieldCount) {
  TempDir dir;
  const std::string path = dir.write("wide.csv", "id,w1,w2\na,cat,dog\nb,dog,cat,cat\n");
  EXPECT_EQ(crowd_error({path, "", ""}, CrowdFormat::wide_format), path + ":3: expected 3 fields, got 4");
}

TEST(WideCrowdFileBadInput, LabelOutsideTheGivenClassesNamesTheAnnotatorColumn) {
  TempDir dir;
  const std::string path = dir.write("wide.csv", "id,w1,w2\na,cat,dog\nb,dog,cow\n");
  EXPECT_EQ(crowd_error({path, "", ""}, CrowdFormat::wide_format, {"cat", "dog"}),
            path + ":3: field 'w2': \"cow\" is not one of the classes cat, dog");
}

TEST(WideCrowdFileBadInput, RepeatedItemRowNamesBothLines) {
  TempDir dir;
  const std::string path = dir.write("wide.csv", "item,w1\na,cat\nb,dog\na,dog\n");
  EXPECT_EQ(crowd_error({path, "", ""}, CrowdFormat::wide_format),
            path + ":4: field 'item': item 'a' has a second row (first on line 2)");
}

TEST(WideCrowdFileBadInput, MissingTruthCellNamesItsLine) {
  TempDir dir;
  const std::string path = dir.write("wide.csv", "item,w1,truth\na,cat,cat\nb,dog,\n");
  EXPECT_EQ(crowd_error({path, "", ""}, CrowdFormat::wide_format), path + ":3: field 'truth': missing true label");
}

TEST(CrowdFormatOption, AcceptsLongAndWideOnly) {
  EXPECT_EQ(parse_crowd_format("long"), CrowdFormat::long_format);
  EXPECT_EQ(parse_crowd_format("wide"), CrowdFormat::wide_format);
  EXPECT_THROW(parse_crowd_format("tall"), ConfigError);
}

// ---- .npy ----

std::string npy_error(const std::string& path) {
  try {
    read_npy_floats(path);
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

TEST(NpyReader, ReadsFloat32RowMajorWithItsShape) {
  TempDir dir;
  const std::string path = dir.write("a.npy", testing::npy_bytes<float>("<f4", {2, 3}, {0.5f, 1, 2, 3, 4, -7.25f}));
  const NpyFloatArray array = read_npy_floats(path);
  EXPECT_EQ(array.shape, (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(array.values, (std::vector<float>{0.5f, 1, 2, 3, 4, -7.25f}));
}

TEST(NpyReader, ReadsFloat64AndInt64AndVersion2Headers) {
  TempDir dir;
  const std::string doubles = dir.write("d.npy", testing::npy_bytes<double>("<f8", {3}, {1.5, -2, 1e10}, 2));
  EXPECT_EQ(read_npy_floats(doubles).values, (std::vector<float>{1.5f, -2.0f, 1e10f}));
  const std::string ints = dir.write("i.npy", testing::npy_bytes<std::int64_t>("<i8", {2, 2}, {-1, 0, 7, 123456789012}));
  const NpyIntArray array = read_npy_ints(ints);
  EXPECT_EQ(array.shape, (std::vector<std::size_t>{2, 2}));
  EXPECT_EQ(array.values, (std::vector<long long>{-1, 0, 7, 123456789012}));
}

TEST(NpyReader, FourDimensionalShapeCountsEveryElement) {
  TempDir dir;
  std::vector<float> values(2 * 2 * 2 * 3);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<float>(i);
  const std::string path = dir.write("v.npy", testing::npy_bytes<float>("<f4", {2, 2, 2, 3}, values));
  const NpyHeader header = read_npy_header(path);
  EXPECT_EQ(header.shape, (std::vector<std::size_t>{2, 2, 2, 3}));
  EXPECT_EQ(header.element_count(), 24u);
  EXPECT_EQ(header.data_offset % 64, 0u);  // the format aligns the data to 64 bytes
  EXPECT_EQ(read_npy_floats(path).values, values);
}

TEST(NpyReaderBadInput, NotAnNpyFile) {
  TempDir dir;
  const std::string path = dir.write("x.npy", "item,f\n1,2\n");
  EXPECT_EQ(npy_error(path), path + ": field 'npy header': not a NumPy .npy file (it does not start with \\x93NUMPY)");
}

TEST(NpyReaderBadInput, BigEndianDtypeIsRefusedByName) {
  TempDir dir;
  const std::string path = dir.write("x.npy", testing::npy_bytes<float>(">f4", {1}, {1}));
  EXPECT_EQ(npy_error(path),
            path + ": field 'npy header': dtype '>f4' is not supported (use '<f4', '<f8', '<i4' or '<i8')");
}

TEST(NpyReaderBadInput, PickledObjectArrayIsExplained) {
  TempDir dir;
  // CIFAR-N's CIFAR-10_human.npy is np.save of a dict: dtype '|O', shape ().
  const std::string path =
      dir.write("x.npy", testing::npy_header_bytes("{'descr': '|O', 'fortran_order': False, 'shape': (), }") + "\x80\x02");
  EXPECT_EQ(npy_error(path), path +
                                 ": field 'npy header': dtype '|O' holds pickled Python objects, which annotbench "
                                 "cannot read; save the arrays as plain numbers (np.save of an int or float array) or "
                                 "as CSV");
}

TEST(NpyReaderBadInput, FortranOrderIsRefused) {
  TempDir dir;
  const std::string path = dir.write(
      "x.npy", testing::npy_header_bytes("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }") + "abcd");
  EXPECT_EQ(npy_error(path),
            path + ": field 'npy header': the array is in Fortran order; save it in C order (np.ascontiguousarray)");
}

TEST(NpyReaderBadInput, HeaderWithoutShapeAndTruncatedData) {
  TempDir dir;
  const std::string no_shape = dir.write("a.npy", testing::npy_header_bytes("{'descr': '<f4', 'fortran_order': False, }"));
  EXPECT_EQ(npy_error(no_shape), no_shape + ": field 'npy header': has no 'shape' entry");
  const std::string truncated =
      dir.write("b.npy", testing::npy_header_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }") +
                             std::string(16, '\0'));
  EXPECT_EQ(npy_error(truncated),
            truncated + ": field 'data': file is truncated: the header promises 32 bytes of data, found 16");
}

TEST(NpyReaderBadInput, FractionalValueWhereWholeNumbersAreNeeded) {
  TempDir dir;
  const std::string path = dir.write("x.npy", testing::npy_bytes<double>("<f8", {3}, {1, 2.5, 3}));
  try {
    read_npy_ints(path);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()), path + ": field 'element 1': expected a whole number, got 2.500000");
  }
}

// ---- annotbench inspect --annotations ----


TEST(InspectCrowdFile, DescribesALongFileWithItsTruth) {
  TempDir dir;
  const std::string answers = dir.write("a.csv", "item,annotator,label\na,w1,cat\na,w2,dog\nb,w1,dog\nc,w3,cat\n");
  const std::string truth = dir.write("t.csv", "item,label\na,cat\nb,dog\nc,cat\n");
  const testing::ProcessResult output_run = testing::run_annotbench(dir, "inspect --annotations " + answers + " --truth " + truth);
  const std::string output = output_run.out + output_run.err;
  const int status = output_run.exit_code;
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output.rfind(answers + ": 3 instances, 0 features, 2 classes, 3 annotators", 0), 0u) << output;
}

TEST(InspectCrowdFile, BadFileIsReportedOnceWithItsLine) {
  TempDir dir;
  const std::string wide = dir.write("w.csv", "id,w1,w2\na,cat,\nb,dog,\n");
  const testing::ProcessResult output_run = testing::run_annotbench(dir, "inspect --annotations " + wide + " --format wide");
  const std::string output = output_run.out + output_run.err;
  const int status = output_run.exit_code;
  EXPECT_NE(status, 0);
  EXPECT_NE(output.find(wide + ": field 'w2': column has no labels"), std::string::npos) << output;
}

}  // namespace
}  // namespace annotbench

namespace annotbench {
namespace {

using testing::TempDir;

std::string wide_error(const std::string& text) {
  TempDir dir;
  const std::string path = dir.write("w.csv", text);
  try {
    load_crowd_files({path, "", ""}, CrowdFormat::wide_format, {}, "w");
  } catch (const InputError& error) {
    const std::string message = error.what();
    return message.substr(message.find(".csv") + 4);
  }
  return "no error";
}

TEST(WideCrowdFileBadInput, DuplicateAnnotatorColumnsAreRefusedNotMerged) {  // probe W8
  EXPECT_EQ(wide_error("item,a,a,c\ni1,x,,y\ni2,,x,y\n"), ":1: field 'a': annotator named in columns 2 and 3");
}

TEST(WideCrowdFileBadInput, LabelAndTruthColumnsTogetherAreRefused) {  // probe W8
  EXPECT_EQ(wide_error("item,label,a,b,truth\ni1,x,x,y,x\n"),
            ":1: field 'truth': a second true-label column (the first is 'label'); keep one");
}

TEST(WideCrowdFileBadInput, UnlabelledItemIsReportedAtItsLine) {  // probe U2
  EXPECT_EQ(wide_error("item,a,b\ni1,x,y\ni2,y,x\n\ni99,,\n"),
            ":5: field 'annotations': item 'i99' has no label from any annotator");
}

// probe C2: 200,000 rows, each with a new item and a new annotator. The dense N x M matrix of a
// learning data set would need 160 GB: that is refused with the sizes; truth inference reads the
// same file as a label list.
TEST(LongCrowdFileScale, VerySparseFileIsReadSparselyAndRefusedDenseWithItsSize) {
  TempDir dir;
  std::string text = "item,annotator,label\n";
  for (int k = 0; k < 200000; ++k)
    text += "i" + std::to_string(k) + ",w" + std::to_string(k) + "," + (k % 2 ? "pos" : "neg") + "\n";
  const std::string path = dir.write("sparse.csv", text);
  CrowdLabelSource source;
  source.annotations = path;
  const CrowdLabelTable table = read_crowd_label_table(source, "sparse");
  EXPECT_EQ(table.annotations.num_items, 200000u);
  EXPECT_EQ(table.annotations.num_annotators, 200000u);
  EXPECT_EQ(table.annotations.num_labels(), 200000u);
  try {
    load_crowd_files({path, "", ""}, CrowdFormat::long_format, {}, "sparse");
    FAIL() << "a 160 GB matrix was not refused";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("200000 items x 200000 annotators need a dense matrix of 160 GB"),
              std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace annotbench
