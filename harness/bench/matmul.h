#pragma once
// The BLAS check of the benchmarks: a float matrix product through LibTorch (torch::mm), whose speed
// tells whether LibTorch reached an optimised BLAS. No torch in this header.

#include <cstdint>
#include <memory>

namespace annotbench {

// Floating-point operations of an n x n by n x n product: n^2 dot products of n multiplies and n adds.
double matmul_flops(std::int64_t n);

// flops / seconds in units of 1e9; 0 when no time passed.
double gflops_per_second(double flops, double seconds);

// Two seeded n x n float matrices, made once; multiply() computes their product.
class SquareMatmul {
 public:
  explicit SquareMatmul(std::int64_t n);
  ~SquareMatmul();
  void multiply();
  std::int64_t size() const { return n_; }

 private:
  struct Operands;
  std::int64_t n_;
  std::unique_ptr<Operands> operands_;
};

}  // namespace annotbench
