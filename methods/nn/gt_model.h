#pragma once
// The ground-truth (GT) classifier every method shares: the paper's tabular network (reference
// repository, maml/architectures/_tabnet.py with conf/architecture/tabnet_letter_sim.yaml).
// Internal header: only training code includes it.

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace annotbench {

struct GroundTruthModelImpl : torch::nn::Module {
  // embed_x: for each hidden width, Linear -> BatchNorm1d -> ReLU -> Dropout; output: Linear to C
  // logits. The reference network has the batch normalisation after every linear layer, so we keep
  // it by default; `batch_norm = false` gives the plain MLP.
  GroundTruthModelImpl(int64_t num_features, int64_t num_classes,
                       std::vector<int64_t> hidden = {256, 128}, double dropout = 0.0,
                       bool batch_norm = true);

  // h(x): B x embedding_size(); the input itself when `hidden` is empty.
  torch::Tensor embed(const torch::Tensor& x);
  // Class logits (B x C) from an embedding.
  torch::Tensor classify(const torch::Tensor& h);
  torch::Tensor forward(const torch::Tensor& x) { return classify(embed(x)); }

  int64_t embedding_size() const { return embedding_size_; }
  int64_t num_classes() const { return num_classes_; }

  torch::nn::Sequential embed_x{nullptr};
  torch::nn::Linear output{nullptr};

 private:
  int64_t embedding_size_ = 0;
  int64_t num_classes_ = 0;
};
TORCH_MODULE(GroundTruthModel);

}  // namespace annotbench
