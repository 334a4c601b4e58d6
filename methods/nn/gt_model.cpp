#include "methods/nn/gt_model.h"

#include "methods/nn/dropout.h"
#include "methods/nn/stacked_layers.h"

namespace annotbench {

GroundTruthModelImpl::GroundTruthModelImpl(int64_t num_features, int64_t num_classes,
                                           std::vector<int64_t> hidden, double dropout,
                                           bool batch_norm)
    : num_classes_(num_classes) {
  embed_x = torch::nn::Sequential();
  int64_t width = num_features;
  for (const int64_t next : hidden) {
    embed_x->push_back(torch::nn::Linear(width, next));
    if (batch_norm) embed_x->push_back(torch::nn::BatchNorm1d(next));
    embed_x->push_back(torch::nn::ReLU());
    embed_x->push_back(BitDropout(dropout));
    width = next;
  }
  embedding_size_ = width;
  register_module("embed_x", embed_x);
  output = register_module("output", torch::nn::Linear(width, num_classes));
}

torch::Tensor GroundTruthModelImpl::embed(const torch::Tensor& x) {
  // An empty Sequential is the identity (a network without hidden layers).
  return embed_x->is_empty() ? x : embed_x->forward(x);
}

void GroundTruthModelImpl::use_dropout_stream(const torch::Generator& stream) {
  for (const auto& dropout : modules_of<BitDropoutImpl>(embed_x)) dropout->generator = stream;
}

torch::Tensor GroundTruthModelImpl::classify(const torch::Tensor& h) { return output->forward(h); }

}  // namespace annotbench
