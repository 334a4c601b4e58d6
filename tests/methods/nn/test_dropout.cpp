// The bit-cut dropout mask (methods/nn/dropout.h) must be Bernoulli(1/2) entry by entry and
// independent across entries, like torch::dropout's: checked by binomial tolerances.

#include <gtest/gtest.h>
#include <torch/torch.h>
#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

#include "datasets/recipes.h"
#include "harness/protocols/learning/training_recipe.h"
#include "methods/nn/dropout.h"
#include "methods/nn/gt_model.h"

namespace annotbench {
namespace {

TEST(BitDropout, MaskIsZeroOrTwoWithHalfKeptAndNeighboursUncorrelated) {
  torch::Generator generator = at::detail::createCPUGenerator(7);
  // 1000 x 321: not a multiple of 32, so the last word is cut.
  const torch::Tensor mask = half_keep_mask({1000, 321}, generator);
  ASSERT_EQ(mask.sizes(), torch::IntArrayRef({1000, 321}));
  EXPECT_TRUE(((mask == 0) | (mask == 2)).all().item<bool>());
  const torch::Tensor kept = (mask / 2).flatten().to(torch::kFloat64);
  const double n = static_cast<double>(kept.numel());
  // Binomial(n, 1/2): 5 standard deviations of the kept fraction.
  EXPECT_NEAR(kept.mean().item<double>(), 0.5, 5 * std::sqrt(0.25 / n));
  // Entries cut from one word (lag 1) and from neighbouring words (lag 32) must be independent:
  // the sample correlation of independent pairs has standard deviation 1/sqrt(n).
  for (const int64_t lag : {1, 31, 32}) {
    const torch::Tensor a = kept.narrow(0, 0, kept.numel() - lag) - 0.5;
    const torch::Tensor b = kept.narrow(0, lag, kept.numel() - lag) - 0.5;
    EXPECT_NEAR((a * b).mean().item<double>() / 0.25, 0.0, 5 / std::sqrt(n)) << "lag " << lag;
  }
  // Each bit position of a word is kept half the time (a stuck bit would show here).
  const torch::Tensor by_position = kept.narrow(0, 0, 320000).view({-1, 32}).mean(0);
  EXPECT_LT((by_position - 0.5).abs().max().item<double>(), 5 * std::sqrt(0.25 / 10000.0));
}

TEST(BitDropout, InvertedScalingKeepsTheExpectationAndEvaluationIsTheIdentity) {
  torch::manual_seed(3);
  const torch::Tensor x = torch::full({400, 500}, 3.0);
  const torch::Tensor dropped = inverted_dropout(x, 0.5, /*training=*/true);
  EXPECT_TRUE(((dropped == 0) | (dropped == 6)).all().item<bool>());
  EXPECT_NEAR(dropped.mean().item<double>(), 3.0, 5 * 3.0 / std::sqrt(200000.0));
  EXPECT_TRUE(torch::equal(inverted_dropout(x, 0.5, /*training=*/false), x));
  // Other rates take torch's Bernoulli path: kept with probability 1 - p.
  const torch::Tensor other = inverted_dropout(x, 0.2, true);
  EXPECT_NEAR((other != 0).to(torch::kFloat64).mean().item<double>(), 0.8, 5 * std::sqrt(0.16 / 200000.0));
}

}  // namespace
}  // namespace annotbench

namespace annotbench {
namespace {

// The GT network of a data set's recipe (datasets/recipes.h): dropout after every hidden layer, drawn
// from the run's own stream in training and off in evaluation; p = 0 is the network every cell
// trained before recipes existed.
TEST(RecipeDropout, ActiveInTrainingOffInEvaluationAndFromTheRunsStream) {
  const torch::Tensor x = torch::randn({64, 5}, at::detail::createCPUGenerator(11));
  torch::manual_seed(5);
  GroundTruthModel dropped(5, 3, std::vector<int64_t>{16}, 0.5);
  torch::manual_seed(5);
  GroundTruthModel plain(5, 3, std::vector<int64_t>{16}, 0.0);
  dropped->use_dropout_stream(at::detail::createCPUGenerator(99));

  dropped->eval();
  plain->eval();
  EXPECT_TRUE(torch::equal(dropped->forward(x), plain->forward(x)));

  dropped->train();
  plain->train();
  const torch::Tensor h_dropped = dropped->embed(x), h_plain = plain->embed(x);
  // Inverted dropout after the last hidden layer: each unit is 0 or twice the undropped one.
  EXPECT_TRUE(((h_dropped == 0) | (h_dropped == 2 * h_plain)).all().item<bool>());
  const double dropped_share = ((h_dropped == 0) & (h_plain != 0)).sum().item<double>() /
                               (h_plain != 0).sum().item<double>();
  EXPECT_NEAR(dropped_share, 0.5, 0.1);

  // The same stream seed gives the same masks: a run's dropout does not depend on other threads.
  torch::manual_seed(5);
  GroundTruthModel again(5, 3, std::vector<int64_t>{16}, 0.5);
  again->use_dropout_stream(at::detail::createCPUGenerator(99));
  again->train();
  EXPECT_TRUE(torch::equal(again->embed(x), h_dropped));
}

TEST(RecipeDropout, TheLetterRecipeIsTodaysNetworkAndDrawsNothing) {
  const TrainingSettings letter = training_settings(training_recipe("letter"));
  const torch::Tensor x = torch::randn({32, 16}, at::detail::createCPUGenerator(3));
  torch::manual_seed(8);
  GroundTruthModel from_recipe(16, 26, letter);
  torch::manual_seed(8);
  GroundTruthModel before_recipes(16, 26);
  torch::Generator stream = at::detail::createCPUGenerator(42);
  from_recipe->use_dropout_stream(stream);
  const torch::Tensor state = stream.get_state();
  from_recipe->train();
  before_recipes->train();
  EXPECT_TRUE(torch::equal(from_recipe->forward(x), before_recipes->forward(x)));
  EXPECT_TRUE(torch::equal(stream.get_state(), state));  // p = 0 draws no mask
  EXPECT_EQ(from_recipe->parameters().size(), before_recipes->parameters().size());
}

}  // namespace
}  // namespace annotbench
