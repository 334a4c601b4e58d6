#pragma once
// Layers of R independent replicas of one network, evaluated together: every parameter carries a
// leading replica axis, a linear layer is one batched matrix product (baddbmm) over R x L x in
// inputs, and batch normalisation normalises each replica over its own rows only. Replica r's
// rows never meet another replica's, so each replica computes what its network alone would.
// Internal header: only training code includes it.

#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace annotbench {

struct StackedLinear {
  torch::Tensor weight;  // R x in x out (torch::nn::Linear's weight, transposed)
  torch::Tensor bias;    // R x 1 x out
};

struct StackedBatchNorm {
  torch::Tensor weight;        // R x 1 x F (gamma)
  torch::Tensor bias;          // R x 1 x F (beta)
  torch::Tensor running_mean;  // R x 1 x F, a buffer: no gradient
  torch::Tensor running_var;   // R x 1 x F, a buffer: no gradient
  double momentum = 0.1;       // torch::nn::BatchNorm1d's defaults
  double eps = 1e-5;
};

// The rows that are real in a padded R x L batch: replica r has count[r] rows, the rest padding.
struct RowMask {
  torch::Tensor weights;  // R x L x 1 float, 1 for a real row, 0 for padding
  torch::Tensor count;    // R x 1 x 1 float
};
RowMask row_mask(const torch::Tensor& rows_per_replica, int64_t padded_rows);

// The modules of `sequential` that are an Impl (LinearImpl, BatchNorm1dImpl, ...), in order: how a
// stacked network finds the layers of the modules it is built from and copied back into.
template <typename Impl>
std::vector<std::shared_ptr<Impl>> modules_of(const torch::nn::Sequential& sequential) {
  std::vector<std::shared_ptr<Impl>> found;
  for (const auto& module : sequential->children())
    if (auto typed = std::dynamic_pointer_cast<Impl>(module)) found.push_back(std::move(typed));
  return found;
}

// Stacks layer r of every replica's module along a new leading axis.
StackedLinear stack_linear(const std::vector<torch::nn::Linear>& layers);
StackedBatchNorm stack_batch_norm(const std::vector<torch::nn::BatchNorm1d>& layers);

// Replica r's values back into an ordinary module of the same shape.
void unstack_into(const StackedLinear& stacked, int64_t replica, torch::nn::Linear& layer);
void unstack_into(const StackedBatchNorm& stacked, int64_t replica, torch::nn::BatchNorm1d& layer);

// x: R x L x in -> R x L x out.
torch::Tensor apply(const StackedLinear& layer, const torch::Tensor& x);

// Training mode: each replica's rows are normalised by the mean and biased variance of its real
// rows (padding excluded), and the running statistics move towards them with the unbiased
// variance, as torch::nn::BatchNorm1d does. Evaluation mode: the running statistics.
torch::Tensor apply(StackedBatchNorm& norm, const torch::Tensor& x, const RowMask* mask, bool training);

// Pointers to every trainable tensor (not the running statistics), for FlatParameters.
void collect_parameters(StackedLinear& layer, std::vector<torch::Tensor*>& slots);
void collect_parameters(StackedBatchNorm& norm, std::vector<torch::Tensor*>& slots);

}  // namespace annotbench
