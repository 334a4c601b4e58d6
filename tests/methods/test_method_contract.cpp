// The contract every registered learning method (methods/registry.cpp) inherits without being named
// here: the same seed gives the same predictions bit for bit and another seed others; probabilities
// are finite, N x C, and their rows sum to 1; an annotator-performance estimate is empty or N x M in
// [0, 1]; an instance without labels and an annotator without labels are trained through; an unknown
// option is refused naming it; and a clean, separable problem is learnt well above chance. A method
// that takes binary data only (a ConfigError on three classes) is held to the same on two classes.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "datasets/input_error.h"
#include "methods/method.h"
#include "tests/support/synthetic_crowd.h"
#include "tests/support/test_names.h"

namespace annotbench {
namespace {

std::vector<std::string> method_names() {
  std::vector<std::string> names;
  for (const MethodInfo& info : registered_methods()) names.push_back(info.name);
  return names;
}

// Three reliable annotators with 5 % noise on well separated blobs, plus an annotator who labelled
// nothing, and one instance nobody labelled.
testing::SyntheticCrowd clean_crowd(int classes) {
  testing::SyntheticCrowdSpec spec;
  spec.train_size = 300;
  spec.test_size = 60;
  spec.num_classes = classes;
  spec.adversaries = 0;
  spec.few_label_fraction = 0.0;
  spec.reliable_noise = 0.05;
  testing::SyntheticCrowd crowd = testing::make_synthetic_crowd(spec);
  AnnotationMatrix with_silent(crowd.train.annotations.rows, crowd.train.annotations.cols + 1, kMissingLabel);
  for (std::size_t n = 0; n < with_silent.rows; ++n)
    for (std::size_t m = 0; m < crowd.train.annotations.cols; ++m)
      with_silent.at(n, m) = n == 0 ? kMissingLabel : crowd.train.annotations.at(n, m);
  crowd.train.annotations = with_silent;
  crowd.train.annotator_ids.push_back("silent");
  crowd.test.annotations = AnnotationMatrix(crowd.test.num_instances(), with_silent.cols, kMissingLabel);
  return crowd;
}

struct Fitted {
  FeatureMatrix probabilities;
  FeatureMatrix performance;
};

Fitted fit(const std::string& method, const testing::SyntheticCrowd& crowd, std::uint64_t seed, int epochs) {
  TrainingSettings settings;
  settings.epochs = epochs;
  settings.seed = seed;
  settings.hidden_widths = {32};
  std::unique_ptr<Method> model = make_method(method);
  model->fit(crowd.train, nullptr, settings);
  return {model->predict_proba(crowd.test.features), model->annotator_performance(crowd.test.features)};
}

class MethodContract : public ::testing::TestWithParam<std::string> {
 protected:
  // The three-class problem, or the two-class one for a method that refuses three classes.
  // Asked once per method: each of its tests would otherwise fit it once more to find out.
  static const testing::SyntheticCrowd& crowd_for(const std::string& method) {
    static const testing::SyntheticCrowd three = clean_crowd(3), two = clean_crowd(2);
    static std::map<std::string, const testing::SyntheticCrowd*> chosen;
    const auto found = chosen.find(method);
    if (found != chosen.end()) return *found->second;
    const testing::SyntheticCrowd* crowd = &three;
    try {
      fit(method, three, 1, 1);
    } catch (const ConfigError&) {
      crowd = &two;
    }
    chosen.emplace(method, crowd);
    return *crowd;
  }
};

TEST_P(MethodContract, SameSeedSamePredictionsBitForBitAnotherSeedOthers) {
  const testing::SyntheticCrowd& crowd = crowd_for(GetParam());
  const Fitted first = fit(GetParam(), crowd, 7, 2), again = fit(GetParam(), crowd, 7, 2), other = fit(GetParam(), crowd, 8, 2);
  EXPECT_EQ(first.probabilities.values, again.probabilities.values);
  EXPECT_EQ(first.performance.values, again.performance.values);
  EXPECT_NE(first.probabilities.values, other.probabilities.values);
}

TEST_P(MethodContract, ProbabilitiesAndAnnotatorEstimatesHaveTheirShapeAndRange) {
  const testing::SyntheticCrowd& crowd = crowd_for(GetParam());
  const Fitted fitted = fit(GetParam(), crowd, 3, 2);
  const std::size_t classes = static_cast<std::size_t>(crowd.train.num_classes());
  ASSERT_EQ(fitted.probabilities.rows, crowd.test.num_instances());
  ASSERT_EQ(fitted.probabilities.cols, classes);
  for (std::size_t n = 0; n < fitted.probabilities.rows; ++n) {
    double sum = 0.0;
    for (std::size_t c = 0; c < classes; ++c) {
      const float p = fitted.probabilities.at(n, c);
      ASSERT_TRUE(std::isfinite(p) && p >= 0.0f && p <= 1.0f) << "row " << n << " class " << c << ": " << p;
      sum += p;
    }
    EXPECT_NEAR(sum, 1.0, 1e-5) << "row " << n;
  }
  if (fitted.performance.empty()) return;  // a method that models no annotator
  ASSERT_EQ(fitted.performance.rows, crowd.test.num_instances());
  ASSERT_EQ(fitted.performance.cols, crowd.train.annotations.cols);
  for (const float value : fitted.performance.values)
    ASSERT_TRUE(std::isfinite(value) && value >= 0.0f && value <= 1.0f) << value;
}

TEST_P(MethodContract, AnUnknownOptionIsRefusedNamingIt) {
  try {
    make_method(GetParam(), {{"no_such_option", 1.0}});
    FAIL() << "an unknown option was accepted";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("no_such_option"), std::string::npos) << error.what();
  }
}

TEST_P(MethodContract, LearnsACleanSeparableProblemWellAboveChance) {
  const testing::SyntheticCrowd& crowd = crowd_for(GetParam());
  const Fitted fitted = fit(GetParam(), crowd, 5, 40);
  const double chance = 1.0 / crowd.train.num_classes();
  EXPECT_GE(testing::accuracy(fitted.probabilities, crowd.test.true_labels), chance + 0.5 * (1.0 - chance));
}

INSTANTIATE_TEST_SUITE_P(Registered, MethodContract, ::testing::ValuesIn(method_names()),
                         testing::registered_name);

}  // namespace
}  // namespace annotbench
