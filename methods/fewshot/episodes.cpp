#include "methods/fewshot/episodes.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "datasets/random.h"
#include "methods/fewshot/em_steps.h"

namespace annotbench {

EpisodeTensors episode_tensors(const std::vector<const FewShotTaskBatch*>& batches, torch::Dtype dtype) {
  std::size_t most_annotators = 0;
  for (const FewShotTaskBatch* batch : batches) most_annotators = std::max(most_annotators, batch->annotators);
  const auto as_tensor = [](const auto& values, std::vector<int64_t> shape, torch::Dtype from) {
    return torch::from_blob(const_cast<void*>(static_cast<const void*>(values.data())), shape, from).clone();
  };
  std::vector<torch::Tensor> support, query, one_hot, support_truth, query_truth;
  const auto float_options = torch::TensorOptions().dtype(dtype);
  for (const FewShotTaskBatch* batch : batches) {
    const auto T = static_cast<int64_t>(batch->tasks), N = static_cast<int64_t>(batch->support),
               Q = static_cast<int64_t>(batch->queries), D = static_cast<int64_t>(batch->features),
               R = static_cast<int64_t>(batch->annotators), K = static_cast<int64_t>(batch->classes);
    support.push_back(as_tensor(batch->support_features, {T, N, D}, torch::kFloat32).to(dtype));
    query.push_back(as_tensor(batch->query_features, {T, Q, D}, torch::kFloat32).to(dtype));
    support_truth.push_back(as_tensor(batch->support_truth, {T, N}, torch::kInt32).to(torch::kLong));
    query_truth.push_back(as_tensor(batch->query_truth, {T, Q}, torch::kInt32).to(torch::kLong));
    torch::Tensor labels = R > 0 ? as_tensor(batch->support_labels, {T, N, R}, torch::kInt32)
                                 : torch::full({T, N, 0}, -1, torch::kInt32);
    torch::Tensor encoded = labels_one_hot(labels, K, float_options);
    const auto padding = static_cast<int64_t>(most_annotators) - R;
    if (padding > 0) encoded = torch::cat({encoded, torch::zeros({T, N, padding, K}, float_options)}, 2);
    one_hot.push_back(encoded);
  }
  return {torch::cat(support), torch::cat(query), torch::cat(one_hot), torch::cat(support_truth),
          torch::cat(query_truth)};
}

EpisodeTensors episode_tensors(const FewShotTaskBatch& batch, torch::Dtype dtype) {
  return episode_tensors(std::vector<const FewShotTaskBatch*>{&batch}, dtype);
}

torch::nn::Sequential make_embedding(int64_t inputs, int64_t hidden, int64_t latent, std::uint64_t seed) {
  torch::nn::Sequential network(torch::nn::Linear(inputs, hidden), torch::nn::ReLU(),
                                torch::nn::Linear(hidden, hidden), torch::nn::ReLU(),
                                torch::nn::Linear(hidden, latent));
  at::Generator generator = at::detail::createCPUGenerator(derive_seed(seed, "fewshot embedding"));
  torch::NoGradGuard no_grad;
  for (auto& module : network->children()) {
    auto* linear = module->as<torch::nn::Linear>();
    if (linear == nullptr) continue;
    // torch::nn::Linear's default: kaiming_uniform(a = √5) is U(±1/√fan_in) for the weight, as for the bias.
    const double bound = 1.0 / std::sqrt(static_cast<double>(linear->weight.size(1)));
    linear->weight.uniform_(-bound, bound, generator);
    linear->bias.uniform_(-bound, bound, generator);
  }
  return network;
}

torch::Tensor embed(torch::nn::Sequential& network, const torch::Tensor& rows) {
  const auto shape = rows.sizes().vec();
  torch::Tensor flat = network->forward(rows.reshape({-1, shape.back()}));
  std::vector<int64_t> out(shape.begin(), shape.end() - 1);
  out.push_back(flat.size(-1));
  return flat.reshape(out);
}

MetaTrainingSummary train_episodically(torch::nn::Sequential& network, const EpisodeSource& source,
                                       const MetaTrainingSettings& settings, bool noisy_support,
                                       const std::function<torch::Tensor(const EpisodeTensors&)>& query_log_proba,
                                       const std::function<double()>& validation_accuracy) {
  const auto start = std::chrono::steady_clock::now();
  torch::optim::Adam optimiser(network->parameters(), torch::optim::AdamOptions(settings.learning_rate));
  MetaTrainingSummary summary;
  std::vector<torch::Tensor> best;
  const auto keep_best = [&] {
    torch::NoGradGuard no_grad;
    best.clear();
    for (const torch::Tensor& parameter : network->parameters()) best.push_back(parameter.detach().clone());
  };
  network->eval();
  summary.best_valid_accuracy = validation_accuracy();
  keep_best();
  Rng rng(derive_seed(settings.seed, "fewshot meta-training"));
  double loss_sum = 0.0;
  int loss_count = 0;
  for (int iteration = 1; iteration <= settings.iterations; ++iteration) {
    const std::size_t shot = settings.shots[rng() % settings.shots.size()];
    std::vector<FewShotTaskBatch> tasks;
    for (int t = 0; t < settings.tasks_per_iteration; ++t) {
      const std::size_t annotators = settings.annotators[rng() % settings.annotators.size()];
      tasks.push_back(source.training_batch(rng(), 1, shot, annotators, noisy_support));
    }
    std::vector<const FewShotTaskBatch*> pointers;
    for (const FewShotTaskBatch& task : tasks) pointers.push_back(&task);
    const EpisodeTensors tensors = episode_tensors(pointers, torch::kFloat32);
    network->train();
    optimiser.zero_grad();
    const torch::Tensor log_proba = query_log_proba(tensors);
    const torch::Tensor loss = -log_proba.gather(-1, tensors.query_truth.unsqueeze(-1)).mean();
    loss.backward();
    optimiser.step();
    const double loss_value = loss.item<double>();
    // As for the learning methods (methods/nn/training.cpp): a diverged meta-training fails the cell,
    // it does not go on to test a network of NaN weights and write its rows (probe N2).
    if (!std::isfinite(loss_value)) {
      std::ostringstream message;
      message << "meta-training loss became " << (std::isnan(loss_value) ? "NaN" : "infinite") << " at iteration "
              << iteration << " of " << settings.iterations << " (learning rate " << settings.learning_rate
              << ": try a smaller one)";
      throw std::runtime_error(message.str());
    }
    loss_sum += loss_value;
    ++loss_count;
    summary.iterations = iteration;
    if (iteration % settings.validate_every == 0 || iteration == settings.iterations) {
      network->eval();
      const double accuracy = validation_accuracy();
      if (settings.on_validation) settings.on_validation(iteration, loss_sum / loss_count, accuracy);
      loss_sum = 0.0;
      loss_count = 0;
      if (accuracy > summary.best_valid_accuracy) {
        summary.best_valid_accuracy = accuracy;
        summary.best_iteration = iteration;
        keep_best();
      }
    }
  }
  {
    torch::NoGradGuard no_grad;
    const std::vector<torch::Tensor> parameters = network->parameters();
    for (std::size_t p = 0; p < parameters.size(); ++p) parameters[p].copy_(best[p]);
  }
  network->eval();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

double validation_accuracy(const FewShotMethod& method, const EpisodeSource& source, std::uint64_t seed) {
  double correct = 0.0, total = 0.0;
  for (const FewShotTaskBatch& batch : source.validation) {
    FewShotPrediction prediction;
    prediction.seed = derive_seed(seed, "fewshot validation");
    for (const int count : correct_per_task(batch, method.predict(batch, prediction))) correct += count;
    total += static_cast<double>(batch.tasks * batch.queries);
  }
  return total > 0 ? correct / total : 0.0;
}

std::vector<double> probabilities_of(const torch::Tensor& log_proba) {
  const torch::Tensor probabilities = log_proba.detach().exp().to(torch::kFloat64).contiguous();
  return std::vector<double>(probabilities.data_ptr<double>(), probabilities.data_ptr<double>() + probabilities.numel());
}

}  // namespace annotbench
