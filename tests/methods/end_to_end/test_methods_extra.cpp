// The losses of GeoCrowdNet (F, W), CoNAL, UnionNet (A, B) and CrowdAR on a hand-made batch: three
// instances, two annotators, three classes, fixed logits and fixed confusion/transition parameters.
// Each expected value is computed here, in plain doubles, straight from the paper's formula.
// Then: learning on two synthetic crowds against the majority-vote and ground-truth bounds, and
// bit-identical predictions from the same seed.

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "datasets/random.h"
#include "methods/nn/baseline_losses.h"
#include "methods/method.h"
#include "methods/nn/multi_annotator.h"
#include "tests/support/synthetic_crowd.h"

namespace annotbench {
namespace {

constexpr int kInstances = 3, kAnnotators = 2, kClasses = 3;
using Row = std::array<double, kClasses>;
using Square = std::array<Row, kClasses>;

// Instance 0 is labelled by both annotators, 1 only by annotator 0, 2 only by annotator 1.
const int kLabels[kInstances][kAnnotators] = {{0, 2}, {1, -1}, {-1, 2}};
const Row kClassLogits[kInstances] = {{1.0, 0.5, -0.5}, {0.2, -0.3, 0.8}, {-1.0, 0.4, 0.1}};
const Square kConfusionLogits[kAnnotators] = {
    Square{Row{1.5, 0.2, -0.3}, Row{0.1, 1.0, 0.4}, Row{-0.2, 0.3, 0.9}},
    Square{Row{0.0, 0.7, 1.2}, Row{0.5, -0.4, 0.3}, Row{1.1, 0.2, -0.6}},
};

Row softmax(const Row& logits) {
  Row out{};
  double total = 0;
  for (int k = 0; k < kClasses; ++k) total += std::exp(logits[k]);
  for (int k = 0; k < kClasses; ++k) out[k] = std::exp(logits[k]) / total;
  return out;
}

double det3(const Square& a) {
  return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
         a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
}

torch::Tensor annotations_tensor() {
  std::vector<int64_t> values;
  for (const auto& row : kLabels) values.insert(values.end(), row, row + kAnnotators);
  return torch::tensor(values, torch::kInt64).reshape({kInstances, kAnnotators});
}

torch::Tensor rows_tensor(const Row* rows, int count) {
  std::vector<float> values;
  for (int r = 0; r < count; ++r) values.insert(values.end(), rows[r].begin(), rows[r].end());
  return torch::tensor(values).reshape({count, kClasses});
}

torch::Tensor squares_tensor(const Square* squares, int count) {
  std::vector<float> values;
  for (int s = 0; s < count; ++s)
    for (const Row& row : squares[s]) values.insert(values.end(), row.begin(), row.end());
  return torch::tensor(values).reshape({count, kClasses, kClasses});
}

double value(const torch::Tensor& scalar) { return scalar.item<double>(); }

int labelled_pair_count() {
  int count = 0;
  for (const auto& row : kLabels)
    for (int m = 0; m < kAnnotators; ++m) count += row[m] >= 0;
  return count;
}

// Coupled cross-entropy of Ibrahim et al., Eq. (5): mean over labelled (n, m) of
// -log sum_c p(c|x_n) A_m[c, z_nm], A_m row-softmax of the confusion logits.
double coupled_cross_entropy() {
  double total = 0;
  for (int n = 0; n < kInstances; ++n) {
    const Row p = softmax(kClassLogits[n]);
    for (int m = 0; m < kAnnotators; ++m) {
      if (kLabels[n][m] < 0) continue;
      double likelihood = 0;
      for (int c = 0; c < kClasses; ++c) likelihood += p[c] * softmax(kConfusionLogits[m][c])[kLabels[n][m]];
      total -= std::log(likelihood);
    }
  }
  return total / labelled_pair_count();
}

TEST(GeoCrowdNetLoss, GeoRegFAddsMinusLogDetOfOutputGramMatrix) {
  // Eq. (8): -log det(F^T F), F = the batch's class probabilities (B x C).
  Square gram{};
  for (int n = 0; n < kInstances; ++n) {
    const Row p = softmax(kClassLogits[n]);
    for (int c = 0; c < kClasses; ++c)
      for (int d = 0; d < kClasses; ++d) gram[c][d] += p[c] * p[d];
  }
  const double lambda = 0.1;
  const double expected = coupled_cross_entropy() + lambda * -std::log(det3(gram));
  ASSERT_LT(-std::log(det3(gram)), 100.0);  // inside the range where the reference keeps the term
  const double loss = value(geo_crowd_net_loss(labelled_pairs(annotations_tensor()), rows_tensor(kClassLogits, kInstances),
                                               squares_tensor(kConfusionLogits, kAnnotators), lambda,
                                               GeoRegularizer::kOutputs));
  EXPECT_NEAR(loss, expected, 1e-5);
}

TEST(GeoCrowdNetLoss, GeoRegWAddsMinusLogDetOfStackedConfusionGramMatrix) {
  // Eq. (9): -log det(W^T W), W = [A_1; ...; A_M] with A_m[k, c] = p(annotator m says k | class c),
  // so (W^T W)[c, d] = sum_m sum_k A_m[c -> k] A_m[d -> k].
  Square gram{};
  for (int m = 0; m < kAnnotators; ++m)
    for (int c = 0; c < kClasses; ++c)
      for (int d = 0; d < kClasses; ++d) {
        const Row row_c = softmax(kConfusionLogits[m][c]), row_d = softmax(kConfusionLogits[m][d]);
        for (int k = 0; k < kClasses; ++k) gram[c][d] += row_c[k] * row_d[k];
      }
  const double lambda = 0.1;
  const double expected = coupled_cross_entropy() + lambda * -std::log(det3(gram));
  const double loss = value(geo_crowd_net_loss(labelled_pairs(annotations_tensor()), rows_tensor(kClassLogits, kInstances),
                                               squares_tensor(kConfusionLogits, kAnnotators), lambda,
                                               GeoRegularizer::kConfusions));
  EXPECT_NEAR(loss, expected, 1e-5);
}

TEST(GeoCrowdNetLoss, GeoRegFDropsTheTermWhenTheBatchHasFewerInstancesThanClasses) {
  // Two instances cannot span three classes: F^T F is singular, log det = -inf, and the reference
  // code skips the regulariser, leaving the coupled cross-entropy of those two instances.
  const torch::Tensor annotations = annotations_tensor().slice(0, 0, 2);
  double total = 0;
  int pairs = 0;
  for (int n = 0; n < 2; ++n) {
    const Row p = softmax(kClassLogits[n]);
    for (int m = 0; m < kAnnotators; ++m) {
      if (kLabels[n][m] < 0) continue;
      double likelihood = 0;
      for (int c = 0; c < kClasses; ++c) likelihood += p[c] * softmax(kConfusionLogits[m][c])[kLabels[n][m]];
      total -= std::log(likelihood);
      ++pairs;
    }
  }
  const double loss = value(geo_crowd_net_loss(labelled_pairs(annotations), rows_tensor(kClassLogits, 2),
                                               squares_tensor(kConfusionLogits, kAnnotators), 0.1,
                                               GeoRegularizer::kOutputs));
  EXPECT_NEAR(loss, total / pairs, 1e-5);
}

TEST(ConalLoss, MixesCommonAndIndividualLayersAndRewardsTheirDistance) {
  // Eq. (1): logits_nm = w_nm p_n^T W_c + (1 - w_nm) p_n^T W_m; loss = mean CE over labelled pairs
  // - lambda sum_m ||W_m - W_c||_F.
  const Square common{Row{2.0, 0.1, -0.2}, Row{0.3, 1.8, 0.0}, Row{-0.1, 0.2, 2.2}};
  const double weights[kInstances][kAnnotators] = {{0.3, 0.8}, {0.6, 0.1}, {0.5, 0.5}};
  const double lambda = 0.05;
  double cross_entropy = 0;
  for (int n = 0; n < kInstances; ++n) {
    const Row p = softmax(kClassLogits[n]);
    for (int m = 0; m < kAnnotators; ++m) {
      if (kLabels[n][m] < 0) continue;
      Row logits{};
      for (int k = 0; k < kClasses; ++k)
        for (int c = 0; c < kClasses; ++c)
          logits[k] += p[c] * (weights[n][m] * common[c][k] + (1 - weights[n][m]) * kConfusionLogits[m][c][k]);
      cross_entropy -= std::log(softmax(logits)[kLabels[n][m]]);
    }
  }
  double distances = 0;
  for (int m = 0; m < kAnnotators; ++m) {
    double squared = 0;
    for (int c = 0; c < kClasses; ++c)
      for (int k = 0; k < kClasses; ++k) squared += std::pow(kConfusionLogits[m][c][k] - common[c][k], 2);
    distances += std::sqrt(squared);
  }
  const double expected = cross_entropy / labelled_pair_count() - lambda * distances;

  const torch::Tensor individual = squares_tensor(kConfusionLogits, kAnnotators);
  const torch::Tensor common_tensor = squares_tensor(&common, 1).squeeze(0);
  const torch::Tensor mixing = torch::tensor({0.3f, 0.8f, 0.6f, 0.1f, 0.5f, 0.5f}).reshape({kInstances, kAnnotators});
  const torch::Tensor logits = conal_annotation_logits(
      torch::softmax(rows_tensor(kClassLogits, kInstances), -1), mixing, common_tensor, individual);
  EXPECT_NEAR(value(conal_loss(annotations_tensor(), logits, individual, common_tensor, lambda)), expected, 1e-5);
}

// A fixed transition T ((M*C) x C): row m*C + k = "annotator m says k", column = true class.
const Row kTransitionLogits[kAnnotators * kClasses] = {
    {1.2, 0.1, -0.4}, {0.0, 0.9, 0.3}, {-0.5, 0.2, 1.1}, {0.4, 0.6, -0.1}, {0.8, -0.2, 0.5}, {0.1, 1.3, 0.2},
};

double union_loss(const std::vector<std::array<double, kAnnotators * kClasses>>& union_probabilities) {
  // Eq. (6): -(1/B) sum_n sum_{m labelled} log p_union[n, m*C + z_nm].
  double total = 0;
  for (int n = 0; n < kInstances; ++n)
    for (int m = 0; m < kAnnotators; ++m)
      if (kLabels[n][m] >= 0) total -= std::log(union_probabilities[n][m * kClasses + kLabels[n][m]]);
  return total / kInstances;
}

TEST(UnionNetLoss, VariantASoftmaxesTheTransitionOfTheProbabilities) {
  std::vector<std::array<double, kAnnotators * kClasses>> probabilities(kInstances);
  for (int n = 0; n < kInstances; ++n) {
    const Row p = softmax(kClassLogits[n]);
    double total = 0;
    for (int j = 0; j < kAnnotators * kClasses; ++j) {
      double logit = 0;
      for (int c = 0; c < kClasses; ++c) logit += kTransitionLogits[j][c] * p[c];
      probabilities[n][j] = std::exp(logit);
      total += probabilities[n][j];
    }
    for (double& entry : probabilities[n]) entry /= total;
  }
  const torch::Tensor union_probabilities = union_probabilities_a(
      torch::softmax(rows_tensor(kClassLogits, kInstances), -1),
      rows_tensor(kTransitionLogits, kAnnotators * kClasses));
  EXPECT_NEAR(value(union_net_loss(labelled_pairs(annotations_tensor()), union_probabilities, kAnnotators)), union_loss(probabilities), 1e-5);
}

TEST(UnionNetLoss, VariantBMixesColumnNormalisedTransitions) {
  // T_norm[j, c] = exp(T[j, c]) / sum_j' exp(T[j', c]); p_union[j] = sum_c T_norm[j, c] p_c.
  std::vector<std::array<double, kAnnotators * kClasses>> probabilities(kInstances);
  Row column_totals{};
  for (const Row& row : kTransitionLogits)
    for (int c = 0; c < kClasses; ++c) column_totals[c] += std::exp(row[c]);
  for (int n = 0; n < kInstances; ++n) {
    const Row p = softmax(kClassLogits[n]);
    for (int j = 0; j < kAnnotators * kClasses; ++j) {
      probabilities[n][j] = 0;
      for (int c = 0; c < kClasses; ++c)
        probabilities[n][j] += std::exp(kTransitionLogits[j][c]) / column_totals[c] * p[c];
    }
  }
  const torch::Tensor union_probabilities = union_probabilities_b(
      torch::softmax(rows_tensor(kClassLogits, kInstances), -1),
      rows_tensor(kTransitionLogits, kAnnotators * kClasses));
  EXPECT_NEAR(union_probabilities.sum().item<double>(), kInstances, 1e-5);  // a distribution per instance
  EXPECT_NEAR(value(union_net_loss(labelled_pairs(annotations_tensor()), union_probabilities, kAnnotators)), union_loss(probabilities), 1e-5);
}

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }

TEST(CrowdArLoss, ReliabilityOfEquationTwo) {
  // r_nm = sigmoid(sum_c w3_c (sigmoid(e_mc) - d_nc) q_nc + b3).
  const Row difficulty[kInstances] = {{0.2, 0.7, 0.5}, {0.9, 0.1, 0.4}, {0.3, 0.3, 0.8}};
  const Row expertise[kAnnotators] = {{0.5, -1.0, 2.0}, {-0.3, 0.8, 0.0}};
  const Row w3 = {0.7, 1.5, 0.2};
  const double b3 = -0.1;
  const torch::Tensor reliabilities = crowd_ar_reliability(
      rows_tensor(difficulty, kInstances), rows_tensor(expertise, kAnnotators),
      torch::softmax(rows_tensor(kClassLogits, kInstances), -1), rows_tensor(&w3, 1), torch::tensor({-0.1f}));
  ASSERT_EQ(reliabilities.sizes(), (torch::IntArrayRef{kInstances, kAnnotators}));
  for (int n = 0; n < kInstances; ++n) {
    const Row q = softmax(kClassLogits[n]);
    for (int m = 0; m < kAnnotators; ++m) {
      double activation = b3;
      for (int c = 0; c < kClasses; ++c) activation += w3[c] * (sigmoid(expertise[m][c]) - difficulty[n][c]) * q[c];
      EXPECT_NEAR(reliabilities[n][m].item<double>(), sigmoid(activation), 1e-6) << "n=" << n << " m=" << m;
    }
  }
}

TEST(CrowdArLoss, ReliabilitySoftenedAnnotationLossPlusReliabilityCrossEntropy) {
  // Eq. (3) target t = r onehot(z) + (1 - r)/C; Eq. (5) with the authors' normalisation by the number
  // L of labels: (lambda sum -t . log softmax(p^T W_m) + (1 - lambda) sum BCE(r, [argmax p == z])) / L.
  const double reliabilities[kInstances][kAnnotators] = {{0.9, 0.2}, {0.6, 0.5}, {0.5, 0.35}};
  const double lambda = 0.9;
  double annotation_term = 0, reliability_term = 0;
  for (int n = 0; n < kInstances; ++n) {
    const Row p = softmax(kClassLogits[n]);
    const int predicted = static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
    for (int m = 0; m < kAnnotators; ++m) {
      const int z = kLabels[n][m];
      if (z < 0) continue;
      const double r = reliabilities[n][m];
      Row logits{};
      for (int k = 0; k < kClasses; ++k)
        for (int c = 0; c < kClasses; ++c) logits[k] += p[c] * kConfusionLogits[m][c][k];
      const Row annotation = softmax(logits);
      for (int k = 0; k < kClasses; ++k)
        annotation_term -= (r * (k == z) + (1 - r) / kClasses) * std::log(annotation[k]);
      reliability_term -= predicted == z ? std::log(r) : std::log(1 - r);
    }
  }
  const double expected = (lambda * annotation_term + (1 - lambda) * reliability_term) / labelled_pair_count();

  const torch::Tensor class_probabilities = torch::softmax(rows_tensor(kClassLogits, kInstances), -1);
  const torch::Tensor annotation_logits =
      torch::einsum("bk,mkl->bml", {class_probabilities, squares_tensor(kConfusionLogits, kAnnotators)});
  const torch::Tensor reliability_tensor =
      torch::tensor({0.9f, 0.2f, 0.6f, 0.5f, 0.5f, 0.35f}).reshape({kInstances, kAnnotators});
  EXPECT_NEAR(value(crowd_ar_loss(annotations_tensor(), class_probabilities, annotation_logits, reliability_tensor,
                                  lambda)),
              expected, 1e-5);
}

TEST(ExpectedAccuracy, SharedConfusionsGiveTheDiagonalUnderTheClassPosterior) {
  // GeoCrowdNet and UnionNet pass one M x C x C confusion for all instances:
  // sum_c p(c|x) P_m[c, c] with P_m the row-softmax of the fixed confusion logits.
  const torch::Tensor accuracy =
      correct_label_probability(torch::softmax(rows_tensor(kClassLogits, kInstances), -1),
                        torch::softmax(squares_tensor(kConfusionLogits, kAnnotators), -1));
  for (int n = 0; n < kInstances; ++n) {
    const Row p = softmax(kClassLogits[n]);
    for (int m = 0; m < kAnnotators; ++m) {
      double expected = 0;
      for (int c = 0; c < kClasses; ++c) expected += p[c] * softmax(kConfusionLogits[m][c])[c];
      EXPECT_NEAR(accuracy[n][m].item<double>(), expected, 1e-6);
    }
  }
}

}  // namespace
}  // namespace annotbench

