#include "methods/runtime.h"

#include <torch/torch.h>
#include <torch/version.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace annotbench {

std::map<std::string, std::string> torch_runtime_facts() {
  return {{"torch", TORCH_VERSION},
          {"cuda", torch::cuda::is_available() ? "available" : "not available"},
          {"threads", std::to_string(torch::get_num_threads())}};
}

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
  if (threads > 0) torch::set_num_threads(threads);
}

}  // namespace annotbench
