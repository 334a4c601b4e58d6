#pragma once
// Runs the plain-PyTorch version of the annot-mix step (pytorch_annot_mix_step.py) with Debian's
// python3-torch, for the comparison `annotbench bench --pytorch` prints. No torch.

#include <string>

#include "harness/bench/bench_results.h"

namespace annotbench {

// The script of this checkout (source tree), else the copy next to the binary. Throws ConfigError.
std::string pytorch_step_script();

// $ANNOTBENCH_PYTHON, else /usr/bin/python3 (the interpreter Debian's python3-torch belongs to).
std::string pytorch_python();

// Times `steps` steps after `warm_up` ones on `threads` threads. Throws ConfigError with advice when
// python3 or its torch is missing, std::runtime_error when the script fails otherwise.
PytorchStepResult run_pytorch_step(int threads, int steps, int warm_up);

}  // namespace annotbench
