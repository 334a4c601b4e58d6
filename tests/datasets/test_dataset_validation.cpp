// Dataset::validate rejects broken invariants with the instance (1-based) and field named.

#include <limits>

#include <gtest/gtest.h>

#include "datasets/dataset.h"
#include "datasets/input_error.h"

namespace annotbench {
namespace {

Dataset two_by_two() {
  Dataset dataset;
  dataset.name = "toy";
  dataset.source = "toy.csv";
  dataset.class_names = {"a", "b", "c"};
  dataset.features = FeatureMatrix(2, 1);
  dataset.annotations = AnnotationMatrix(2, 2);
  dataset.annotations.values = {0, 1, 2, kMissingLabel};
  dataset.annotator_ids = {"w1", "w2"};
  return dataset;
}

std::string validation_error(const Dataset& dataset) {
  try {
    dataset.validate();
  } catch (const InputError& error) {
    return error.what();
  }
  return "valid";
}

TEST(DatasetValidation, AcceptsAWellFormedSet) { EXPECT_EQ(validation_error(two_by_two()), "valid"); }

TEST(DatasetValidation, LabelOutsideTheClassList) {
  Dataset dataset = two_by_two();
  dataset.annotations.at(1, 0) = 3;
  EXPECT_EQ(validation_error(dataset), "toy.csv:2: field 'annotator w1': class index 3 outside 0..2");
}

TEST(DatasetValidation, InstanceWithoutAnyLabel) {
  Dataset dataset = two_by_two();
  dataset.annotations.at(1, 0) = kMissingLabel;
  dataset.annotations.at(0, 1) = 1;
  EXPECT_EQ(validation_error(dataset), "toy.csv:2: field 'annotations': instance has no label from any annotator");
}

TEST(DatasetValidation, AnnotatorWithoutAnyLabel) {
  Dataset dataset = two_by_two();
  dataset.annotations.values = {0, kMissingLabel, 2, kMissingLabel};
  EXPECT_EQ(validation_error(dataset), "toy.csv: field 'annotator w2': gave no label at all");
}

TEST(DatasetValidation, TrueLabelOutOfRangeAndNonFiniteFeature) {
  Dataset dataset = two_by_two();
  dataset.true_labels = {0, 5};
  EXPECT_EQ(validation_error(dataset), "toy.csv:2: field 'true_label': class index 5 outside 0..2");
  dataset.true_labels = {0, 1};
  dataset.features.at(0, 0) = std::numeric_limits<float>::infinity();
  // probe U1: no line (row i of a .npy or of a table with a header is not line i), counted from 1
  EXPECT_EQ(validation_error(dataset), "toy.csv: field 'features': instance 1, feature 1: not a finite number");
}

TEST(DatasetValidation, SelectInstancesKeepsRowsTogether) {
  Dataset dataset = two_by_two();
  dataset.true_labels = {1, 2};
  dataset.features.values = {0.5f, 1.5f};
  const Dataset picked = select_instances(dataset, {1});
  ASSERT_EQ(picked.num_instances(), 1u);
  EXPECT_FLOAT_EQ(picked.features.at(0, 0), 1.5f);
  EXPECT_EQ(picked.annotations.at(0, 0), 2);
  EXPECT_EQ(picked.true_labels[0], 2);
}

}  // namespace
}  // namespace annotbench
