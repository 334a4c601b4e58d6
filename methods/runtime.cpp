#include "methods/runtime.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <dlfcn.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace annotbench {

std::map<std::string, std::string> torch_runtime_facts() {
  std::map<std::string, std::string> facts = {{"torch", TORCH_VERSION},
                                              {"cuda", torch::cuda::is_available() ? "available" : "not available"},
                                              {"threads", std::to_string(torch::get_num_threads())}};
  if (const int blas = blas_threads(); blas > 0) facts["blas_threads"] = std::to_string(blas);
  return facts;
}

int blas_threads() {
  using GetThreads = int (*)();
  for (const char* name : {"openblas_get_num_threads", "goto_get_num_threads"})
    if (auto get = reinterpret_cast<GetThreads>(dlsym(RTLD_DEFAULT, name))) return get();
  return 0;
}

void pin_training_threads() { set_torch_threads(1); }

bool cuda_available() { return torch::cuda::is_available(); }

void keep_freed_memory() {
#if defined(__GLIBC__)
  // 32 MiB is the largest mmap threshold glibc accepts on 64-bit; blocks below it come from the
  // heap, and a 1 GiB trim threshold keeps the heap's freed top for the next step.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

std::string error_message(const std::exception& error) {
  const auto* torch_error = dynamic_cast<const c10::Error*>(&error);
  if (torch_error == nullptr) return error.what();
  const std::string message = torch_error->what_without_backtrace();
  return message.substr(0, message.find('\n'));
}

void set_torch_threads(int threads) {
  if (threads <= 0) return;
  torch::set_num_threads(threads);
  // LibTorch's thread count does not reach the BLAS behind it. OpenBLAS keeps its own pool (as many
  // threads as cores), and two cells calling it at once from `run --jobs 2` on 2 cores each woke
  // that pool: measured 15x slower per cell (trace-reg on letter, 3 epochs: 1.9 s alone, 29 s with
  // --jobs 2; 3.6 s with OPENBLAS_NUM_THREADS=1). The symbol is looked up at run time because
  // libblas.so.3 may be another BLAS (the reference BLAS has no threads and no such function).
  using SetThreads = void (*)(int);
  for (const char* name : {"openblas_set_num_threads", "goto_set_num_threads"}) {
    if (auto set_blas_threads = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, name))) {
      set_blas_threads(threads);
      break;
    }
  }
}

}  // namespace annotbench
