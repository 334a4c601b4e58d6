// annot-mix specifics: lambda = 1 is the unmixed multi-annotator likelihood; the eta prior.

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>

#include "methods/end_to_end/annot_mix.h"
#include "methods/nn/mixup.h"
#include "methods/nn/multi_annotator.h"

namespace annotbench {
namespace {

// The GT MLP of these tests: hidden widths 16 and 8, no dropout.
TrainingSettings hidden_16_8() {
  TrainingSettings settings;
  settings.hidden_widths = {16, 8};
  return settings;
}

TEST(AnnotMix, LambdaOneEqualsTheUnmixedMarginalLikelihood) {
  torch::manual_seed(5);
  AnnotMixNetwork network(4, 3, 2, 8, /*hidden_layer=*/true, 0.9, hidden_16_8());
  // Evaluation mode: in training mode batch normalisation would see L duplicated rows in the
  // mixed forward and B rows in the unmixed one, which changes its batch statistics.
  network->eval();
  const torch::Tensor x = torch::randn({3, 4});
  const torch::Tensor a = torch::eye(2);
  const torch::Tensor z = torch::tensor({0, 2, -1, 1, 2, 0}, torch::kInt64).view({3, 2});
  const LabelledPairs pairs = labelled_pairs(z);
  ASSERT_EQ(pairs.label.size(0), 5);
  const int64_t count = 5;

  const torch::Tensor mixed = annot_mix_mixed_loss(
      *network, x.index_select(0, pairs.instance), a.index_select(0, pairs.annotator),
      pairs.label, torch::ones({count}), torch::randperm(count, torch::kInt64));
  const torch::Tensor unmixed = annot_mix_unmixed_loss(*network, x, a, pairs);

  // By hand: -(1/L) sum log sum_c p(c | x_n) P_m(x_n)[c, z_nm], from the network's own outputs.
  torch::NoGradGuard no_grad;
  const torch::Tensor h = network->gt->embed(x);
  const torch::Tensor p = torch::softmax(network->gt->classify(h), -1);
  double expected = 0;
  for (int64_t i = 0; i < count; ++i) {
    const int64_t n = pairs.instance[i].item<int64_t>(), m = pairs.annotator[i].item<int64_t>();
    const torch::Tensor confusion = torch::softmax(network->confusion_logits(h[n].unsqueeze(0), a[m].unsqueeze(0)), -1)[0];
    double likelihood = 0;
    for (int64_t c = 0; c < 3; ++c)
      likelihood += p[n][c].item<double>() * confusion[c][pairs.label[i].item<int64_t>()].item<double>();
    expected -= std::log(likelihood);
  }
  expected /= static_cast<double>(count);
  EXPECT_NEAR(mixed.item<double>(), expected, 1e-5);
  EXPECT_NEAR(unmixed.item<double>(), expected, 1e-5);
}

TEST(AnnotMix, EtaPriorMakesEveryAnnotatorCorrectWithProbabilityEta) {
  // With zero output weights only the bias speaks: every row's diagonal is exactly eta.
  torch::manual_seed(1);
  AnnotMixNetwork network(4, 5, 3, 8, true, 0.9, hidden_16_8());
  network->eval();
  {
    torch::NoGradGuard no_grad;
    network->ap_output->weight.zero_();
  }
  const torch::Tensor confusion =
      torch::softmax(network->confusion_logits(torch::randn({3, 8}), torch::eye(3)), -1);
  for (int64_t m = 0; m < 3; ++m)
    for (int64_t c = 0; c < 5; ++c) EXPECT_NEAR(confusion[m][c][c].item<double>(), 0.9, 1e-6);
}

TEST(AnnotMix, MixedLossEqualsThePaperFormulaOnMixedTriples) {
  // lambda in (0, 1): the loss must be -(1/L) sum_i sum_k z~_ik log p(z = k | x~_i, a~_i) with
  // z~_i = lambda_i onehot(z_i) + (1 - lambda_i) onehot(z_pi(i)), evaluated here by hand from the
  // network's softmaxes on the mixed inputs.
  torch::manual_seed(11);
  AnnotMixNetwork network(4, 3, 2, 8, /*hidden_layer=*/true, 0.9, hidden_16_8());
  network->eval();
  const torch::Tensor x = torch::randn({4, 4});
  const torch::Tensor a = torch::eye(2).index_select(0, torch::tensor({0, 1, 1, 0}, torch::kInt64));
  const torch::Tensor labels = torch::tensor({0, 2, 1, 2}, torch::kInt64);
  const torch::Tensor lambda = torch::tensor({0.3f, 0.9f, 0.5f, 0.05f});
  const torch::Tensor permutation = torch::tensor({2, 0, 3, 1}, torch::kInt64);
  const torch::Tensor loss = annot_mix_mixed_loss(*network, x, a, labels, lambda, permutation);

  torch::NoGradGuard no_grad;
  const torch::Tensor mixed_x = mix_rows(x, lambda, permutation), mixed_a = mix_rows(a, lambda, permutation);
  const torch::Tensor h = network->gt->embed(mixed_x);
  const torch::Tensor p = torch::softmax(network->gt->classify(h), -1);
  const torch::Tensor confusion = torch::softmax(network->confusion_logits(h, mixed_a), -1);
  double expected = 0;
  for (int64_t i = 0; i < 4; ++i) {
    const double weight = lambda[i].item<double>();
    const int64_t own = labels[i].item<int64_t>(), partner = labels[permutation[i].item<int64_t>()].item<int64_t>();
    double own_likelihood = 0, partner_likelihood = 0;
    for (int64_t c = 0; c < 3; ++c) {
      own_likelihood += p[i][c].item<double>() * confusion[i][c][own].item<double>();
      partner_likelihood += p[i][c].item<double>() * confusion[i][c][partner].item<double>();
    }
    expected -= weight * std::log(own_likelihood) + (1 - weight) * std::log(partner_likelihood);
  }
  EXPECT_NEAR(loss.item<double>(), expected / 4, 1e-5);
}

TEST(AnnotMix, MixingCombinesInstancesAnnotatorsAndLabelsWithTheSameLambda) {
  const torch::Tensor lambda = torch::tensor({0.25f, 1.0f});
  const torch::Tensor permutation = torch::tensor({1, 0}, torch::kInt64);
  const torch::Tensor labels = torch::tensor({0, 2}, torch::kInt64);
  const torch::Tensor soft = mix_rows(one_hot_or_zero(labels, 3), lambda, permutation);
  // Row 0: 0.25 onehot(0) + 0.75 onehot(2); row 1 unmixed.
  EXPECT_NEAR(soft[0][0].item<double>(), 0.25, 1e-7);
  EXPECT_NEAR(soft[0][2].item<double>(), 0.75, 1e-7);
  EXPECT_NEAR(soft[1][2].item<double>(), 1.0, 1e-7);
}

// The ablation "annot-mix mixing only annotators" (mix_only_annotators=1): its permutation pairs each
// labelled triple with a triple of the same instance, so x~ is x and only the annotator codes and
// labels mix. One batch by hand: instance 0 labelled by annotators 0, 1, 2; instance 1 by 1 and 2;
// instance 2 by annotator 0 alone, which can only be mixed with itself.
TEST(AnnotMix, MixingOnlyAnnotatorsLeavesEveryInstanceUnmixed) {
  AnnotationMatrix annotations(3, 3, -1);
  annotations.at(0, 0) = 0, annotations.at(0, 1) = 1, annotations.at(0, 2) = 2;
  annotations.at(1, 1) = 1, annotations.at(1, 2) = 0;
  annotations.at(2, 0) = 2;
  const HostLabelledPairs pairs = host_labelled_pairs({0, 1, 2}, annotations);
  ASSERT_EQ(pairs.position, (std::vector<int64_t>{0, 0, 0, 1, 1, 2}));
  const torch::Tensor x = torch::tensor({0.1f, -2.0f, 3.5f}).view({3, 1});
  const torch::Tensor pair_x = x.index_select(0, torch::tensor(pairs.position, torch::kInt64));
  const torch::Tensor pair_a = torch::eye(3).index_select(0, torch::tensor(pairs.annotator, torch::kInt64));
  torch::Generator generator = at::detail::createCPUGenerator(11);
  bool annotators_mixed = false;
  for (int draw = 0; draw < 20; ++draw) {
    const torch::Tensor permutation = permutation_within_groups(torch::tensor(pairs.position, torch::kInt64), generator);
    const torch::Tensor lambda = sample_beta(6, 1.0, generator);
    for (int64_t i = 0; i < 6; ++i)
      EXPECT_EQ(pairs.position[permutation[i].item<int64_t>()], pairs.position[i]) << "draw " << draw << ", row " << i;
    EXPECT_EQ(permutation[5].item<int64_t>(), 5);  // instance 2's one label
    // lambda x + (1 - lambda) x is x up to float rounding.
    EXPECT_TRUE(torch::allclose(mix_rows(pair_x, lambda, permutation), pair_x, 0.0, 1e-6));
    const torch::Tensor mixed_a = mix_rows(pair_a, lambda, permutation);
    annotators_mixed = annotators_mixed || !torch::equal(mixed_a, pair_a);
  }
  EXPECT_TRUE(annotators_mixed);  // what it mixes are the annotators
}

}  // namespace
}  // namespace annotbench
