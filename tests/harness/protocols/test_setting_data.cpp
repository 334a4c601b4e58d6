// What a learning setting's SettingData does (issue 24): annotators described by features in place
// of one-hot codes, and the cold start's held-out annotators, who never give a training label.

#include <algorithm>

#include <gtest/gtest.h>

#include "datasets/input_error.h"
#include "harness/grid/config.h"
#include "harness/protocols/learning/learning.h"
#include "harness/protocols/learning/setting_data.h"
#include "methods/method.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

// One learning cell of `method` on iris with `annotators` uniform annotators at rate 0.3 and the
// setting fields in `extra`.
ExperimentCell iris_cell(const nlohmann::json& extra, const std::string& method = "annot-mix",
                         const nlohmann::json& simulator = nullptr) {
  nlohmann::json setting = {{"dataset", "iris"},
                            {"simulator", simulator.is_null()
                                              ? nlohmann::json{{"kind", "uniform"}, {"annotators", 6}, {"rates", {0.3}}}
                                              : simulator}};
  if (extra.is_object()) setting.update(extra);  // {} arrives as null
  const nlohmann::json config = {{"name", "t"}, {"epochs", 3}, {"datasets", {setting}}, {"methods", {method}}};
  ExperimentConfig experiment = parse_experiment_config(config, "c.json");
  resolve_data_files(experiment.cells, "");
  return experiment.cells.front();
}

std::size_t labels_of(const AnnotationMatrix& annotations, std::size_t m) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < annotations.rows; ++i) count += annotations.at(i, m) != kMissingLabel;
  return count;
}

TEST(ColdStart, AHeldOutAnnotatorNeverContributesATrainingLabel) {
  const ExperimentCell cell = iris_cell({{"held_out_annotators", 0.34}});
  const auto prepared = prepare_learning_setting(cell, "");
  // round(0.34 * 6) = 2 of the 6.
  ASSERT_EQ(prepared->unseen_annotators.size(), 2u);
  const auto everyone = prepare_learning_setting(iris_cell({}), "");
  for (std::size_t m = 0; m < 6; ++m) {
    const bool unseen = std::count(prepared->unseen_annotators.begin(), prepared->unseen_annotators.end(), m) == 1;
    EXPECT_EQ(labels_of(prepared->data.train.annotations, m) == 0, unseen) << "annotator " << m;
    EXPECT_EQ(labels_of(prepared->data.valid.annotations, m) == 0, unseen) << "annotator " << m;
    // The test split keeps every label, the held-out annotators' included.
    EXPECT_EQ(labels_of(prepared->data.test.annotations, m), labels_of(everyone->data.test.annotations, m));
    EXPECT_GT(labels_of(prepared->data.test.annotations, m), 0u);
  }
  // Every annotator labels every instance here, so no training instance is left without a label.
  EXPECT_EQ(prepared->data.train.num_instances(), everyone->data.train.num_instances());
}

TEST(ColdStart, InstancesLabelledOnlyByHeldOutAnnotatorsLeaveTheTrainingSplit) {
  PreparedData data;
  data.train.features = FeatureMatrix(3, 1);
  data.train.features.values = {0.0F, 1.0F, 2.0F};
  data.train.true_labels = {0, 1, 0};
  data.train.class_names = {"a", "b"};
  data.train.annotator_ids = {"x", "y"};
  data.train.annotations = AnnotationMatrix(3, 2, kMissingLabel);
  data.train.annotations.at(0, 0) = 0;  // only x, who is held out
  data.train.annotations.at(1, 1) = 1;
  data.train.annotations.at(2, 0) = 0;
  data.train.annotations.at(2, 1) = 1;
  data.split.train = {10, 11, 12};
  withhold_annotators(data, {0});
  ASSERT_EQ(data.train.num_instances(), 2u);
  EXPECT_EQ(data.split.train, (std::vector<std::size_t>{11, 12}));
  EXPECT_EQ(data.train.features.values, (std::vector<float>{1.0F, 2.0F}));
  EXPECT_EQ(labels_of(data.train.annotations, 0), 0u);
  EXPECT_EQ(labels_of(data.train.annotations, 1), 2u);
}

TEST(ColdStart, RowsScoreTheUnseenAnnotatorsApart) {
  const ExperimentCell cell = iris_cell({{"held_out_annotators", 0.5}});
  const auto prepared = prepare_learning_setting(cell, "");
  const nlohmann::json row = run_learning_cell(cell, *prepared);
  const nlohmann::json& metrics = row.at("metrics");
  for (const char* name : {"test_ap_auroc", "test_ap_auroc_unseen", "test_ap_auroc_seen", "test_ap_aupr_unseen"})
    EXPECT_TRUE(metrics.contains(name)) << name;
  EXPECT_EQ(row.at("setting_data").at("unseen_annotators"), 3);
  EXPECT_EQ(row.at("setting_data").at("held_out_annotators"), 0.5);
}

TEST(ColdStart, HeldOutIndicesAreAtLeastOneAndNeverAll) {
  EXPECT_EQ(held_out_annotator_indices(10, 0.01, 3).size(), 1u);
  EXPECT_EQ(held_out_annotator_indices(10, 0.99, 3).size(), 9u);
  EXPECT_EQ(held_out_annotator_indices(10, 0.3, 3), held_out_annotator_indices(10, 0.3, 3));
  EXPECT_THROW(held_out_annotator_indices(1, 0.5, 3), ConfigError);
}