// ---- learning on a synthetic crowd -------------------------------------------------------------
// Four Gaussian classes in ten dimensions; eight annotators, each labelling an instance with
// probability 1/2: annotators 0-2 are reliable (correct with probability 0.9, otherwise a uniform
// wrong class), annotators 3-7 are adversaries that always answer a fixed wrong class,
// y + 1 + (j mod 3) (mod 4) for adversary j. The adversaries outnumber the reliable annotators but
// disagree among themselves, so the confusion matrices are identifiable while the per-instance
// majority vote is often wrong. Unlike the shared crowd below (one mapping for all adversaries),
// every annotator labels instances of every kind here, so each one's confusion, and with it the
// annotator-performance estimate, is checked as well.

namespace annotbench {
namespace {

constexpr int kCrowdClasses = 4, kCrowdFeatures = 10, kCrowdAnnotators = 8, kReliable = 3;

Dataset synthetic_crowd(std::size_t num_instances, std::uint64_t seed) {
  Rng centre_rng(derive_seed(7, "synthetic crowd centres"));  // the same classes for train and test
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<std::vector<double>> centres(kCrowdClasses, std::vector<double>(kCrowdFeatures));
  for (auto& centre : centres)
    for (double& coordinate : centre) coordinate = normal(centre_rng);

  Rng rng(derive_seed(seed, "synthetic crowd"));
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Dataset data;
  data.name = "synthetic-crowd";
  data.features = FeatureMatrix(num_instances, kCrowdFeatures);
  data.annotations = AnnotationMatrix(num_instances, kCrowdAnnotators, kMissingLabel);
  for (int c = 0; c < kCrowdClasses; ++c) data.class_names.push_back("class " + std::to_string(c));
  for (int m = 0; m < kCrowdAnnotators; ++m) data.annotator_ids.push_back("annotator " + std::to_string(m));
  for (std::size_t n = 0; n < num_instances; ++n) {
    const int y = static_cast<int>(rng() % kCrowdClasses);
    data.true_labels.push_back(y);
    for (int d = 0; d < kCrowdFeatures; ++d) data.features.at(n, d) = static_cast<float>(centres[y][d] + normal(rng));
    for (int m = 0; m < kCrowdAnnotators; ++m) {
      if (unit(rng) >= 0.5) continue;
      if (m < kReliable)
        data.annotations.at(n, m) =
            unit(rng) < 0.9 ? y : (y + 1 + static_cast<int>(rng() % (kCrowdClasses - 1))) % kCrowdClasses;
      else
        data.annotations.at(n, m) = (y + 1 + (m - kReliable) % (kCrowdClasses - 1)) % kCrowdClasses;
    }
    bool labelled = false;
    for (int m = 0; m < kCrowdAnnotators; ++m) labelled |= data.annotations.at(n, m) != kMissingLabel;
    if (!labelled) data.annotations.at(n, rng() % kReliable) = y;
  }
  return data;
}

double accuracy(const FeatureMatrix& probabilities, const std::vector<int>& truth) {
  int correct = 0;
  for (std::size_t n = 0; n < probabilities.rows; ++n) {
    const float* row = probabilities.row(n);
    correct += std::max_element(row, row + probabilities.cols) - row == truth[n];
  }
  return static_cast<double>(correct) / static_cast<double>(truth.size());
}

// The bounds of the paper: the registered ground-truth (true labels) and majority-vote methods with
// the same GT network and budget.
double method_accuracy(const std::string& name, const Dataset& train, const Dataset& test,
                       const TrainingSettings& settings) {
  auto method = make_method(name);
  method->fit(train, nullptr, settings);
  return accuracy(method->predict_proba(test.features), test.true_labels);
}

struct Bounds {
  double majority_vote, ground_truth;
};

class SyntheticCrowd : public ::testing::TestWithParam<const char*> {
 protected:
  static void SetUpTestSuite() {
    train_ = new Dataset(synthetic_crowd(1000, 1));
    test_ = new Dataset(synthetic_crowd(4000, 2));  // large: the bounds are compared to 1 point
    settings_.epochs = 50;
    settings_.seed = 11;
    bounds_ = {method_accuracy("majority-vote", *train_, *test_, settings_),
               method_accuracy("ground-truth", *train_, *test_, settings_)};
  }
  static void TearDownTestSuite() {
    delete train_;
    delete test_;
  }
  static Dataset* train_;
  static Dataset* test_;
  static TrainingSettings settings_;
  static Bounds bounds_;
};
Dataset* SyntheticCrowd::train_ = nullptr;
Dataset* SyntheticCrowd::test_ = nullptr;
TrainingSettings SyntheticCrowd::settings_;
Bounds SyntheticCrowd::bounds_;

// CoNAL and CrowdAR by default keep their confusion matrices frozen, as the reference code does
// (see conal.cpp, crowd_ar.cpp); frozen, they cannot model these adversaries (CoNAL's annotator
// performance is then the same constant for everyone). This suite checks the methods as their own
// papers describe them, with the matrices trained.
std::unique_ptr<Method> make_trained_baseline(const std::string& name) {
  if (name == "conal" || name == "crowd-ar") return make_method(name, {{"train_confusions", 1.0}});
  return make_method(name);
}

TEST_P(SyntheticCrowd, BeatsMajorityVoteAndStaysBelowGroundTruth) {
  auto method = make_trained_baseline(GetParam());
  method->fit(*train_, nullptr, settings_);
  const double test_accuracy = accuracy(method->predict_proba(test_->features), test_->true_labels);
  std::printf("[ synthetic ] %-12s %.3f  (majority vote %.3f, ground truth %.3f)\n", GetParam(), test_accuracy,
              bounds_.majority_vote, bounds_.ground_truth);
  EXPECT_GE(test_accuracy, bounds_.majority_vote + 0.15);
  EXPECT_LE(test_accuracy, bounds_.ground_truth + 0.01);

  // The annotator-performance estimate ranks every reliable annotator above every adversary.
  const FeatureMatrix performance = method->annotator_performance(test_->features);
  ASSERT_EQ(performance.cols, static_cast<std::size_t>(kCrowdAnnotators));
  std::vector<double> mean(kCrowdAnnotators, 0.0);
  for (std::size_t n = 0; n < performance.rows; ++n)
    for (int m = 0; m < kCrowdAnnotators; ++m) mean[m] += performance.at(n, m) / performance.rows;
  const double worst_reliable = *std::min_element(mean.begin(), mean.begin() + kReliable);
  const double best_adversary = *std::max_element(mean.begin() + kReliable, mean.end());
  EXPECT_GT(worst_reliable, best_adversary);
}

TEST_P(SyntheticCrowd, SameSeedGivesIdenticalPredictions) {
  TrainingSettings short_run = settings_;
  short_run.epochs = 2;
  auto first = make_trained_baseline(GetParam()), second = make_trained_baseline(GetParam());
  first->fit(*train_, nullptr, short_run);
  second->fit(*train_, nullptr, short_run);
  EXPECT_EQ(first->predict_proba(test_->features).values, second->predict_proba(test_->features).values);
  EXPECT_EQ(first->annotator_performance(test_->features).values,
            second->annotator_performance(test_->features).values);
}

INSTANTIATE_TEST_SUITE_P(ExtraBaselines, SyntheticCrowd,
                         ::testing::Values("geo-reg-f", "geo-reg-w", "conal", "union-net-a", "union-net-b",
                                           "crowd-ar"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (c == '-') c = '_';
                           return name;
                         });

}  // namespace
}  // namespace annotbench

