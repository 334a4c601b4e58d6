#pragma once
// What every method's training shares: tensors from the data model, the device, seeding, seeded
// shuffled mini-batches, the cosine-annealed epoch loop and batched prediction. Internal header:
// only training code includes it. Each method file then defines just its modules and its loss.

#include <torch/torch.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "datasets/dataset.h"
#include "datasets/random.h"
#include "methods/method.h"
#include "methods/nn/radam.h"

namespace annotbench {

// float32, N x D.
torch::Tensor to_tensor(const FeatureMatrix& features);
// int64, N x M, with kMissingLabel (-1) kept.
torch::Tensor to_tensor(const AnnotationMatrix& annotations);
// int64, size N.
torch::Tensor labels_to_tensor(const std::vector<int>& labels);
// A 2-D tensor (any device, any floating type) back to a row-major float matrix.
FeatureMatrix to_matrix(const torch::Tensor& values);

// A host tensor on `device` without making the host wait for the device: on CUDA through pinned
// memory and a non-blocking copy (a copy from pageable memory waits for the stream's queued work);
// on the CPU the tensor itself.
torch::Tensor to_device_without_waiting(const torch::Tensor& host, const torch::Device& device);

// "cpu", "cuda" or "cuda:K"; throws ConfigError when CUDA is asked for but not available.
torch::Device parse_device(const std::string& device);

// LibTorch's default generators are process-wide, and module constructors can only draw their
// initial weights from them: with cells trained on several threads (run --jobs K) two runs' draws
// would interleave in whatever order the scheduler picks (probe W2). A run therefore seeds them
// (CPU and CUDA, from the run seed and a purpose, so that a different purpose draws independently)
// and builds its modules while it holds this object, one process-wide lock; every later draw comes
// from continued_stream(), a private copy of the seeded stream: the numbers a lone run would draw,
// whatever other threads do. Hold it in a block around the constructors only.
class SeededInitialisation {
 public:
  SeededInitialisation(std::uint64_t seed, std::string_view purpose);
  // The default generator of `device` as it stands now (after the constructors' draws), copied.
  torch::Generator continued_stream(const torch::Device& device) const;

 private:
  std::lock_guard<std::mutex> lock_;
};

// A generator on `device` seeded from (seed, purpose) alone: a run's own stream for draws made after
// its modules are built (dropout masks), independent of every other stream of the run.
torch::Generator seeded_stream(std::uint64_t seed, std::string_view purpose, const torch::Device& device);

// RAdam at settings.learning_rate over `trained`, the parameters a method trains: those of `gt` (the
// GT model) decay with settings.weight_decay, the others (the annotator model's) with
// settings.ap_weight_decay, as the reference's two parameter groups do. When the two decays are
// equal, one flat group (the same updates, element by element).
RAdam method_optimizer(const std::vector<torch::Tensor>& trained, const torch::nn::Module& gt,
                       const TrainingSettings& settings);

// PyTorch's CosineAnnealingLR with T_max = epochs and eta_min = 0, in closed form: the rate used
// during `epoch` (0-based; the scheduler is stepped once after every epoch).
double cosine_annealed_lr(double base_lr, int epoch, int epochs);

// A random permutation of 0..num_instances-1 cut into batches of `batch_size`. With drop_last the
// incomplete last batch is dropped. Without it, a last batch of a single instance is merged into
// the one before: batch normalisation cannot train on one instance.
std::vector<std::vector<int64_t>> shuffled_batches(std::size_t num_instances, std::size_t batch_size,
                                                   bool drop_last, Rng& rng);

// The loss of one mini-batch; `batch_indices` (int64, on the training device) index the rows of
// the training set, and `rows` are the same rows on the host, for decisions that must not wait for
// the device (is anything labelled? which pairs?). Returns a scalar tensor with a graph, or an
// undefined tensor to skip a batch that has nothing to learn from (no labelled entry).
using BatchLoss = std::function<torch::Tensor(const torch::Tensor& batch_indices, const std::vector<int64_t>& rows)>;

// Checks the mean of `loss_sum` over `batches` after `epoch` (0-based): a NaN or infinite loss
// throws TrainingDiverged. Then calls settings.on_epoch (when set) with it and the seconds since
// `start`. The one device synchronisation of an epoch.
void report_epoch(const TrainingSettings& settings, int epoch, const torch::Tensor& loss_sum, double batches,
                  std::chrono::steady_clock::time_point start);

// Zeroes every defined gradient of the optimiser's parameters in place, as LibTorch 1.13's
// Optimizer::zero_grad does. 2.x's zero_grad sets them to undefined instead, which would cut a
// FlatParameters buffer loose from the leaves that accumulate into it.
void zero_gradients(torch::optim::Optimizer& optimizer);

struct EpochLoopOptions {
  bool drop_last = false;
  // Names the random stream of the batch order, derived from TrainingSettings::seed.
  std::string shuffle_purpose = "batches";
};

// settings.epochs epochs over num_instances training rows: per epoch the learning rate of every
// parameter group is set to its cosine-annealed value (from the group's rate when the loop starts),
// `model` is put in training mode, and for every shuffled batch the loop zeroes the gradients,
// back-propagates batch_loss and steps the optimiser. settings.on_epoch (when set) gets the mean
// batch loss and the seconds since the loop began.
void run_epochs(torch::nn::Module& model, torch::optim::Optimizer& optimizer,
                std::size_t num_instances, const TrainingSettings& settings,
                const BatchLoss& batch_loss, const EpochLoopOptions& options = {});

// forward(x_batch) for batches of `batch_size` rows of `inputs`, in evaluation mode without
// gradients (the module's mode is restored afterwards), concatenated on the CPU along dim 0.
torch::Tensor predict_batched(torch::nn::Module& model, const torch::Tensor& inputs,
                              int64_t batch_size, const torch::Device& device,
                              const std::function<torch::Tensor(const torch::Tensor&)>& forward);

// p(y|x) = softmax(logits_of(x)) for every row of `features`, batched as above.
FeatureMatrix predict_proba(torch::nn::Module& model, const FeatureMatrix& features,
                            int64_t batch_size, const torch::Device& device,
                            const std::function<torch::Tensor(const torch::Tensor&)>& logits_of);

}  // namespace annotbench
