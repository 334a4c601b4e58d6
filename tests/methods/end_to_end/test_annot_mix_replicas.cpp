// Batched replicas (issue 6): replica r of StackedAnnotMix must compute what its own network
// computes alone, on the same mixed pairs: the same loss and the same gradient, with the other
// replica's rows and the padding rows having no effect on it.

#include <gtest/gtest.h>
#include <torch/torch.h>
#include <ATen/CPUGeneratorImpl.h>

#include <cstdint>
#include <vector>

#include "methods/end_to_end/annot_mix.h"
#include "methods/nn/dropout.h"
#include "methods/nn/flat_parameters.h"
#include "methods/nn/stacked_layers.h"

namespace annotbench {
namespace {

constexpr int64_t kFeatures = 4, kClasses = 3, kAnnotators = 3, kEmbed = 8;

AnnotMixNetwork network_with_seed(uint64_t seed) {
  torch::manual_seed(seed);
  TrainingSettings shape;
  shape.hidden_widths = {16, 8};
  AnnotMixNetwork network(kFeatures, kClasses, kAnnotators, kEmbed, /*hidden_layer=*/true, 0.9, shape);
  // Dropout is the one draw the two paths do not share; without it both are deterministic.
  modules_of<BitDropoutImpl>(network->ap_hidden).front()->p = 0.0;
  network->train();
  return network;
}

// One replica's mixed pairs: rows of the training set, annotators, labels, lambdas, permutation.
struct Pairs {
  std::vector<int64_t> instance, annotator, label, permutation;
  std::vector<float> lambda;
};

torch::Tensor index_tensor(const std::vector<int64_t>& values) { return torch::tensor(values, torch::kInt64); }

TEST(AnnotMixReplicas, EachReplicaHasTheLossAndGradientOfItsOwnNetwork) {
  const torch::Tensor features = torch::randn({6, kFeatures});
  const torch::Tensor annotators = torch::eye(kAnnotators);
  // Replica 1 has fewer pairs: its rows 4 and 5 are padding in the stacked batch.
  const std::vector<Pairs> pairs = {
      {{0, 1, 2, 3, 4, 5}, {0, 1, 2, 0, 1, 2}, {0, 1, 2, 2, 1, 0}, {3, 0, 5, 1, 2, 4}, {0.2f, 0.7f, 0.5f, 0.9f, 0.4f, 0.6f}},
      {{5, 4, 3, 2}, {2, 2, 0, 1}, {1, 1, 0, 2}, {1, 3, 0, 2}, {0.35f, 0.8f, 0.1f, 0.55f}}};
  std::vector<AnnotMixNetwork> networks = {network_with_seed(1), network_with_seed(2)};
  StackedAnnotMix stacked(networks, torch::kCPU);
  FlatParameters parameters(stacked.parameter_slots(), torch::kCPU);

  const int64_t replicas = 2, rows = 6;
  ReplicaPairBatch batch;
  std::vector<torch::Tensor> fields(6), lambdas, counts;
  for (auto& field : fields) field = torch::zeros({replicas, rows}, torch::kInt64);
  batch.lambda = torch::ones({replicas, rows});
  batch.pairs = torch::tensor({6, 4}, torch::kInt64);
  for (int64_t r = 0; r < replicas; ++r) {
    const Pairs& own = pairs[static_cast<std::size_t>(r)];
    for (std::size_t i = 0; i < own.label.size(); ++i) {
      const auto partner = static_cast<std::size_t>(own.permutation[i]);
      const auto column = static_cast<int64_t>(i);
      fields[0][r][column] = own.instance[i];
      fields[1][r][column] = own.instance[partner];
      fields[2][r][column] = own.annotator[i];
      fields[3][r][column] = own.annotator[partner];
      fields[4][r][column] = own.label[i];
      fields[5][r][column] = own.label[partner];
      batch.lambda[r][column] = own.lambda[i];
    }
  }
  batch.instance = fields[0], batch.partner_instance = fields[1], batch.annotator = fields[2];
  batch.partner_annotator = fields[3], batch.label = fields[4], batch.partner_label = fields[5];
  torch::Generator unused = at::detail::createCPUGenerator(0);
  const torch::Tensor stacked_losses = stacked.mixed_loss(features, annotators, batch, unused);
  stacked_losses.sum().backward();
  {
    // A unit gradient step moves each replica's parameters by exactly its gradient.
    torch::NoGradGuard no_grad;
    parameters.values().sub_(parameters.gradients());
  }

  for (int64_t r = 0; r < replicas; ++r) {
    const Pairs& own = pairs[static_cast<std::size_t>(r)];
    AnnotMixNetwork& network = networks[static_cast<std::size_t>(r)];
    const torch::Tensor loss = annot_mix_mixed_loss(
        *network, features.index_select(0, index_tensor(own.instance)),
        annotators.index_select(0, index_tensor(own.annotator)), index_tensor(own.label),
        torch::tensor(own.lambda), index_tensor(own.permutation));
    EXPECT_NEAR(stacked_losses[r].item<double>(), loss.item<double>(), 1e-5) << "replica " << r;
    loss.backward();
    AnnotMixNetwork from_stack = network_with_seed(99);
    stacked.copy_replica_to(r, *from_stack);
    torch::NoGradGuard no_grad;
    const auto expected = network->named_parameters();
    const auto actual = from_stack->named_parameters();
    for (const auto& item : expected) {
      const torch::Tensor stepped = item.value() - item.value().grad();
      EXPECT_TRUE(torch::allclose(actual[item.key()], stepped, 1e-4, 1e-5)) << "replica " << r << ": " << item.key();
    }
    // Batch normalisation's running statistics moved by this replica's real rows only.
    const auto expected_buffers = network->named_buffers();
    const auto actual_buffers = from_stack->named_buffers();
    for (const auto& item : expected_buffers) {
      if (!item.value().is_floating_point()) continue;  // num_batches_tracked
      EXPECT_TRUE(torch::allclose(actual_buffers[item.key()], item.value(), 1e-4, 1e-6))
          << "replica " << r << ": " << item.key();
    }
  }
}

}  // namespace
}  // namespace annotbench
