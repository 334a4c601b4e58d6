#pragma once
// Few-shot tasks as tensors, the embedding network, and the episodic meta-training loop that the
// meta-learned methods (meta_em.cpp, proto_net.cpp) share. Internal header: only training code
// includes it.

#include <torch/torch.h>

#include <functional>
#include <vector>

#include "methods/fewshot/fewshot_method.h"

namespace annotbench {

struct EpisodeTensors {
  torch::Tensor support;        // T x N x D
  torch::Tensor query;          // T x Q x D
  torch::Tensor label_one_hot;  // T x N x R x K (zeros where missing; silent padded annotators)
  torch::Tensor support_truth;  // T x N, long
  torch::Tensor query_truth;    // T x Q, long
};

// One tensor set for tasks of one shape except R: tasks with fewer annotators are padded with
// annotators who labelled nothing, which the EM treats exactly as absent (tested).
EpisodeTensors episode_tensors(const std::vector<const FewShotTaskBatch*>& batches, torch::Dtype dtype);
EpisodeTensors episode_tensors(const FewShotTaskBatch& batch, torch::Dtype dtype);

// f: D → hidden → hidden → M, ReLU, no batch normalisation (episodes are tiny, and batch statistics
// would mix support and query rows), no output activation (spec §7.3). Weights drawn from `seed`
// with torch::nn::Linear's default ranges, from a generator of its own so that concurrent cells
// do not share torch's global one.
torch::nn::Sequential make_embedding(int64_t inputs, int64_t hidden, int64_t latent, std::uint64_t seed);

// Applies `network` to the last axis of a T x N x D tensor.
torch::Tensor embed(torch::nn::Sequential& network, const torch::Tensor& rows);

// Adam on the mean query negative log-likelihood of meta-batches; every `validate_every` iterations
// `validation_accuracy()` is asked and the best parameters so far are kept (early stopping); they are
// restored at the end. `query_log_proba(tensors)` returns T x Q x K log probabilities with the graph.
MetaTrainingSummary train_episodically(torch::nn::Sequential& network, const EpisodeSource& source,
                                       const MetaTrainingSettings& settings, bool noisy_support,
                                       const std::function<torch::Tensor(const EpisodeTensors&)>& query_log_proba,
                                       const std::function<double()>& validation_accuracy);

// Accuracy of `method` on the source's validation batches.
double validation_accuracy(const FewShotMethod& method, const EpisodeSource& source, std::uint64_t seed);

// T x Q x K probabilities of a T x Q x K log-probability tensor, as doubles.
std::vector<double> probabilities_of(const torch::Tensor& log_proba);

}  // namespace annotbench
