// The long crowd-file reader on generated files in every layout real crowd files come in: each is
// read back to the same labels, and each kind of bad input is reported at its file, line and field.

#include <zlib.h>

#include <gtest/gtest.h>

#include "datasets/crowd_label_table.h"
#include "datasets/input_error.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

using testing::TempDir;

// The same four labels and the gold of two items, in the layout under test.
// item q1: w1 says "pos", w2 says "neg"; item q2: w1 "neg"; item q3: w3 "pos". Gold: q1 pos, q3 pos.
struct Expected {
  std::vector<std::string> items = {"q1", "q2", "q3"};
  std::vector<std::string> annotators = {"w1", "w2", "w3"};
  std::vector<std::string> classes = {"neg", "pos"};
  std::vector<std::uint32_t> label_items = {0, 0, 1, 2};
  std::vector<std::uint32_t> label_annotators = {0, 1, 0, 2};
  std::vector<std::int32_t> labels = {1, 0, 0, 1};
  std::vector<int> truth = {1, kMissingLabel, 1};
};

void expect_standard_table(const CrowdLabelTable& table, bool with_truth = true) {
  const Expected expected;
  EXPECT_EQ(table.item_ids, expected.items);
  EXPECT_EQ(table.annotator_ids, expected.annotators);
  EXPECT_EQ(table.class_names, expected.classes);
  EXPECT_EQ(table.annotations.items, expected.label_items);
  EXPECT_EQ(table.annotations.annotators, expected.label_annotators);
  EXPECT_EQ(table.annotations.labels, expected.labels);
  if (with_truth) {
    EXPECT_EQ(table.truth, expected.truth);
    EXPECT_EQ(table.gold_items(), 2u);
  }
}

CrowdLabelTable read(const std::string& annotations, const std::string& truth = "", const std::string& columns = "",
                     const std::string& truth_columns = "") {
  CrowdLabelSource source;
  source.annotations = annotations;
  source.truth = truth;
  if (!columns.empty()) source.reading.columns = parse_crowd_columns(columns);
  if (!truth_columns.empty()) source.reading.truth_columns = parse_crowd_columns(truth_columns);
  return read_crowd_label_table(source, "test");
}

