#include "methods/acquisition/active_classifier.h"

#include <torch/torch.h>

#include <algorithm>

#include "datasets/random.h"
#include "methods/nn/flat_parameters.h"
#include "methods/nn/gt_model.h"
#include "methods/nn/stacked_gt_model.h"
#include "methods/nn/training.h"

namespace annotbench {

int64_t training_steps(const ActiveModelRecipe& recipe, std::size_t rows) {
  const int64_t batches = (static_cast<int64_t>(rows) + recipe.batch_size - 1) / recipe.batch_size;
  return std::min<int64_t>(recipe.max_steps, std::max<int64_t>(recipe.min_epochs * batches, recipe.min_steps));
}

namespace {

// An endless stream of a job's training rows: one reshuffled epoch after another.
class BatchStream {
 public:
  BatchStream(const ModelJob& job, std::uint64_t seed) : rng_(seed), order_(job.train_rows.size()) {
    for (std::size_t k = 0; k < order_.size(); ++k) order_[k] = k;
    next_ = order_.size();
  }
  // Positions into the job's training rows.
  std::size_t next() {
    if (next_ == order_.size()) {
      std::shuffle(order_.begin(), order_.end(), rng_);
      next_ = 0;
    }
    return order_[next_++];
  }

 private:
  Rng rng_;
  std::vector<std::size_t> order_;
  std::size_t next_ = 0;
};

std::vector<FeatureMatrix> fit_together(const torch::Tensor& inputs, int num_classes, const std::vector<ModelJob>& jobs,
                                        int64_t steps, const ActiveModelRecipe& recipe) {
  const torch::Device device = parse_device(recipe.device);
  const int64_t replicas = static_cast<int64_t>(jobs.size());
  std::vector<GroundTruthModel> models;
  for (const ModelJob& job : jobs) {
    SeededInitialisation seeded(job.seed, "active model");
    models.emplace_back(inputs.size(1), num_classes, recipe.hidden, 0.0, false);
  }
  torch::Generator dropout_stream = SeededInitialisation(jobs.front().seed, "active dropout").continued_stream(device);
  StackedGroundTruthModel stacked(models, device);
  std::vector<torch::Tensor*> slots;
  stacked.collect_parameters(slots);
  FlatParameters parameters(slots, device);
  // Adam is element-wise, so one optimiser over every replica's flat parameters makes each replica's
  // updates exactly those of its own optimiser.
  torch::optim::Adam optimizer({parameters.values()},
                               torch::optim::AdamOptions(recipe.learning_rate).weight_decay(recipe.weight_decay));

  int64_t batch = recipe.batch_size;
  for (const ModelJob& job : jobs) batch = std::min<int64_t>(batch, static_cast<int64_t>(job.train_rows.size()));
  std::vector<BatchStream> streams;
  streams.reserve(jobs.size());
  for (const ModelJob& job : jobs) streams.emplace_back(job, derive_seed(job.seed, "active batches"));
  const torch::Tensor device_inputs = inputs.to(device);
  std::vector<int64_t> rows(static_cast<std::size_t>(replicas * batch));
  std::vector<int64_t> labels(rows.size());
  for (int64_t step = 0; step < steps; ++step) {
    for (int64_t r = 0; r < replicas; ++r)
      for (int64_t k = 0; k < batch; ++k) {
        const std::size_t position = streams[static_cast<std::size_t>(r)].next();
        rows[static_cast<std::size_t>(r * batch + k)] = static_cast<int64_t>(jobs[static_cast<std::size_t>(r)].train_rows[position]);
        labels[static_cast<std::size_t>(r * batch + k)] = jobs[static_cast<std::size_t>(r)].train_labels[position];
      }
    const torch::Tensor row_index = torch::tensor(rows, torch::kInt64).to(device);
    const torch::Tensor target = torch::tensor(labels, torch::kInt64).to(device);
    const torch::Tensor x = device_inputs.index_select(0, row_index).view({replicas, batch, -1});
    const torch::Tensor logits = stacked.classify(stacked.embed(x, nullptr, true, dropout_stream));
    // Each replica's mean batch loss; their sum keeps the replicas' gradients apart.
    const torch::Tensor loss =
        torch::nn::functional::cross_entropy(logits.view({replicas * batch, num_classes}), target,
                                             torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum)) /
        static_cast<double>(batch);
    parameters.zero_grad();
    loss.backward();
    optimizer.step();
  }

  std::vector<FeatureMatrix> predictions;
  torch::NoGradGuard no_grad;
  for (int64_t r = 0; r < replicas; ++r) {
    GroundTruthModel& model = models[static_cast<std::size_t>(r)];
    model->to(device);
    stacked.copy_replica_to(r, model);
    model->eval();
    const ModelJob& job = jobs[static_cast<std::size_t>(r)];
    std::vector<int64_t> predict(job.predict_rows.begin(), job.predict_rows.end());
    if (predict.empty()) {
      predictions.emplace_back(0, static_cast<std::size_t>(num_classes));
      continue;
    }
    const torch::Tensor x = device_inputs.index_select(0, torch::tensor(predict, torch::kInt64).to(device));
    predictions.push_back(to_matrix(torch::softmax(model->forward(x), 1)));
  }
  return predictions;
}

}  // namespace

std::vector<FeatureMatrix> fit_and_predict(const FeatureMatrix& features, int num_classes,
                                           const std::vector<ModelJob>& jobs, int64_t steps,
                                           const ActiveModelRecipe& recipe, bool batched) {
  if (jobs.empty()) return {};
  for (const ModelJob& job : jobs)
    if (job.train_rows.empty() || job.train_rows.size() != job.train_labels.size())
      throw std::invalid_argument("fit_and_predict: every model needs training rows, one label each");
  const torch::Tensor inputs = to_tensor(features);
  if (batched) return fit_together(inputs, num_classes, jobs, steps, recipe);
  std::vector<FeatureMatrix> predictions;
  for (const ModelJob& job : jobs) predictions.push_back(fit_together(inputs, num_classes, {job}, steps, recipe).front());
  return predictions;
}

}  // namespace annotbench
