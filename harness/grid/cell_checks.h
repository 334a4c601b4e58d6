#pragma once
// What can be wrong with a cell's settings before any data is loaded or anything is trained: a
// config is checked whole at load, and `train` before it reads data (probe U7, W12, U12). A typo
// in the last setting of a grid must fail now, not after every cell before it has trained, and a
// learning rate of -1 must not reach LibTorch, whose error carries a C++ stack trace.

#include <optional>
#include <string>

#include "harness/grid/experiment.h"

namespace annotbench {

struct SettingProblem {
  std::string field;    // as a config names it: "learning_rate", "split.test_fraction", "simulator", ...
  std::string problem;  // e.g. "must be a finite number > 0, got -1"
};

// The first problem of `cell`, or none. Checks the training settings' ranges, the split, that the
// data set is registered, the simulator (kind, option names, rates, annotation process), the
// method and its options, and that CUDA is there when asked for.
std::optional<SettingProblem> first_problem(const ExperimentCell& cell);

}  // namespace annotbench
