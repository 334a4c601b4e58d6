#pragma once
// annot-mix's network and training losses (Herde et al., ECAI 2024; reference
// maml/classifiers/_annot_mix.py), exposed for the tests. Internal header.

#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "methods/nn/gt_model.h"
#include "methods/nn/multi_annotator.h"

namespace annotbench {

struct AnnotMixNetworkOutput {
  torch::Tensor class_logits;      // L x C
  torch::Tensor confusion_logits;  // L x C x C, row c: logits of the annotated class given y = c
};

struct AnnotMixNetworkImpl : torch::nn::Module {
  // `hidden_layer`: the reference's AP hidden block (Dropout 0.5, Linear 2E->E, BatchNorm, ReLU);
  // without it the concatenated embeddings go straight to the output layer.
  AnnotMixNetworkImpl(int64_t num_features, int64_t num_classes, int64_t annotator_feature_size,
                      int64_t embed_size, bool hidden_layer, double eta,
                      std::vector<int64_t> gt_hidden = {256, 128});

  // GT on x (L x D); AP on h(x).detach() and a (L x A), row by row.
  AnnotMixNetworkOutput forward(const torch::Tensor& x, const torch::Tensor& a);
  // AP alone, from GT embeddings h (L x H) and annotator features a (L x A).
  torch::Tensor confusion_logits(const torch::Tensor& h, const torch::Tensor& a);

  int64_t num_classes;
  GroundTruthModel gt{nullptr};
  torch::nn::Linear ap_embed_a{nullptr}, ap_embed_x{nullptr}, ap_output{nullptr};
  torch::nn::Sequential ap_hidden{nullptr};
};
TORCH_MODULE(AnnotMixNetwork);

// The loss of one batch after mixup of the L labelled triples (x_i, a_i, onehot(z_i)) with weights
// lambda (size L) and one permutation (size L) shared by all three components.
torch::Tensor annot_mix_mixed_loss(AnnotMixNetworkImpl& network, const torch::Tensor& pair_features,
                                   const torch::Tensor& pair_annotators, const torch::Tensor& pair_targets,
                                   const torch::Tensor& lambda, const torch::Tensor& permutation);

// Without mixup (alpha <= 0): GT on the B instances, AP on each labelled pair; the multi-annotator
// marginal log-likelihood averaged over the L labels.
torch::Tensor annot_mix_unmixed_loss(AnnotMixNetworkImpl& network, const torch::Tensor& batch_features,
                                     const torch::Tensor& annotator_features, const LabelledPairs& pairs);

}  // namespace annotbench
