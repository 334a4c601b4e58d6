#pragma once
// The ground-truth (GT) classifier every method shares: the paper's tabular network (reference
// repository, maml/architectures/_tabnet.py with conf/architecture/tabnet_letter_sim.yaml).
// Internal header: only training code includes it.

#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "methods/method.h"

namespace annotbench {

struct GroundTruthModelImpl : torch::nn::Module {
  // embed_x: for each hidden width, Linear -> BatchNorm1d -> ReLU -> Dropout; output: Linear to C
  // logits. The reference network has the batch normalisation after every linear layer, so we keep
  // it by default; `batch_norm = false` gives the plain MLP.
  // The dropout is BitDropout: its masks come from the generator given to use_dropout_stream, so
  // a run draws them from its own seeded stream (run --jobs K stays reproducible).
  GroundTruthModelImpl(int64_t num_features, int64_t num_classes,
                       std::vector<int64_t> hidden = {256, 128}, double dropout = 0.0,
                       bool batch_norm = true);
  // The network of the data set's recipe: settings.hidden_widths and settings.dropout.
  GroundTruthModelImpl(int64_t num_features, int64_t num_classes, const TrainingSettings& settings)
      : GroundTruthModelImpl(num_features, num_classes, settings.hidden_widths, settings.dropout) {}

  // Every dropout layer of embed_x draws its masks from `stream` (a generator on the model's device).
  void use_dropout_stream(const torch::Generator& stream);

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
