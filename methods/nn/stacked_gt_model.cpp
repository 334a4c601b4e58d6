#include "methods/nn/stacked_gt_model.h"

#include "methods/nn/dropout.h"

namespace annotbench {

StackedGroundTruthModel::StackedGroundTruthModel(const std::vector<GroundTruthModel>& replicas,
                                                 const torch::Device& device) {
  const GroundTruthModel& first = replicas.front();
  const std::size_t depth = modules_of<torch::nn::LinearImpl>(first->embed_x).size();
  const auto dropouts = modules_of<BitDropoutImpl>(first->embed_x);
  dropout_ = dropouts.empty() ? 0.0 : dropouts.front()->p;
  const bool batch_norm = !modules_of<torch::nn::BatchNorm1dImpl>(first->embed_x).empty();
  for (std::size_t layer = 0; layer < depth; ++layer) {
    std::vector<torch::nn::Linear> linears;
    std::vector<torch::nn::BatchNorm1d> norms;
    for (const auto& replica : replicas) {
      linears.emplace_back(modules_of<torch::nn::LinearImpl>(replica->embed_x)[layer]);
      if (batch_norm) norms.emplace_back(modules_of<torch::nn::BatchNorm1dImpl>(replica->embed_x)[layer]);
    }
    hidden_.push_back(stack_linear(linears));
    if (batch_norm) {
      StackedBatchNorm norm = stack_batch_norm(norms);
      norm.running_mean = norm.running_mean.to(device);
      norm.running_var = norm.running_var.to(device);
      norms_.push_back(std::move(norm));
    }
  }
  std::vector<torch::nn::Linear> outputs;
  for (const auto& replica : replicas) outputs.push_back(replica->output);
  output_ = stack_linear(outputs);
}

torch::Tensor StackedGroundTruthModel::embed(const torch::Tensor& x, const RowMask* mask, bool training,
                                             torch::Generator& generator) {
  torch::Tensor h = x;
  for (std::size_t layer = 0; layer < hidden_.size(); ++layer) {
    h = apply(hidden_[layer], h);
    if (!norms_.empty()) h = apply(norms_[layer], h, mask, training);
    h = inverted_dropout(torch::relu(h), dropout_, training, generator);
  }
  return h;
}

void StackedGroundTruthModel::collect_parameters(std::vector<torch::Tensor*>& slots) {
  for (std::size_t layer = 0; layer < hidden_.size(); ++layer) {
    annotbench::collect_parameters(hidden_[layer], slots);
    if (!norms_.empty()) annotbench::collect_parameters(norms_[layer], slots);
  }
  annotbench::collect_parameters(output_, slots);
}

void StackedGroundTruthModel::copy_replica_to(int64_t replica, GroundTruthModel& model) const {
  const auto linears = modules_of<torch::nn::LinearImpl>(model->embed_x);
  const auto norms = modules_of<torch::nn::BatchNorm1dImpl>(model->embed_x);
  for (std::size_t layer = 0; layer < hidden_.size(); ++layer) {
    torch::nn::Linear linear(linears[layer]);
    unstack_into(hidden_[layer], replica, linear);
    if (norms_.empty()) continue;
    torch::nn::BatchNorm1d norm(norms[layer]);
    unstack_into(norms_[layer], replica, norm);
  }
  unstack_into(output_, replica, model->output);
}

}  // namespace annotbench
