#include "methods/acquisition/folds.h"

#include "methods/acquisition/scores.h"

namespace annotbench {

std::vector<int> fold_assignment(std::size_t count, int folds, std::uint64_t seed) {
  std::vector<int> fold_of(count, 0);
  const std::vector<std::size_t> order = random_positions(count, count, seed);
  for (std::size_t k = 0; k < count; ++k) fold_of[order[k]] = static_cast<int>(k % static_cast<std::size_t>(folds));
  return fold_of;
}

std::vector<FoldJob> fold_jobs(const std::vector<int>& fold_of, int folds) {
  std::vector<FoldJob> jobs(static_cast<std::size_t>(folds));
  for (std::size_t position = 0; position < fold_of.size(); ++position)
    for (int f = 0; f < folds; ++f)
      (fold_of[position] == f ? jobs[static_cast<std::size_t>(f)].predict_positions
                              : jobs[static_cast<std::size_t>(f)].train_positions)
          .push_back(position);
  return jobs;
}

}  // namespace annotbench
