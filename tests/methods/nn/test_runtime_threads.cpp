// run --jobs K gives each cell cores/K threads; the BLAS under LibTorch must get the same count, or two
// cells on 2 cores each wake OpenBLAS's full pool and run an order of magnitude slower (measured 15x).

#include <gtest/gtest.h>

#include <dlfcn.h>
#include <torch/torch.h>

#include "methods/runtime.h"

namespace annotbench {
namespace {

TEST(RuntimeThreads, TheBlasGetsTheThreadCountLibTorchGets) {
  using GetThreads = int (*)();
  const auto blas_threads = reinterpret_cast<GetThreads>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
  if (blas_threads == nullptr) GTEST_SKIP() << "libblas.so.3 is not OpenBLAS here: it has no threads of its own";
  const int torch_before = torch::get_num_threads();
  set_torch_threads(1);
  EXPECT_EQ(torch::get_num_threads(), 1);
  EXPECT_EQ(blas_threads(), 1);
  set_torch_threads(2);
  EXPECT_EQ(blas_threads(), 2);
  set_torch_threads(torch_before);
}

}  // namespace
}  // namespace annotbench
