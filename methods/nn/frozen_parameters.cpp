#include "methods/nn/frozen_parameters.h"

#include <algorithm>
#include <stdexcept>

namespace annotbench {

std::vector<torch::Tensor> parameters_except(torch::nn::Module& module, const std::vector<std::string>& frozen) {
  const auto named = module.named_parameters(/*recurse=*/true);
  for (const std::string& name : frozen)
    if (named.find(name) == nullptr) throw std::invalid_argument("no parameter named '" + name + "' to freeze");
  std::vector<torch::Tensor> trained;
  for (const auto& item : named) {
    torch::Tensor parameter = item.value();
    if (std::find(frozen.begin(), frozen.end(), item.key()) != frozen.end()) {
      parameter.set_requires_grad(false);
    } else {
      trained.push_back(parameter);
    }
  }
  return trained;
}

}  // namespace annotbench
