// The shared training pieces of methods/nn/training.h.

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>

#include "datasets/input_error.h"
#include "methods/nn/gt_model.h"
#include "methods/nn/training.h"

namespace annotbench {
namespace {

TEST(CosineAnnealing, FollowsHalfACosineFromTheBaseRateToZero) {
  // CosineAnnealingLR, eta_min = 0: lr_e = lr_0 (1 + cos(pi e / T)) / 2.
  EXPECT_DOUBLE_EQ(cosine_annealed_lr(1e-2, 0, 50), 1e-2);
  EXPECT_NEAR(cosine_annealed_lr(1e-2, 25, 50), 0.5e-2, 1e-15);
  EXPECT_NEAR(cosine_annealed_lr(1e-2, 10, 50), 0.5e-2 * (1 + std::cos(M_PI / 5)), 1e-15);
  EXPECT_NEAR(cosine_annealed_lr(1e-2, 50, 50), 0.0, 1e-15);
}

TEST(ShuffledBatches, CoverEveryInstanceOnceAndDropOrMergeTheRest) {
  Rng rng(7);
  auto batches = shuffled_batches(10, 4, false, rng);
  ASSERT_EQ(batches.size(), 3u);
  std::vector<int64_t> seen;
  for (const auto& batch : batches) seen.insert(seen.end(), batch.begin(), batch.end());
  std::sort(seen.begin(), seen.end());
  for (int64_t i = 0; i < 10; ++i) EXPECT_EQ(seen[i], i);

  EXPECT_EQ(shuffled_batches(10, 4, true, rng).size(), 2u);
  // 9 = 4 + 4 + 1: the lone instance joins the second batch (batch norm needs two).
  const auto merged = shuffled_batches(9, 4, false, rng);
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[1].size(), 5u);
}

TEST(ShuffledBatches, SameSeedSameOrder) {
  Rng first(3), second(3), third(4);
  EXPECT_EQ(shuffled_batches(50, 8, false, first), shuffled_batches(50, 8, false, second));
  EXPECT_NE(shuffled_batches(50, 8, false, first), shuffled_batches(50, 8, false, third));
}

TEST(TensorConversion, RoundTripsMatricesAndKeepsMissingLabels) {
  FeatureMatrix features(2, 3);
  for (std::size_t i = 0; i < 6; ++i) features.values[i] = 0.5f * static_cast<float>(i);
  const torch::Tensor x = to_tensor(features);
  EXPECT_EQ(x.size(0), 2);
  EXPECT_FLOAT_EQ(x[1][2].item<float>(), 2.5f);
  EXPECT_EQ(to_matrix(x).values, features.values);

  AnnotationMatrix annotations(1, 2);
  annotations.at(0, 0) = kMissingLabel;
  annotations.at(0, 1) = 2;
  const torch::Tensor z = to_tensor(annotations);
  EXPECT_EQ(z.scalar_type(), torch::kInt64);
  EXPECT_EQ(z[0][0].item<int64_t>(), -1);
  EXPECT_EQ(z[0][1].item<int64_t>(), 2);
}

TEST(ParseDevice, AcceptsCpuAndRejectsNonsense) {
  EXPECT_EQ(parse_device("cpu"), torch::Device(torch::kCPU));
  EXPECT_THROW(parse_device("tpu"), ConfigError);
  if (!torch::cuda::is_available()) {
    EXPECT_THROW(parse_device("cuda"), ConfigError);
  }
}

TEST(GroundTruthModel, HasThePapersShapes) {
  GroundTruthModel model(16, 26);
  EXPECT_EQ(model->embedding_size(), 128);
  model->eval();
  const torch::Tensor x = torch::randn({5, 16});
  EXPECT_EQ(model->embed(x).sizes(), (std::vector<int64_t>{5, 128}));
  EXPECT_EQ(model->forward(x).sizes(), (std::vector<int64_t>{5, 26}));
  // 16*256+256 + 2*256 (batch norm) + 256*128+128 + 2*128 + 128*26+26 weights and biases.
  int64_t count = 0;
  for (const auto& p : model->parameters()) count += p.numel();
  EXPECT_EQ(count, 16 * 256 + 256 + 2 * 256 + 256 * 128 + 128 + 2 * 128 + 128 * 26 + 26);
}

}  // namespace
}  // namespace annotbench
