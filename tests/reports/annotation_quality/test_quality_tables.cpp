// The annotator and item tables of the annotation-quality report (reports/annotation_quality/), on
// a crowd small enough to count by hand, with the models' fits given as plain values.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "datasets/csv_reader.h"
#include "reports/annotation_quality/quality_page.h"
#include "reports/annotation_quality/quality_report.h"
#include "reports/annotation_quality/wilson_interval.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

// Items 0..3 (gold 0, 1, 0, 1), two classes. Annotator "good" labels every item right; "constant"
// says 0 to all; "rare" labelled item 3 once, wrongly.
//   item 0: good 0, constant 0          item 1: good 1, constant 0
//   item 2: good 0, constant 0          item 3: good 1, constant 0, rare 0
CrowdLabelTable small_crowd() {
  CrowdLabelTable table;
  table.name = "small";
  table.item_ids = {"i0", "i1", "i2", "i3"};
  table.annotator_ids = {"good", "constant", "rare"};
  table.class_names = {"no", "yes"};
  table.annotations.num_items = 4;
  table.annotations.num_annotators = 3;
  table.annotations.num_classes = 2;
  for (int item = 0; item < 4; ++item) {
    table.annotations.add(item, 0, item % 2);
    table.annotations.add(item, 1, 0);
  }
  table.annotations.add(3, 2, 0);
  table.truth = {0, 1, 0, 1};
  return table;
}

// A model with the given labels and posteriors; confusion as P(says y | true c) at [(m*C + y)*C + c].
ConsensusModel model(const std::string& name, std::vector<int> labels, const std::vector<double>& top_posterior,
                     std::vector<double> confusion = {}, std::vector<double> skill = {}) {
  ConsensusModel fit;
  fit.aggregator = name;
  fit.labels = labels;
  fit.posteriors = Matrix<double>(labels.size(), 2);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    fit.posteriors.at(i, static_cast<std::size_t>(labels[i])) = top_posterior[i];
    fit.posteriors.at(i, static_cast<std::size_t>(1 - labels[i])) = 1.0 - top_posterior[i];
  }
  fit.annotator_confusion = std::move(confusion);
  fit.annotator_skill = std::move(skill);
  fit.skill_meaning = "P(correct)";
  return fit;
}

std::vector<ConsensusModel> small_models() {
  // mv: ties (item 1 and 3: one 1, one 0 / one 1, two 0) -> item 1 drawn as 1, item 3 is 0.
  ConsensusModel majority = model("mv", {0, 1, 0, 0}, {1.0, 0.5, 1.0, 2.0 / 3.0});
  // ds: right everywhere; good is the identity, constant says 0 whatever the class, rare's one
  // label 0 on a class-1 item gives column c=1 all on y=0 and, never seen on class 0, column c=0 zero.
  const std::vector<double> confusion = {
      // good: (y=0|c=0), (y=0|c=1), (y=1|c=0), (y=1|c=1)
      1.0, 0.0, 0.0, 1.0,
      // constant
      1.0, 1.0, 0.0, 0.0,
      // rare
      0.0, 1.0, 0.0, 0.0};
  ConsensusModel dawid_skene = model("ds", {0, 1, 0, 1}, {0.99, 0.6, 0.99, 0.8}, confusion, {1.0, 0.5, 0.0});
  return {majority, dawid_skene};
}

TEST(WilsonInterval, ThreeOfFourAtNinetyFivePercent) {
  // p = 0.75, n = 4, z = 1.959964: centre (p + z^2/2n) / (1 + z^2/n) = 1.230182 / 1.960365 = 0.627521,
  // half width z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/4n^2) = 0.999792 * 0.326953 = 0.326885.
  const ProportionInterval interval = wilson_interval(3, 4);
  EXPECT_NEAR(interval.low, 0.300636, 1e-5);
  EXPECT_NEAR(interval.high, 0.954406, 1e-5);
}

TEST(WilsonInterval, StaysInsideTheUnitIntervalAtTheEdges) {
  const ProportionInterval none_right = wilson_interval(0, 5);
  EXPECT_EQ(none_right.low, 0.0);  // exactly: a CSV must not say 1.38778e-17
  EXPECT_GT(none_right.high, 0.0);
  const ProportionInterval all_right = wilson_interval(5, 5);
  EXPECT_EQ(all_right.high, 1.0);
  EXPECT_LT(all_right.low, 1.0);
  EXPECT_THROW(wilson_interval(3, 2), std::invalid_argument);
}

TEST(AnnotatorQuality, CountsAgreementGoldAndSpammerScoreByHand) {
  const AnnotatorQualityTable table = annotator_quality(small_crowd(), small_models(), 2);
  ASSERT_EQ(table.rows.size(), 3u);
  // constant (4 labels, spammer score 0) before good (4 labels, 1); rare (1 label < 2) last.
  EXPECT_EQ(table.rows[0].id, "constant");
  EXPECT_EQ(table.rows[1].id, "good");
  EXPECT_EQ(table.rows[2].id, "rare");
  const AnnotatorQuality& constant = table.rows[0];
  EXPECT_EQ(constant.labels, 4u);
  EXPECT_DOUBLE_EQ(constant.spammer_score, 0.0);
  EXPECT_DOUBLE_EQ(constant.agreement_with_mv, 0.75);  // mv says 0 on items 0, 2, 3
  EXPECT_DOUBLE_EQ(constant.agreement_with_ds, 0.5);   // ds says 0 on items 0, 2
  EXPECT_EQ(constant.gold_labels, 4u);
  EXPECT_EQ(constant.gold_correct, 2u);
  EXPECT_DOUBLE_EQ(constant.gold_accuracy, 0.5);
  const ProportionInterval interval = wilson_interval(2, 4);
  EXPECT_DOUBLE_EQ(constant.gold_low, interval.low);
  EXPECT_DOUBLE_EQ(constant.gold_high, interval.high);
  const AnnotatorQuality& good = table.rows[1];
  EXPECT_DOUBLE_EQ(good.spammer_score, 1.0);
  EXPECT_DOUBLE_EQ(good.agreement_with_mv, 0.75);  // mv's item 3 is 0, good said 1
  EXPECT_DOUBLE_EQ(good.agreement_with_ds, 1.0);
  EXPECT_DOUBLE_EQ(good.gold_accuracy, 1.0);
  ASSERT_EQ(table.skill_columns, std::vector<std::string>{"ds P(correct)"});
  EXPECT_EQ(good.skills, std::vector<double>{1.0});
}

