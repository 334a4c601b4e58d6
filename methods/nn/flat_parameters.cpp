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

}  // namespace annotbench
