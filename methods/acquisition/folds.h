#pragma once
// The fold map of out-of-fold probabilities (DARL spec §3.2): the labelled items are dealt into k
// folds, model f trains on every fold but f, and an item's probabilities come from the model of its
// own fold, the one model that never saw it.

#include <cstdint>
#include <vector>

namespace annotbench {

struct FoldJob {
  std::vector<std::size_t> train_positions;    // positions in the labelled list the model trains on
  std::vector<std::size_t> predict_positions;  // the positions it scores: its own fold
};

// A seeded shuffle of 0..count-1 dealt round-robin into `folds` folds (sizes differ by at most one).
std::vector<int> fold_assignment(std::size_t count, int folds, std::uint64_t seed);
std::vector<FoldJob> fold_jobs(const std::vector<int>& fold_of, int folds);

}  // namespace annotbench