TEST(AnnotatorQuality, RefusesModelsThatAreMissingOrOfAnotherShape) {
  std::vector<ConsensusModel> models = small_models();
  EXPECT_THROW(annotator_quality(small_crowd(), {models[0]}), std::invalid_argument);
  models[1].annotator_confusion.pop_back();
  EXPECT_THROW(annotator_quality(small_crowd(), models), std::invalid_argument);
}

TEST(ItemQuality, EntropyPosteriorAndTheRelabellingOrder) {
  const std::vector<ItemQuality> items = item_quality(small_crowd(), small_models());
  ASSERT_EQ(items.size(), 4u);
  // Priorities 1 - posterior: i0 0.01, i1 0.4, i2 0.01, i3 0.2 -> i1, i3, then i0 and i2 (2 labels
  // each: file order).
  EXPECT_EQ(items[0].id, "i1");
  EXPECT_EQ(items[1].id, "i3");
  EXPECT_EQ(items[2].id, "i0");
  EXPECT_EQ(items[3].id, "i2");
  EXPECT_NEAR(items[0].relabel_priority, 0.4, 1e-12);
  EXPECT_DOUBLE_EQ(items[0].label_entropy, 1.0);  // one 0, one 1
  // i3: 0, 0, 1 -> -(2/3 log2 2/3 + 1/3 log2 1/3) = 0.918296
  EXPECT_NEAR(items[1].label_entropy, 0.9182958, 1e-6);
  EXPECT_EQ(items[1].labels, 3u);
  EXPECT_EQ(items[1].consensus, 1);
  EXPECT_EQ(items[1].majority, 0);
  EXPECT_EQ(items[1].gold, 1);
  EXPECT_DOUBLE_EQ(items[2].label_entropy, 0.0);
}

TEST(QualityReport, ClassAgreementIsTheMatchedShareOfEachClassesLabels) {
  // Pairable values per item (Krippendorff's coincidences, o_ck = sum over items of pairs / (m - 1)):
  //   i0: 0,0 -> o00 += 2;  i1: 1,0 -> o01 += 1, o10 += 1;  i2: 0,0 -> o00 += 2;
  //   i3: 1,0,0 -> o00 += 2/2, o01 += 2/2, o10 += 2/2.
  // Class 0: o00 = 5, n0 = o00 + o01 = 7 -> 5/7. Class 1: o11 = 0 -> 0.
  const AnnotationQualityReport report = annotation_quality_report(small_crowd(), small_models());
  ASSERT_EQ(report.agreement.class_agreement.size(), 2u);
  EXPECT_NEAR(report.agreement.class_agreement[0], 5.0 / 7.0, 1e-12);
  EXPECT_NEAR(report.agreement.class_agreement[1], 0.0, 1e-12);
  EXPECT_EQ(report.gold_items, 4u);
  EXPECT_DOUBLE_EQ(report.gold_accuracy[0], 0.75);  // mv wrong on item 3
  EXPECT_DOUBLE_EQ(report.gold_accuracy[1], 1.0);
  const std::string summary = format_quality_summary(report);
  EXPECT_NE(summary.find("constant"), std::string::npos) << summary;
  EXPECT_NE(summary.find("Krippendorff's alpha (nominal)"), std::string::npos) << summary;
}

TEST(QualityPage, WritesTablesThatReadBackAndAPageWithItsPictures) {
  const testing::TempDir dir;
  const AnnotationQualityReport report = annotation_quality_report(small_crowd(), small_models());
  const std::string out = (dir.path() / "quality").string();
  const std::vector<std::string> written = write_quality_report(report, out);
  EXPECT_EQ(written.size(), 8u);
  CsvReader annotators(out + "/annotators.csv");
  std::vector<std::string> fields;
  ASSERT_TRUE(annotators.next(fields));
  EXPECT_EQ(fields[0], "annotator");
  ASSERT_TRUE(annotators.next(fields));
  EXPECT_EQ(fields[0], "constant");
  EXPECT_EQ(fields[2], "0");
  std::size_t item_rows = 0;
  CsvReader items(out + "/items.csv");
  while (items.next(fields)) ++item_rows;
  EXPECT_EQ(item_rows, 5u);  // header and four items
  std::ifstream page(out + "/report.html");
  std::stringstream html;
  html << page.rdbuf();
  std::size_t svgs = 0;
  for (std::size_t at = html.str().find("<svg"); at != std::string::npos; at = html.str().find("<svg", at + 1)) ++svgs;
  EXPECT_EQ(svgs, 3u);
}

}  // namespace
}  // namespace annotbench
