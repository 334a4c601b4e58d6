#pragma once
// The classifier an active-learning round trains (DARL spec §3.5): an MLP D → 128 → 128 → C with ReLU,
// no batch normalisation and no dropout, Adam (lr 1e-3, weight decay 1e-4), batch 32, fresh weights
// every round, max(30 epochs, 1000 steps) capped at 3000 steps, no early stopping. Several independent
// models (a round's k out-of-fold models) train together as batched replicas (methods/nn/
// stacked_gt_model.h) or one after the other. Torch-free interface.

#include <cstdint>
#include <string>
#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

struct ActiveModelRecipe {
  std::vector<int64_t> hidden = {128, 128};
  double learning_rate = 1e-3;
  double weight_decay = 1e-4;
  int batch_size = 32;
  int min_epochs = 30;
  int min_steps = 1000;
  int max_steps = 3000;
  std::string device = "cpu";
};

// max(min_epochs · ⌈rows / batch⌉, min_steps), at most max_steps.
int64_t training_steps(const ActiveModelRecipe& recipe, std::size_t rows);

// One model: it trains on rows `train_rows` of the features with `train_labels`, from weights seeded by
// `seed`, and returns p̂(·|x) for `predict_rows`.
struct ModelJob {
  std::vector<std::size_t> train_rows;
  std::vector<int> train_labels;
  std::vector<std::size_t> predict_rows;
  std::uint64_t seed = 0;
};

// Every job trains for `steps` steps (each on a batch of min(batch, its rows) drawn from its own
// reshuffled epochs); batched: all together as stacked replicas, one pass; otherwise one by one. A job's
// result does not depend on the other jobs (up to floating-point summation order in batched form).
std::vector<FeatureMatrix> fit_and_predict(const FeatureMatrix& features, int num_classes,
                                           const std::vector<ModelJob>& jobs, int64_t steps,
                                           const ActiveModelRecipe& recipe, bool batched);

}  // namespace annotbench
