#include "methods/nn/stacked_layers.h"

namespace annotbench {

RowMask row_mask(const torch::Tensor& rows_per_replica, int64_t padded_rows) {
  const auto options = torch::TensorOptions().dtype(torch::kFloat32).device(rows_per_replica.device());
  const torch::Tensor positions = torch::arange(padded_rows, options.dtype(torch::kInt64)).unsqueeze(0);
  RowMask mask;
  mask.weights = (positions < rows_per_replica.unsqueeze(1)).to(torch::kFloat32).unsqueeze(-1);
  mask.count = rows_per_replica.to(torch::kFloat32).view({-1, 1, 1});
  return mask;
}

StackedLinear stack_linear(const std::vector<torch::nn::Linear>& layers) {
  std::vector<torch::Tensor> weights, biases;
  for (const auto& layer : layers) {
    weights.push_back(layer->weight.detach().t());
    biases.push_back(layer->bias.detach().unsqueeze(0));
  }
  return {torch::stack(weights).contiguous(), torch::stack(biases).contiguous()};
}

StackedBatchNorm stack_batch_norm(const std::vector<torch::nn::BatchNorm1d>& layers) {
  std::vector<torch::Tensor> weight, bias, mean, var;
  for (const auto& layer : layers) {
    weight.push_back(layer->weight.detach().unsqueeze(0));
    bias.push_back(layer->bias.detach().unsqueeze(0));
    mean.push_back(layer->running_mean.detach().unsqueeze(0));
    var.push_back(layer->running_var.detach().unsqueeze(0));
  }
  StackedBatchNorm norm;
  norm.weight = torch::stack(weight).contiguous();
  norm.bias = torch::stack(bias).contiguous();
  norm.running_mean = torch::stack(mean).contiguous();
  norm.running_var = torch::stack(var).contiguous();
  const auto& options = layers.front()->options;
  norm.momentum = options.momentum().value_or(0.1);
  norm.eps = options.eps();
  return norm;
}

void unstack_into(const StackedLinear& stacked, int64_t replica, torch::nn::Linear& layer) {
  torch::NoGradGuard no_grad;
  layer->weight.copy_(stacked.weight[replica].t());
  layer->bias.copy_(stacked.bias[replica].squeeze(0));
}

void unstack_into(const StackedBatchNorm& stacked, int64_t replica, torch::nn::BatchNorm1d& layer) {
  torch::NoGradGuard no_grad;
  layer->weight.copy_(stacked.weight[replica].squeeze(0));
  layer->bias.copy_(stacked.bias[replica].squeeze(0));
  layer->running_mean.copy_(stacked.running_mean[replica].squeeze(0));
  layer->running_var.copy_(stacked.running_var[replica].squeeze(0));
}

torch::Tensor apply(const StackedLinear& layer, const torch::Tensor& x) {
  return torch::baddbmm(layer.bias, x, layer.weight);
}

torch::Tensor apply(StackedBatchNorm& norm, const torch::Tensor& x, const RowMask* mask, bool training) {
  if (!training) return (x - norm.running_mean) * torch::rsqrt(norm.running_var + norm.eps) * norm.weight + norm.bias;
  torch::Tensor mean, centred, variance;
  if (mask != nullptr) {
    mean = (x * mask->weights).sum(1, true) / mask->count;
    centred = x - mean;
    variance = (centred.square() * mask->weights).sum(1, true) / mask->count;
  } else {
    mean = x.mean(1, true);
    centred = x - mean;
    variance = centred.square().mean(1, true);
  }
  {
    torch::NoGradGuard no_grad;
    const torch::Tensor count =
        mask != nullptr ? mask->count : torch::full({1, 1, 1}, static_cast<double>(x.size(1)), x.options());
    // Running variance is the unbiased estimate, n / (n - 1) times the batch's biased one.
    const torch::Tensor unbiased = variance.detach() * count / (count - 1).clamp_min(1);
    norm.running_mean.mul_(1 - norm.momentum).add_(mean.detach(), norm.momentum);
    norm.running_var.mul_(1 - norm.momentum).add_(unbiased, norm.momentum);
  }
  return centred * torch::rsqrt(variance + norm.eps) * norm.weight + norm.bias;
}

void collect_parameters(StackedLinear& layer, std::vector<torch::Tensor*>& slots) {
  slots.push_back(&layer.weight);
  slots.push_back(&layer.bias);
}

void collect_parameters(StackedBatchNorm& norm, std::vector<torch::Tensor*>& slots) {
  slots.push_back(&norm.weight);
  slots.push_back(&norm.bias);
}

}  // namespace annotbench
