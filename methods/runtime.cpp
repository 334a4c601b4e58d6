#include "methods/runtime.h"

#include <torch/torch.h>
#include <torch/version.h>

namespace annotbench {

std::map<std::string, std::string> torch_runtime_facts() {
  return {{"torch", TORCH_VERSION},
          {"cuda", torch::cuda::is_available() ? "available" : "not available"},
          {"threads", std::to_string(torch::get_num_threads())}};
}

bool cuda_available() { return torch::cuda::is_available(); }

void set_torch_threads(int threads) {
  if (threads > 0) torch::set_num_threads(threads);
}

}  // namespace annotbench
