#pragma once
// Parameters that a reference implementation registers but never updates. CoNAL's and CrowdAR's
// reference code (maml/classifiers/_conal.py, _crowdar.py) hands some parameters to the optimiser
// as row views taken under no_grad, which never receive a gradient, so those parameters keep their
// initial values; the annot-mix paper's numbers were produced that way. Internal header: only
// training code includes it.

#include <torch/torch.h>

#include <string>
#include <vector>

namespace annotbench {

// The parameters of `module` (recursively, in registration order) that an optimiser should update:
// all but those whose full name (e.g. "common_confusion", "gt.output.weight") is in `frozen`. The
// frozen ones stop requiring grad, so that backward() does not compute gradients nobody uses.
// Throws std::invalid_argument for a name in `frozen` that the module does not have.
std::vector<torch::Tensor> parameters_except(torch::nn::Module& module, const std::vector<std::string>& frozen);

}  // namespace annotbench
