#pragma once
// R replicas of the ground-truth network (methods/nn/gt_model.h) with stacked parameters: the
// batched form of GroundTruthModel, built from R initialised modules so that replica r starts
// exactly where GroundTruthModel r starts. Internal header: only training code includes it.

#include <torch/torch.h>

#include <vector>

#include "methods/nn/gt_model.h"
#include "methods/nn/stacked_layers.h"

namespace annotbench {

class StackedGroundTruthModel {
 public:
  StackedGroundTruthModel(const std::vector<GroundTruthModel>& replicas, const torch::Device& device);

  // h(x): R x L x embedding from R x L x D; `mask` marks the real rows for batch normalisation.
  torch::Tensor embed(const torch::Tensor& x, const RowMask* mask, bool training, torch::Generator& generator);
  // Class logits, R x L x C.
  torch::Tensor classify(const torch::Tensor& h) const { return apply(output_, h); }

  void collect_parameters(std::vector<torch::Tensor*>& slots);

  // Replica r's trained parameters and running statistics back into a GroundTruthModel of the same
  // shape: a fitted replica is then an ordinary model, predicted with the single-run code.
  void copy_replica_to(int64_t replica, GroundTruthModel& model) const;

 private:
  std::vector<StackedLinear> hidden_;
  std::vector<StackedBatchNorm> norms_;  // empty: the network has no batch normalisation
  double dropout_ = 0.0;
  StackedLinear output_;
};

}  // namespace annotbench
