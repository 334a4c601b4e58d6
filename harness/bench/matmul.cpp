#include "harness/bench/matmul.h"

#include <torch/torch.h>

namespace annotbench {

double matmul_flops(std::int64_t n) {
  const double size = static_cast<double>(n);
  return 2.0 * size * size * size;
}

double gflops_per_second(double flops, double seconds) { return seconds > 0.0 ? flops / seconds / 1e9 : 0.0; }

struct SquareMatmul::Operands {
  torch::Tensor left, right, product;
};

SquareMatmul::SquareMatmul(std::int64_t n) : n_(n), operands_(std::make_unique<Operands>()) {
  const torch::Generator generator = torch::make_generator<torch::CPUGeneratorImpl>(1024);
  operands_->left = torch::randn({n, n}, generator, torch::kFloat32);
  operands_->right = torch::randn({n, n}, generator, torch::kFloat32);
  operands_->product = torch::empty({n, n}, torch::kFloat32);
}

SquareMatmul::~SquareMatmul() = default;

// Into a preallocated result: the benchmark times the BLAS call, not the allocator.
void SquareMatmul::multiply() { torch::mm_out(operands_->product, operands_->left, operands_->right); }

}  // namespace annotbench
