#pragma once
// annot-mix's network and training losses (Herde et al., ECAI 2024; reference
// maml/classifiers/_annot_mix.py), exposed for the tests. Internal header.

#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "datasets/dataset.h"
#include "methods/method.h"
#include "methods/nn/gt_model.h"
#include "methods/nn/stacked_gt_model.h"
#include "methods/nn/stacked_layers.h"
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
                      int64_t embed_size, bool hidden_layer, double eta, const TrainingSettings& settings);

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
// lambda (size L) and one permutation pi (size L) shared by all three components. The mixed target
// lambda_i onehot(z_i) + (1 - lambda_i) onehot(z_pi(i)) has mass on two classes, so the loss is
// -(1/L) sum_i [lambda_i log p(z_i | x~_i, a~_i) + (1 - lambda_i) log p(z_pi(i) | x~_i, a~_i)].
// pair_labels: int64, size L.
torch::Tensor annot_mix_mixed_loss(AnnotMixNetworkImpl& network, const torch::Tensor& pair_features,
                                   const torch::Tensor& pair_annotators, const torch::Tensor& pair_labels,
                                   const torch::Tensor& lambda, const torch::Tensor& permutation);

// Without mixup (alpha <= 0): GT on the B instances, AP on each labelled pair; the multi-annotator
// marginal log-likelihood averaged over the L labels.
torch::Tensor annot_mix_unmixed_loss(AnnotMixNetworkImpl& network, const torch::Tensor& batch_features,
                                     const torch::Tensor& annotator_features, const LabelledPairs& pairs);


// ---- R replicas trained together (issue 6): stacked parameters, batched products, one optimiser
// step for all. Replica r is the run seeds[r] gives: its own initialisation, batch order and mixup
// draws; only the dropout masks of the AP hidden block come from one stream shared by all.

// The mixup draws of one step for R replicas, padded to the largest replica's number of pairs.
struct ReplicaPairBatch {
  torch::Tensor instance, partner_instance;    // R x L, int64 rows of the training set
  torch::Tensor annotator, partner_annotator;  // R x L, int64
  torch::Tensor label, partner_label;          // R x L, int64
  torch::Tensor lambda;                        // R x L, float; 1 on padding
  torch::Tensor pairs;                         // R, int64: the real pairs of each replica
};

class StackedAnnotMix {
 public:
  // Copies the R initialised networks (all of one shape) onto `device`.
  StackedAnnotMix(const std::vector<AnnotMixNetwork>& replicas, const torch::Device& device);

  // Each replica's annot-mix loss on its own mixed pairs (size R): the loss annot_mix_mixed_loss
  // gives that replica's network on the same pairs, lambdas and permutation.
  torch::Tensor mixed_loss(const torch::Tensor& features, const torch::Tensor& annotator_features,
                           const ReplicaPairBatch& batch, torch::Generator& dropout_generator);

  // Every trainable tensor, for FlatParameters.
  std::vector<torch::Tensor*> parameter_slots();

  // Replica r's trained parameters and running statistics back into an AnnotMixNetwork.
  void copy_replica_to(int64_t replica, AnnotMixNetworkImpl& network) const;

 private:
  StackedGroundTruthModel gt_;
  StackedLinear ap_embed_x_, ap_embed_a_, ap_output_;
  bool ap_hidden_layer_ = false;
  double ap_dropout_ = 0.0;
  StackedLinear ap_hidden_;
  StackedBatchNorm ap_norm_;
  int64_t num_classes_ = 0;
};

// Trains `networks` (R initialised replicas on settings.device) together for settings.epochs
// epochs of the annot-mix loss with mixup of strength alpha > 0; replica r shuffles and draws its
// mixup with seeds[r]. settings.seed is ignored; settings.on_epoch gets the replicas' mean loss.
void train_annot_mix_replicas(std::vector<AnnotMixNetwork>& networks, const torch::Tensor& features,
                              const AnnotationMatrix& annotations, const torch::Tensor& annotator_features,
                              const TrainingSettings& settings, const std::vector<std::uint64_t>& seeds,
                              double alpha, bool mix_only_annotators);

}  // namespace annotbench