std::string read_error(const std::string& annotations, const std::string& truth = "", const std::string& columns = "") {
  try {
    read(annotations, truth, columns);
  } catch (const InputError& error) {
    return error.what();
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "no error";
}

TEST(LongCrowdFileLayouts, ZhengHeaderQuestionWorkerAnswerWithCrlf) {
  TempDir dir;
  const std::string answers = dir.write("answer.csv", "question,worker,answer\r\nq1,w1,pos\r\nq1,w2,neg\r\nq2,w1,neg\r\nq3,w3,pos\r\n");
  const std::string truth = dir.write("truth.csv", "question,truth\r\nq1,pos\r\nq3,pos\r\n");
  const CrowdLabelTable table = read(answers, truth);
  expect_standard_table(table);
  EXPECT_EQ(table.files[0].line_ends, "CRLF");
  EXPECT_TRUE(table.files[0].header);
}

TEST(LongCrowdFileLayouts, IdWorkerAnswerAndQTruthHeaders) {
  TempDir dir;
  const std::string answers = dir.write("answer.csv", "id,worker,answer\nq1,w1,pos\nq1,w2,neg\nq2,w1,neg\nq3,w3,pos\n");
  const std::string truth = dir.write("truth.csv", "q,truth\nq1,pos\nq3,pos\n");
  expect_standard_table(read(answers, truth));
}

TEST(LongCrowdFileLayouts, CrOnlyLineEndsAsOldMacExportsWriteThem) {
  TempDir dir;
  const std::string answers = dir.write("answer.csv", "item,annotator,label\rq1,w1,pos\rq1,w2,neg\rq2,w1,neg\rq3,w3,pos");
  const std::string truth = dir.write("truth.csv", "item,label\rq1,pos\rq3,pos\r");
  const CrowdLabelTable table = read(answers, truth);
  expect_standard_table(table);
  EXPECT_EQ(table.files[0].line_ends, "CR");
}

TEST(LongCrowdFileLayouts, NoHeaderWhitespaceSeparatedAsTheSpectralEmFiles) {
  TempDir dir;
  const std::string answers = dir.write("crowd.txt", "q1\tw1\tpos\nq1 w2   neg\nq2\tw1\tneg\n  q3\tw3\tpos\n");
  const std::string truth = dir.write("truth.txt", "q1 pos\nq3 pos\n");
  const CrowdLabelTable table = read(answers, truth);
  expect_standard_table(table);
  EXPECT_FALSE(table.files[0].header);
  EXPECT_EQ(table.files[0].delimiter, Delimiter::whitespace);
}

TEST(LongCrowdFileLayouts, TabSeparatedWithQuotedFieldsAndTruthColumnAsSnowWsd) {
  TempDir dir;
  const std::string answers = dir.write("wsd.csv",
                                        "!amt_annotation_ids\t!amt_worker_ids\torig_id\tresponse\tgold\n"
                                        "a1\tw1\t\"q1\"\tpos\tpos\n"
                                        "a2\tw2\tq1\tneg\tpos\n"
                                        "a3\tw1\tq2\tneg\t\n"
                                        "a4\tw3\tq3\tpos\tpos\n");
  const CrowdLabelTable table = read(answers);
  expect_standard_table(table);
  EXPECT_EQ(table.files[0].delimiter, Delimiter::tab);
  EXPECT_EQ(table.files[0].truth_column, "'gold'");
}

TEST(LongCrowdFileLayouts, NoHeaderColumnsByNumberAsTheActiveCrowdToolkit) {
  TempDir dir;
  // WorkerID,TaskID,WorkerLabel,GoldLabel plus an undocumented fifth column.
  const std::string answers = dir.write("CF.csv", "w1,q1,pos,pos,7\nw2,q1,neg,pos,3\nw1,q2,neg,,1\nw3,q3,pos,pos,9\n");
  expect_standard_table(read(answers, "", "annotator=1,item=2,label=3,truth=4"));
  // Without --columns a header-less file of more than three columns is not guessed at.
  EXPECT_NE(read_error(answers).find("say which is which with --columns"), std::string::npos) << read_error(answers);
}

TEST(LongCrowdFileLayouts, AnnotatorLabelColumnPairsAsCifar10N) {
  TempDir dir;
  const std::string answers = dir.write("cifar.csv",
                                        "index,clean_label,random_label1,worker1,random_label2,worker2\n"
                                        "q1,pos,pos,w1,neg,w2\n"
                                        "q2,,neg,w1,,w2\n"
                                        "q3,pos,pos,w3,,w1\n");
  CrowdLabelSource source;
  source.annotations = answers;
  source.reading.columns = parse_crowd_columns(
      "item=index,annotator=worker1+worker2,label=random_label1+random_label2,truth=clean_label");
  // Empty label cells are "no label" only when said so.
  source.reading.missing_labels = {""};
  const CrowdLabelTable table = read_crowd_label_table(source, "pairs");
  expect_standard_table(table);
  EXPECT_EQ(table.files[0].skipped_missing, 2u);
}

TEST(LongCrowdFileLayouts, IntegerIdsBomAndGzip) {
  TempDir dir;
  const std::string text = "\xEF\xBB\xBFitem,annotator,label\n10,7,1\n10,8,0\n2,7,0\n30,9,1\n";
  const std::string path = (dir.path() / "labels.csv.gz").string();
  gzFile file = gzopen(path.c_str(), "wb");
  gzwrite(file, text.data(), static_cast<unsigned>(text.size()));
  gzclose(file);
  const CrowdLabelTable table = read(path);
  EXPECT_EQ(table.item_ids, (std::vector<std::string>{"10", "2", "30"}));
  EXPECT_EQ(table.annotator_ids, (std::vector<std::string>{"7", "8", "9"}));
  EXPECT_EQ(table.class_names, (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(table.annotations.labels, (std::vector<std::int32_t>{1, 0, 0, 1}));
}

TEST(LongCrowdFileLayouts, RepeatedPairsAreKeptAndCounted) {
  TempDir dir;
  const std::string answers = dir.write("a.csv", "item,rater,rating\n1,1,3\n1,1,4\n1,1,3\n1,2,3\n2,1,1\n");
  const CrowdLabelTable table = read(answers);
  EXPECT_EQ(table.annotations.num_labels(), 5u);
  EXPECT_EQ(table.repeated_labels, 2u);
  EXPECT_EQ(table.gold_items(), 0u);
}

TEST(LongCrowdFileLayouts, GoldForItemsNobodyLabelledIsCountedNotFatal) {
  TempDir dir;
  const std::string answers = dir.write("a.csv", "item,annotator,label\nq1,w1,pos\nq2,w1,neg\n");
  const std::string truth = dir.write("t.csv", "item,truth\nq1,pos\nzz,neg\n");
  const CrowdLabelTable table = read(answers, truth);
  EXPECT_EQ(table.gold_items(), 1u);
  EXPECT_EQ(table.files[1].unknown_items, 1u);
}

TEST(LongCrowdFileLayouts, MinusOneIsAClassUnlessSaidOtherwiseAndTheReaderWarns) {  // probe W7
  TempDir dir;
  const std::string answers = dir.write("a.csv", "item,annotator,label\nq1,w1,1\nq1,w2,-1\nq2,w1,0\n");
  const CrowdLabelTable as_class = read(answers);
  EXPECT_EQ(as_class.class_names, (std::vector<std::string>{"-1", "0", "1"}));
  ASSERT_EQ(as_class.files[0].warnings.size(), 1u);
  EXPECT_NE(as_class.files[0].warnings[0].find("--missing-label -1"), std::string::npos);
  CrowdLabelSource source;
  source.annotations = answers;
  source.reading.missing_labels = {"-1"};
  const CrowdLabelTable as_missing = read_crowd_label_table(source, "t");
  EXPECT_EQ(as_missing.class_names, (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(as_missing.annotations.num_labels(), 2u);
}

TEST(LongCrowdFileLayouts, SameNumberSpelledTwoWaysIsWarnedAbout) {  // probe W7
  TempDir dir;
  const std::string answers = dir.write("a.csv", "item,annotator,label\nq1,w1,1\nq1,w2,1.0\nq2,w1,2\n");
  const CrowdLabelTable table = read(answers);
  ASSERT_EQ(table.files[0].warnings.size(), 1u);
  EXPECT_NE(table.files[0].warnings[0].find("\"1\" and \"1.0\""), std::string::npos) << table.files[0].warnings[0];
}

TEST(LongCrowdFileBadInput, EachProblemNamesFileLineAndField) {
  TempDir dir;
  const std::string short_row = dir.write("a.csv", "item,annotator,label\nq1,w1,pos\nq2,w1\n");
  EXPECT_EQ(read_error(short_row), short_row + ":3: expected 3 fields, got 2");
  const std::string empty_label = dir.write("b.csv", "question,worker,answer\r\nq1,w1,pos\r\nq2,w2,\r\n");
  EXPECT_EQ(read_error(empty_label), empty_label + ":3: field 'answer': missing label");
  const std::string open_quote = dir.write("c.csv", "item,annotator,label\nq1,\"w1,pos\n");
  EXPECT_EQ(read_error(open_quote), open_quote + ":2: a quoted field is not closed on this line");
  const std::string no_item = dir.write("d.csv", "item,annotator,label\n,w1,pos\n");
  EXPECT_EQ(read_error(no_item), no_item + ":2: field 'item': missing item id");
  const std::string one_class = dir.write("e.csv", "item,annotator,label\nq1,w1,pos\nq2,w2,pos\n");
  EXPECT_NE(read_error(one_class).find("needs at least 2 classes"), std::string::npos);
  const std::string cr_short = dir.write("f.csv", "item,annotator,label\rq1,w1,pos\rq2,w1\r");
  EXPECT_EQ(read_error(cr_short), cr_short + ":3: expected 3 fields, got 2");
  EXPECT_EQ(read_error(dir.write("g.csv", "")), (dir.path() / "g.csv").string() + ": file is empty");
  EXPECT_EQ(read_error(dir.path().string()), dir.path().string() + ": is a directory, not a file");
  const std::string named = dir.write("h.csv", "item,annotator,label\nq1,w1,pos\n");
  EXPECT_EQ(read_error(named, "", "item=item,annotator=who,label=label"),
            named + ":1: field 'annotator': no column named 'who' in the header (item, annotator, label)");
  EXPECT_EQ(read_error(named, "", "item=9,annotator=2,label=3"),
            named + ":1: field 'item': column 9 does not exist: rows have 3 fields");
}

TEST(LongCrowdFileBadInput, TruncatedGzipIsAnErrorNotAShorterFile) {  // probe W5, crowd side
  TempDir dir;
  std::string text = "item,annotator,label\n";
  for (int k = 0; k < 5000; ++k) text += "q" + std::to_string(k) + ",w" + std::to_string(k % 7) + "," + (k % 2 ? "pos" : "neg") + "\n";
  const std::string whole = (dir.path() / "whole.csv.gz").string();
  gzFile file = gzopen(whole.c_str(), "wb");
  gzwrite(file, text.data(), static_cast<unsigned>(text.size()));
  gzclose(file);
  std::ifstream in(whole, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string cut = dir.write("cut.csv.gz", bytes.substr(0, bytes.size() / 2));
  EXPECT_NE(read_error(cut).find(cut + ": gzip stream is truncated"), std::string::npos) << read_error(cut);
}

TEST(CrowdColumnsOption, ParsesRolesPairsAndRejectsMistakes) {
  const CrowdColumns columns = parse_crowd_columns("item=index,annotator=w1+w2,label=l1+l2,truth=clean");
  EXPECT_EQ(columns.item, "index");
  EXPECT_EQ(columns.annotators, (std::vector<std::string>{"w1", "w2"}));
  EXPECT_EQ(columns.labels, (std::vector<std::string>{"l1", "l2"}));
  EXPECT_EQ(columns.truth, "clean");
  EXPECT_THROW(parse_crowd_columns("item"), ConfigError);
  EXPECT_THROW(parse_crowd_columns("colour=3"), ConfigError);
  EXPECT_THROW(parse_crowd_columns("item=1,item=2"), ConfigError);
  EXPECT_THROW(parse_crowd_columns("annotator=a+b,label=c"), ConfigError);
}

}  // namespace
}  // namespace annotbench
