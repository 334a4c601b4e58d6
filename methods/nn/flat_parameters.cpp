#include "methods/nn/flat_parameters.h"

namespace annotbench {

FlatParameters::FlatParameters(const std::vector<torch::Tensor*>& slots, const torch::Device& device) {
  int64_t total = 0;
  for (const torch::Tensor* slot : slots) total += slot->numel();
  const auto options = torch::TensorOptions().dtype(torch::kFloat32).device(device);
  torch::NoGradGuard no_grad;
  values_ = torch::empty({total}, options);
  gradients_ = torch::zeros({total}, options);
  int64_t offset = 0;
  for (torch::Tensor* slot : slots) {
    const int64_t count = slot->numel();
    const auto shape = slot->sizes().vec();
    torch::Tensor value = values_.narrow(0, offset, count).view(shape);
    value.copy_(slot->detach().reshape(shape));
    // detach() keeps the storage: the leaf is a window onto the buffer, not a copy.
    torch::Tensor leaf = value.detach().requires_grad_(true);
    leaf.mutable_grad() = gradients_.narrow(0, offset, count).view(shape);
    *slot = leaf;
    offset += count;
  }
  values_.requires_grad_(true);
  values_.mutable_grad() = gradients_;
}

FlatParameters::FlatParameters(const std::vector<torch::Tensor>& parameters) {
  TORCH_CHECK(!parameters.empty(), "FlatParameters: no parameters");
  int64_t total = 0;
  for (const torch::Tensor& parameter : parameters) {
    TORCH_CHECK(parameter.scalar_type() == torch::kFloat32 && parameter.device() == parameters.front().device(),
                "FlatParameters: every parameter must be float32 on one device");
    total += parameter.numel();
  }
  const auto options = torch::TensorOptions().dtype(torch::kFloat32).device(parameters.front().device());
  torch::NoGradGuard no_grad;
  values_ = torch::empty({total}, options);
  gradients_ = torch::zeros({total}, options);
  int64_t offset = 0;
  for (torch::Tensor parameter : parameters) {
    const int64_t count = parameter.numel();
    const auto shape = parameter.sizes().vec();
    const torch::Tensor window = values_.narrow(0, offset, count).view(shape);
    window.copy_(parameter);
    // Same TensorImpl, new storage: the module's handle now reads and writes the buffer.
    parameter.set_(values_.storage(), offset, shape, window.strides());
    parameter.mutable_grad() = gradients_.narrow(0, offset, count).view(shape);
    offset += count;
  }
  values_.requires_grad_(true);
  values_.mutable_grad() = gradients_;
}

std::vector<torch::Tensor> flat_trainable(const std::vector<torch::Tensor>& parameters) {
  std::vector<torch::Tensor> trainable;
  for (const torch::Tensor& parameter : parameters)
    if (parameter.requires_grad()) trainable.push_back(parameter);
  if (trainable.empty()) return {};
  return {FlatParameters(trainable).values()};
}

}  // namespace annotbench
