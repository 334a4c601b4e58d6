// Each core method's loss on a tiny hand-made batch (3 instances, 2 annotators, 3 classes) against
// the value computed here, in doubles, from the method's formula.

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <vector>

#include "methods/nn/losses.h"
#include "methods/nn/multi_annotator.h"

namespace annotbench {
namespace {

using Row = std::vector<double>;
using Square = std::vector<Row>;

const std::vector<Row> kClassLogits = {{1.0, 0.0, -1.0}, {0.2, 0.3, 2.0}, {-0.5, 1.5, 0.0}};
// z (instance x annotator); -1: annotator 1 did not label instance 1.
const std::vector<std::vector<int>> kAnnotations = {{0, 1}, {2, -1}, {1, 1}};

Row softmax(const Row& logits) {
  double total = 0;
  for (const double v : logits) total += std::exp(v);
  Row p;
  for (const double v : logits) p.push_back(std::exp(v) / total);
  return p;
}

Square row_softmax(const Square& logits) {
  Square out;
  for (const Row& row : logits) out.push_back(softmax(row));
  return out;
}

// p(z = k | x, m) = sum_c p(y = c | x) P_m[c][k]
double annotation_probability(const Row& class_probs, const Square& confusion, int k) {
  double p = 0;
  for (std::size_t c = 0; c < class_probs.size(); ++c) p += class_probs[c] * confusion[c][static_cast<std::size_t>(k)];
  return p;
}

torch::Tensor as_tensor(const std::vector<Row>& rows) {
  std::vector<double> flat;
  for (const Row& row : rows) flat.insert(flat.end(), row.begin(), row.end());
  return torch::tensor(flat, torch::kFloat64).view({static_cast<int64_t>(rows.size()), -1});
}

torch::Tensor as_tensor(const std::vector<Square>& matrices) {
  std::vector<torch::Tensor> parts;
  for (const Square& m : matrices) parts.push_back(as_tensor(m));
  return torch::stack(parts);
}

torch::Tensor annotations_tensor() {
  std::vector<int64_t> flat;
  for (const auto& row : kAnnotations) flat.insert(flat.end(), row.begin(), row.end());
  return torch::tensor(flat, torch::kInt64).view({3, 2});
}

const std::vector<Square> kConfusionLogits = {
    {{2.0, 0.0, 0.0}, {0.0, 1.0, 0.5}, {-1.0, 0.0, 1.5}},
    {{0.0, 3.0, 0.0}, {0.0, 0.0, 3.0}, {3.0, 0.0, 0.0}}};

TEST(MethodLosses, AggregateCrossEntropyAveragesOverLabelledRows) {
  // Targets: a one-hot, a mixed (0.3, 0.7) and an all-zero row (no label): two labelled rows.
  const std::vector<Row> targets = {{1, 0, 0}, {0, 0.3, 0.7}, {0, 0, 0}};
  double expected = 0;
  for (std::size_t n = 0; n < 3; ++n) {
    const Row p = softmax(kClassLogits[n]);
    for (std::size_t c = 0; c < 3; ++c) expected -= targets[n][c] * std::log(p[c]);
  }
  expected /= 2;
  EXPECT_NEAR(soft_label_cross_entropy(as_tensor(kClassLogits), as_tensor(targets)).item<double>(), expected, 1e-5);
}

TEST(MethodLosses, AnnotMixIsTheMixedTargetsCrossEntropyOfTheAnnotationLikelihood) {
  // Pairs (instance, annotator): (0,0), (0,1), (1,0), (2,0), (2,1) with soft targets.
  const std::vector<std::pair<int, int>> pairs = {{0, 0}, {0, 1}, {1, 0}, {2, 0}, {2, 1}};
  const std::vector<Row> targets = {{1, 0, 0}, {0.4, 0.6, 0}, {0, 0, 1}, {0, 0.5, 0.5}, {0, 1, 0}};
  std::vector<Row> class_logits;
  std::vector<Square> confusion_logits;
  double expected = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const auto [n, m] = pairs[i];
    class_logits.push_back(kClassLogits[static_cast<std::size_t>(n)]);
    confusion_logits.push_back(kConfusionLogits[static_cast<std::size_t>(m)]);
    const Row p = softmax(kClassLogits[static_cast<std::size_t>(n)]);
    const Square confusion = row_softmax(kConfusionLogits[static_cast<std::size_t>(m)]);
    for (int k = 0; k < 3; ++k) expected -= targets[i][static_cast<std::size_t>(k)] * std::log(annotation_probability(p, confusion, k));
  }
  expected /= 5;
  // annot-mix reads each mixed target as two labels with weights lambda and 1 - lambda.
  const torch::Tensor labels = torch::tensor({0, 0, 0, 1, 2, 2, 1, 2, 1, 1}, torch::kInt64).view({5, 2});
  const torch::Tensor weights = torch::tensor({1.0f, 0.0f, 0.4f, 0.6f, 1.0f, 0.0f, 0.5f, 0.5f, 1.0f, 0.0f}).view({5, 2});
  const torch::Tensor log_probs = labelled_annotation_log_probs(torch::log_softmax(as_tensor(class_logits), -1),
                                                                as_tensor(confusion_logits), labels);
  EXPECT_NEAR(-(weights * log_probs).sum().item<double>() / 5, expected, 1e-5);
  // The dense likelihood of every class, logsumexp_c [log p(c|x) + log P(x)[c, k]], agrees with it
  // at the labels.
  const torch::Tensor dense = torch::logsumexp(torch::log_softmax(as_tensor(class_logits), -1).unsqueeze(-1) +
                                                   torch::log_softmax(as_tensor(confusion_logits), -1),
                                               1);
  EXPECT_TRUE(torch::allclose(dense.gather(1, labels), log_probs, 1e-5, 1e-6));
}

TEST(MethodLosses, CrowdLayerIsCrossEntropyOfSoftmaxOfProbabilitiesTimesW) {
  const std::vector<Square> crowd_matrices = {
      {{1.0, 0.2, 0.0}, {0.0, 0.8, 0.3}, {-0.4, 0.0, 1.2}},
      {{0.1, 1.0, 0.0}, {0.0, 0.1, 1.0}, {1.0, 0.0, 0.1}}};
  std::vector<Row> class_probs;
  double expected = 0;
  int labelled = 0;
  for (std::size_t n = 0; n < 3; ++n) {
    const Row p = softmax(kClassLogits[n]);
    class_probs.push_back(p);
    for (std::size_t m = 0; m < 2; ++m) {
      const int z = kAnnotations[n][m];
      if (z < 0) continue;
      Row logits(3, 0.0);  // u_k = sum_c p_c W_m[c][k]
      for (std::size_t k = 0; k < 3; ++k)
        for (std::size_t c = 0; c < 3; ++c) logits[k] += p[c] * crowd_matrices[m][c][k];
      expected -= std::log(softmax(logits)[static_cast<std::size_t>(z)]);
      ++labelled;
    }
  }
  expected /= labelled;
  EXPECT_NEAR(crowd_layer_loss(as_tensor(class_probs), as_tensor(crowd_matrices), annotations_tensor()).item<double>(),
              expected, 1e-5);
}

TEST(MethodLosses, TraceRegIsMarginalLikelihoodPlusLambdaTimesMeanTrace) {
  const double lambda = 0.3;
  double nll = 0;
  int labelled = 0;
  for (std::size_t n = 0; n < 3; ++n)
    for (std::size_t m = 0; m < 2; ++m) {
      if (kAnnotations[n][m] < 0) continue;
      nll -= std::log(annotation_probability(softmax(kClassLogits[n]), row_softmax(kConfusionLogits[m]),
                                             kAnnotations[n][m]));
      ++labelled;
    }
  double trace_sum = 0;
  for (std::size_t m = 0; m < 2; ++m) {
    const Square a = row_softmax(kConfusionLogits[m]);
    trace_sum += a[0][0] + a[1][1] + a[2][2];
  }
  const double expected = nll / labelled + lambda * trace_sum / 2;
  EXPECT_NEAR(trace_reg_loss(as_tensor(kClassLogits), as_tensor(kConfusionLogits), labelled_pairs(annotations_tensor()), lambda)
                  .item<double>(),
              expected, 1e-5);
}

TEST(MethodLosses, MadlWeightsFollowInverseKernelSumsAndAverageOne) {
  const std::vector<Row> embeddings = {{0.0, 0.0}, {0.5, 0.0}, {3.0, 1.0}};
  const double gamma = 0.7;
  Row inverse_sums;
  for (std::size_t j = 0; j < 3; ++j) {
    double sum = 0;
    for (std::size_t i = 0; i < 3; ++i) {
      const double dx = embeddings[i][0] - embeddings[j][0], dy = embeddings[i][1] - embeddings[j][1];
      sum += std::exp(-gamma * (dx * dx + dy * dy));
    }
    inverse_sums.push_back(1 / sum);
  }
  const double total = inverse_sums[0] + inverse_sums[1] + inverse_sums[2];
  const torch::Tensor weights = madl_annotator_weights(as_tensor(embeddings), gamma);
  for (std::size_t j = 0; j < 3; ++j)
    EXPECT_NEAR(weights[static_cast<int64_t>(j)].item<double>(), 3 * inverse_sums[j] / total, 1e-5);
  // The isolated annotator counts most.
  EXPECT_GT(weights[2].item<double>(), weights[0].item<double>());
}

TEST(MethodLosses, MadlIsWeightedMarginalLikelihoodMinusGammaLogPrior) {
  const std::vector<std::pair<int, int>> pairs = {{0, 0}, {0, 1}, {1, 0}, {2, 0}, {2, 1}};
  const Row annotator_weight = {0.8, 1.2};
  const double gamma = 1.0, alpha = 1.25, beta = 0.25;
  std::vector<Row> class_logits;
  std::vector<Square> confusion_logits;
  std::vector<int64_t> labels;
  std::vector<double> weights;
  double weighted_nll = 0;
  for (const auto& [n, m] : pairs) {
    const int z = kAnnotations[static_cast<std::size_t>(n)][static_cast<std::size_t>(m)];
    class_logits.push_back(kClassLogits[static_cast<std::size_t>(n)]);
    confusion_logits.push_back(kConfusionLogits[static_cast<std::size_t>(m)]);
    labels.push_back(z);
    weights.push_back(annotator_weight[static_cast<std::size_t>(m)]);
    weighted_nll -= annotator_weight[static_cast<std::size_t>(m)] *
                    std::log(annotation_probability(softmax(kClassLogits[static_cast<std::size_t>(n)]),
                                                    row_softmax(kConfusionLogits[static_cast<std::size_t>(m)]), z));
  }
  // Gamma(shape alpha, rate beta): log p = alpha log beta + (alpha-1) log g - beta g - log Gamma(alpha)
  const double log_prior = alpha * std::log(beta) + (alpha - 1) * std::log(gamma) - beta * gamma - std::lgamma(alpha);
  const double expected = weighted_nll / 5 - log_prior;
  EXPECT_NEAR(madl_loss(torch::tensor(labels, torch::kInt64), as_tensor(class_logits), as_tensor(confusion_logits),
                        torch::tensor(weights, torch::kFloat64), gamma, alpha, beta)
                  .item<double>(),
              expected, 1e-5);
}

TEST(MethodLosses, DiagonalPriorBiasGivesEveryRowDiagonalProbabilityEta) {
  for (const double eta : {0.9, 0.8, 0.5}) {
    const torch::Tensor rows = torch::softmax(diagonal_prior_bias(4, eta).view({4, 4}), -1);
    for (int64_t c = 0; c < 4; ++c) EXPECT_NEAR(rows[c][c].item<double>(), eta, 1e-6);
  }
}

}  // namespace
}  // namespace annotbench