// ---- the shared synthetic crowd of tests/support/synthetic_crowd.h ----------------------------------------
// Five adversaries with one common mapping c -> c+1, two of them outvoting one reliable annotator on
// 55 % of the instances. Median test accuracy over seeds 1-3, as in test_methods_learning.cpp.

namespace annotbench {
namespace {

double median_accuracy(const std::string& method, const testing::SyntheticCrowd& crowd) {
  std::vector<double> accuracies;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    TrainingSettings settings;  // the paper's budget: 50 epochs, RAdam lr 1e-2, batch 64
    settings.seed = seed;
    auto model = make_method(method);
    model->fit(crowd.train, nullptr, settings);
    accuracies.push_back(testing::accuracy(model->predict_proba(crowd.test.features), crowd.test.true_labels));
  }
  std::sort(accuracies.begin(), accuracies.end());
  return accuracies[1];
}

class SharedSyntheticCrowd : public ::testing::TestWithParam<const char*> {
 protected:
  static void SetUpTestSuite() {
    crowd_ = new testing::SyntheticCrowd(testing::make_synthetic_crowd());
    majority_vote_ = median_accuracy("majority-vote", *crowd_);
    ground_truth_ = median_accuracy("ground-truth", *crowd_);
  }
  static void TearDownTestSuite() { delete crowd_; }
  static testing::SyntheticCrowd* crowd_;
  static double majority_vote_, ground_truth_;
};
testing::SyntheticCrowd* SharedSyntheticCrowd::crowd_ = nullptr;
double SharedSyntheticCrowd::majority_vote_ = 0, SharedSyntheticCrowd::ground_truth_ = 0;

// The issue asks the 15-point margin only of annot-mix, madl, crowd-layer and trace-reg; all six of
// these baselines reach it on this problem too (medians 0.92-0.99 against 0.24), so it is asserted.
TEST_P(SharedSyntheticCrowd, BeatsMajorityVoteAndStaysBelowGroundTruth) {
  const double accuracy = median_accuracy(GetParam(), *crowd_);
  std::printf("[ shared synthetic ] %-12s %.3f  (majority vote %.3f, ground truth %.3f)\n", GetParam(), accuracy,
              majority_vote_, ground_truth_);
  EXPECT_GE(accuracy, majority_vote_ + 0.15);
  EXPECT_LE(accuracy, ground_truth_ + 0.01);
}

INSTANTIATE_TEST_SUITE_P(ExtraBaselines, SharedSyntheticCrowd,
                         ::testing::Values("geo-reg-f", "geo-reg-w", "conal", "union-net-a", "union-net-b",
                                           "crowd-ar"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (c == '-') c = '_';
                           return name;
                         });

}  // namespace
}  // namespace annotbench