// The one-hot matrix as annotator features is what methods use when a data set has none: annot-mix
// and madl trained on either give the same numbers, bit for bit.
TEST(AnnotatorFeatures, TheOneHotMatrixReproducesTheDefaultBitForBit) {
  const testing::TempDir dir;
  std::string file = "annotator";
  for (int m = 0; m < 6; ++m) file += ",code_" + std::to_string(m);
  for (int m = 0; m < 6; ++m) {
    file += "\nsim-0" + std::to_string(m + 1);
    for (int k = 0; k < 6; ++k) file += k == m ? ",1" : ",0";
  }
  const std::string path = dir.write("one-hot.csv", file + "\n");
  for (const std::string method : {"annot-mix", "madl"}) {
    const ExperimentCell plain = iris_cell({}, method);
    const ExperimentCell coded = iris_cell({{"annotator_features", path}}, method);
    const auto plain_data = prepare_learning_setting(plain, "");
    const auto coded_data = prepare_learning_setting(coded, "");
    ASSERT_TRUE(plain_data->data.train.annotator_features.empty());
    ASSERT_EQ(coded_data->data.train.annotator_features.rows, 6u);
    ASSERT_EQ(coded_data->data.train.annotator_features.cols, 6u);
    const nlohmann::json plain_row = run_learning_cell(plain, *plain_data);
    const nlohmann::json coded_row = run_learning_cell(coded, *coded_data);
    for (const char* name : {"test_accuracy", "test_log_loss", "test_ap_auroc", "train_annotator_performance_mae"})
      EXPECT_EQ(plain_row.at("metrics").at(name).get<double>(), coded_row.at("metrics").at(name).get<double>())
          << method << " " << name;
    // And the outputs themselves.
    std::unique_ptr<Method> a = make_method(method), b = make_method(method);
    a->fit(plain_data->data.train, nullptr, plain.training);
    b->fit(coded_data->data.train, nullptr, coded.training);
    EXPECT_EQ(a->predict_proba(plain_data->data.test.features).values,
              b->predict_proba(coded_data->data.test.features).values) << method;
    EXPECT_EQ(a->annotator_performance(plain_data->data.test.features).values,
              b->annotator_performance(coded_data->data.test.features).values) << method;
  }
}

TEST(AnnotatorFeatures, AFeatureFileOfTheWrongShapeIsAnErrorNamingIt) {
  const testing::TempDir dir;
  const std::string path = dir.write("features.csv", "annotator,f1\nsim-01,1\nsim-02,1\n");  // 2 of 6
  try {
    prepare_learning_setting(iris_cell({{"annotator_features", path}}), "");
    FAIL() << "accepted a file describing 2 of 6 annotators";
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), path);
    EXPECT_NE(std::string(error.what()).find("describes 2 of the data set's 6 annotators"), std::string::npos)
        << error.what();
  }
}

TEST(AnnotatorFeatures, TheSimulatorsFeaturesReachTheTrainingData) {
  const nlohmann::json madl = {{"kind", "madl-sets"}, {"annotators", 10}};
  const auto prepared = prepare_learning_setting(iris_cell({{"annotator_features", "simulator"}}, "annot-mix", madl), "");
  EXPECT_EQ(prepared->data.train.annotator_features.rows, 10u);
  EXPECT_EQ(prepared->data.train.annotator_features.cols, 5u);  // one-hot type, with noise
  // A simulator that describes no annotator is refused at config load, naming the setting's field.
  try {
    iris_cell({{"annotator_features", "simulator"}});
    FAIL() << "uniform annotators have no features";
  } catch (const InputError& error) {
    EXPECT_EQ(error.field(), "datasets[0].annotator_features");
    EXPECT_NE(std::string(error.what()).find("simulator 'uniform' gives no annotator features"), std::string::npos);
  }
}

TEST(SettingData, ChangesTheIdentityOnlyWhenSet) {
  const ExperimentCell plain = iris_cell({});
  EXPECT_EQ(cell_id(plain), cell_id(iris_cell({{"annotator_features", "one-hot"}})));
  EXPECT_NE(cell_id(plain), cell_id(iris_cell({{"held_out_annotators", 0.2}})));
  EXPECT_NE(cell_id(plain), cell_id(iris_cell({{"subsample", 100}})));
}

TEST(SettingData, SubsampleKeepsEveryClassInProportion) {
  const auto prepared = prepare_learning_setting(iris_cell({{"subsample", 60}}), "");
  const PreparedData& data = prepared->data;
  EXPECT_EQ(data.train.num_instances() + data.valid.num_instances() + data.test.num_instances(), 60u);
  std::vector<int> per_class(3, 0);
  for (const Dataset* part : {&data.train, &data.valid, &data.test})
    for (const int label : part->true_labels) ++per_class[static_cast<std::size_t>(label)];
  EXPECT_EQ(per_class, (std::vector<int>{20, 20, 20}));  // iris: 50 of each class
}

}  // namespace
}  // namespace annotbench
