#include "methods/nn/training.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <sstream>

#include "datasets/input_error.h"
#include "methods/nn/flat_parameters.h"

namespace annotbench {

torch::Tensor to_tensor(const FeatureMatrix& features) {
  auto values = torch::empty({static_cast<int64_t>(features.rows), static_cast<int64_t>(features.cols)},
                             torch::kFloat32);
  std::copy(features.values.begin(), features.values.end(), values.data_ptr<float>());
  return values;
}

torch::Tensor to_tensor(const AnnotationMatrix& annotations) {
  auto values = torch::empty(
      {static_cast<int64_t>(annotations.rows), static_cast<int64_t>(annotations.cols)}, torch::kInt64);
  std::copy(annotations.values.begin(), annotations.values.end(), values.data_ptr<int64_t>());
  return values;
}

torch::Tensor labels_to_tensor(const std::vector<int>& labels) {
  auto values = torch::empty({static_cast<int64_t>(labels.size())}, torch::kInt64);
  std::copy(labels.begin(), labels.end(), values.data_ptr<int64_t>());
  return values;
}

FeatureMatrix to_matrix(const torch::Tensor& values) {
  TORCH_CHECK(values.dim() == 2, "to_matrix expects a 2-D tensor, got ", values.dim(), " dimensions");
  const torch::Tensor host = values.detach().to(torch::kCPU, torch::kFloat32).contiguous();
  FeatureMatrix matrix(static_cast<std::size_t>(host.size(0)), static_cast<std::size_t>(host.size(1)));
  std::copy(host.data_ptr<float>(), host.data_ptr<float>() + host.numel(), matrix.values.begin());
  return matrix;
}

torch::Tensor to_device_without_waiting(const torch::Tensor& host, const torch::Device& device) {
  if (device.is_cpu()) return host;
  return host.pin_memory().to(device, /*non_blocking=*/true);
}

torch::Device parse_device(const std::string& device) {
  if (device == "cpu") return torch::Device(torch::kCPU);
  if (device.rfind("cuda", 0) == 0) {
    if (!torch::cuda::is_available())
      throw ConfigError("device '" + device +
                        "': this LibTorch build or machine has no CUDA device; use --device cpu");
    try {
      const torch::Device parsed(device);
      if (parsed.has_index() && parsed.index() >= static_cast<int>(torch::cuda::device_count()))
        throw ConfigError("device '" + device + "': only " +
                          std::to_string(torch::cuda::device_count()) + " CUDA device(s) present");
      return parsed;
    } catch (const c10::Error&) {
      // Fall through to the message below.
    }
  }
  throw ConfigError("device '" + device + "': expected 'cpu', 'cuda' or 'cuda:<index>'");
}

namespace {

std::mutex& default_generators_mutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace

SeededInitialisation::SeededInitialisation(std::uint64_t seed, std::string_view purpose)
    : lock_(default_generators_mutex()) {
  // manual_seed seeds the CUDA generators too when CUDA is present.
  torch::manual_seed(derive_seed(seed, purpose));
}

torch::Generator SeededInitialisation::continued_stream(const torch::Device& device) const {
  torch::Generator shared = at::globalContext().defaultGenerator(device);  // a handle to the same state
  // The shared generator's own mutex guards its state while it is copied.
  std::lock_guard<std::mutex> state_lock(shared.mutex());
  return shared.clone();
}

torch::Generator seeded_stream(std::uint64_t seed, std::string_view purpose, const torch::Device& device) {
  if (device.is_cpu()) return at::detail::createCPUGenerator(derive_seed(seed, purpose));
  torch::Generator stream = at::globalContext().defaultGenerator(device).clone();  // not the shared one: --jobs
  stream.set_current_seed(derive_seed(seed, purpose));
  return stream;
}

RAdam method_optimizer(const std::vector<torch::Tensor>& trained, const torch::nn::Module& gt,
                       const TrainingSettings& settings) {
  if (settings.ap_weight_decay == settings.weight_decay)
    return RAdam(flat_trainable(trained), RAdamOptions(settings.learning_rate).weight_decay(settings.weight_decay));
  std::set<const void*> gt_tensors;
  for (const torch::Tensor& parameter : gt.parameters()) gt_tensors.insert(parameter.unsafeGetTensorImpl());
  std::vector<torch::Tensor> gt_trained, ap_trained;
  for (const torch::Tensor& parameter : trained)
    (gt_tensors.count(parameter.unsafeGetTensorImpl()) ? gt_trained : ap_trained).push_back(parameter);
  std::vector<torch::optim::OptimizerParamGroup> groups;
  for (const auto& [parameters, decay] : {std::pair{&gt_trained, settings.weight_decay},
                                          std::pair{&ap_trained, settings.ap_weight_decay}}) {
    std::vector<torch::Tensor> flat = flat_trainable(*parameters);
    if (flat.empty()) continue;
    groups.emplace_back(std::move(flat),
                        std::make_unique<RAdamOptions>(RAdamOptions(settings.learning_rate).weight_decay(decay)));
  }
  return RAdam(std::move(groups), RAdamOptions(settings.learning_rate));
}

double cosine_annealed_lr(double base_lr, int epoch, int epochs) {
  if (epochs <= 0) return base_lr;
  const double pi = std::acos(-1.0);
  return 0.5 * base_lr * (1.0 + std::cos(pi * epoch / epochs));
}

std::vector<std::vector<int64_t>> shuffled_batches(std::size_t num_instances, std::size_t batch_size,
                                                   bool drop_last, Rng& rng) {
  std::vector<int64_t> order(num_instances);
  for (std::size_t i = 0; i < num_instances; ++i) order[i] = static_cast<int64_t>(i);
  // Fisher-Yates with our own draws: std::shuffle's use of the engine is implementation-defined.
  for (std::size_t i = num_instances; i > 1; --i) {
    const std::size_t j = static_cast<std::size_t>(rng() % i);
    std::swap(order[i - 1], order[j]);
  }
  std::vector<std::vector<int64_t>> batches;
  if (batch_size == 0) batch_size = num_instances;
  for (std::size_t begin = 0; begin < num_instances; begin += batch_size) {
    const std::size_t end = std::min(num_instances, begin + batch_size);
    if (end - begin < batch_size && drop_last) break;
    if (end - begin == 1 && !batches.empty()) {
      batches.back().push_back(order[begin]);
      break;
    }
    batches.emplace_back(order.begin() + begin, order.begin() + end);
  }
  return batches;
}

void report_epoch(const TrainingSettings& settings, int epoch, const torch::Tensor& loss_sum, double batches,
                  std::chrono::steady_clock::time_point start) {
  const double loss = batches == 0 ? 0.0 : loss_sum.item<double>() / batches;
  // A diverged run still predicts something (a constant class), and its row would be ranked as if
  // it were a result (probe W1): fail the run instead.
  if (!std::isfinite(loss)) {
    std::ostringstream message;
    message << "loss became " << (std::isnan(loss) ? "NaN" : "infinite") << " at epoch " << epoch + 1 << " of "
            << settings.epochs << " (learning rate " << settings.learning_rate << ": try a smaller one)";
    throw TrainingDiverged(message.str());
  }
  if (!settings.on_epoch) return;
  EpochReport report;
  report.epoch = epoch + 1;
  report.epochs = settings.epochs;
  report.loss = loss;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  settings.on_epoch(report);
}

void zero_gradients(torch::optim::Optimizer& optimizer) {
  torch::NoGradGuard no_grad;
  for (auto& group : optimizer.param_groups())
    for (auto& parameter : group.params())
      if (parameter.grad().defined()) parameter.mutable_grad().zero_();
}

void run_epochs(torch::nn::Module& model, torch::optim::Optimizer& optimizer,
                std::size_t num_instances, const TrainingSettings& settings,
                const BatchLoss& batch_loss, const EpochLoopOptions& options) {
  if (settings.batch_size <= 0) throw ConfigError("batch size must be positive");
  const torch::Device device = parse_device(settings.device);
  std::vector<double> base_lrs;
  for (auto& group : optimizer.param_groups()) base_lrs.push_back(group.options().get_lr());

  Rng rng(derive_seed(settings.seed, options.shuffle_purpose));
  const auto start = std::chrono::steady_clock::now();
  for (int epoch = 0; epoch < settings.epochs; ++epoch) {
    auto& groups = optimizer.param_groups();
    for (std::size_t g = 0; g < groups.size(); ++g)
      groups[g].options().set_lr(cosine_annealed_lr(base_lrs[g], epoch, settings.epochs));
    model.train(true);

    // Accumulated on the device; one synchronisation per epoch instead of one per batch.
    torch::Tensor loss_sum = torch::zeros({}, torch::TensorOptions().device(device));
    const auto batches = shuffled_batches(num_instances, static_cast<std::size_t>(settings.batch_size),
                                          options.drop_last, rng);
    int64_t trained_batches = 0;
    for (const auto& batch : batches) {
      const torch::Tensor indices = to_device_without_waiting(torch::tensor(batch, torch::kInt64), device);
      zero_gradients(optimizer);
      const torch::Tensor loss = batch_loss(indices, batch);
      if (!loss.defined()) continue;
      loss.backward();
      optimizer.step();
      loss_sum += loss.detach();
      ++trained_batches;
    }
    report_epoch(settings, epoch, loss_sum, static_cast<double>(trained_batches), start);
  }
}

torch::Tensor predict_batched(torch::nn::Module& model, const torch::Tensor& inputs,
                              int64_t batch_size, const torch::Device& device,
                              const std::function<torch::Tensor(const torch::Tensor&)>& forward) {
  const bool was_training = model.is_training();
  model.eval();
  torch::NoGradGuard no_grad;
  if (batch_size <= 0) batch_size = std::max<int64_t>(1, inputs.size(0));
  std::vector<torch::Tensor> outputs;
  for (int64_t begin = 0; begin < inputs.size(0); begin += batch_size) {
    const int64_t end = std::min(inputs.size(0), begin + batch_size);
    outputs.push_back(forward(inputs.slice(0, begin, end).to(device)).to(torch::kCPU));
  }
  model.train(was_training);
  if (outputs.empty()) return torch::empty({0});
  return torch::cat(outputs, 0);
}

FeatureMatrix predict_proba(torch::nn::Module& model, const FeatureMatrix& features,
                            int64_t batch_size, const torch::Device& device,
                            const std::function<torch::Tensor(const torch::Tensor&)>& logits_of) {
  const torch::Tensor probabilities =
      predict_batched(model, to_tensor(features), batch_size, device,
                      [&](const torch::Tensor& x) { return torch::softmax(logits_of(x), -1); });
  if (probabilities.dim() != 2) return FeatureMatrix(features.rows, 0);
  return to_matrix(probabilities);
}

}  // namespace annotbench
