#pragma once
// Every parameter of a network in one contiguous buffer, and every gradient in another. A small
// network's step is dominated by the per-tensor cost of the optimiser and of zeroing gradients
// (a dozen tiny kernels per parameter); with one buffer the optimiser updates all parameters, of
// all replicas, in a handful of kernels. Internal header: only training code includes it.

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace annotbench {

class FlatParameters {
 public:
  // Copies each *slot into the value buffer on `device` and replaces it with a leaf that shares
  // the buffer's storage and requires grad. Each leaf's .grad() is preset to its slice of the
  // gradient buffer: autograd then accumulates into the buffer in place (AccumulateGrad adds to a
  // defined gradient instead of replacing it), so the gradient buffer is the whole gradient.
  FlatParameters(const std::vector<torch::Tensor*>& slots, const torch::Device& device);

  // Moves the storage of each parameter (float32 leaves on one device, e.g. a module's
  // parameters()) into the value buffer in place (Tensor::set_), so the module that owns them keeps
  // training the same tensors. Each gradient is preset to its slice of the gradient buffer as
  // above. Call after the module has reached its device: a later .to() would copy the parameters
  // out of the buffer.
  explicit FlatParameters(const std::vector<torch::Tensor>& parameters);

  // The value buffer as a leaf whose gradient is the gradient buffer: hand it to an optimiser as
  // its one parameter. Updating it in place updates every leaf.
  const torch::Tensor& values() const { return values_; }
  const torch::Tensor& gradients() const { return gradients_; }

  // Zeroes the gradient buffer in one kernel. Never use Optimizer::zero_grad on these leaves:
  // LibTorch 2.x sets gradients to undefined, which would detach them from the buffer.
  void zero_grad() { gradients_.zero_(); }

  int64_t size() const { return values_.numel(); }

 private:
  torch::Tensor values_;
  torch::Tensor gradients_;
};

// The optimiser's view of `parameters` (a module's parameters(), say): those that require a gradient
// adopted in place into one FlatParameters buffer, returned as that buffer's one leaf. An optimiser
// built on it makes the same updates element by element as one built on the separate tensors, in a
// dozen kernels per step instead of a dozen per tensor. Tensors that need no gradient are left out:
// they never had one, so the separate-tensor optimiser skipped them too.
std::vector<torch::Tensor> flat_trainable(const std::vector<torch::Tensor>& parameters);

}  // namespace annotbench
