#include "harness/bench/annot_mix_step.h"

#include <torch/torch.h>

#include "methods/end_to_end/annot_mix.h"
#include "methods/nn/flat_parameters.h"
#include "methods/nn/mixup.h"
#include "methods/nn/multi_annotator.h"
#include "methods/nn/radam.h"
#include "methods/nn/training.h"

namespace annotbench {

struct AnnotMixStep::State {
  State(const AnnotMixStepShape& shape)
      : network(shape.num_features, shape.num_classes, shape.num_annotators, shape.embed_size,
                /*hidden_layer=*/true, shape.eta, TrainingSettings{}),
        parameters(network->parameters()),
        optimizer({parameters.values()}, RAdamOptions(shape.learning_rate)) {}

  AnnotMixNetwork network;
  FlatParameters parameters;  // as fit() trains them: one buffer, one optimiser parameter
  RAdam optimizer;
  torch::Tensor features;     // B x D
  torch::Tensor annotations;  // B x M, int64, -1 where unlabelled
  torch::Tensor annotators;   // M x M one-hot annotator features, as fit() uses without any
};

AnnotMixStep::AnnotMixStep(const AnnotMixStepShape& shape) : shape_(shape) {
  torch::manual_seed(shape.seed);
  state_ = std::make_unique<State>(shape);
  state_->network->train(true);
  state_->features = torch::randn({shape.batch_size, shape.num_features});
  state_->annotations = torch::full({shape.batch_size, shape.num_annotators}, -1, torch::kInt64);
  for (int64_t n = 0; n < shape.batch_size; ++n) {
    const torch::Tensor chosen = torch::randperm(shape.num_annotators, torch::kInt64).slice(0, 0, shape.labels_per_instance);
    state_->annotations[n].index_put_({chosen}, torch::randint(shape.num_classes, {shape.labels_per_instance}, torch::kInt64));
  }
  state_->annotators = torch::eye(shape.num_annotators);
}

AnnotMixStep::~AnnotMixStep() = default;

int64_t AnnotMixStep::labelled_pair_count() const { return (state_->annotations != -1).sum().item<int64_t>(); }

int64_t AnnotMixStep::parameter_count() const {
  int64_t count = 0;
  for (const torch::Tensor& parameter : state_->network->parameters()) count += parameter.numel();
  return count;
}

// The body of annot-mix's fit() for one batch (methods/end_to_end/annot_mix.cpp) and of run_epochs().
double AnnotMixStep::step() {
  State& s = *state_;
  zero_gradients(s.optimizer);
  const LabelledPairs pairs = labelled_pairs(s.annotations);
  const int64_t count = pairs.label.size(0);
  const torch::Tensor lambda = sample_beta(count, shape_.alpha);
  const torch::Tensor permutation = torch::randperm(count, torch::kInt64);
  const torch::Tensor loss = annot_mix_mixed_loss(
      *s.network, s.features.index_select(0, pairs.instance), s.annotators.index_select(0, pairs.annotator),
      pairs.label, lambda, permutation);
  loss.backward();
  s.optimizer.step();
  return loss.item<double>();
}

}  // namespace annotbench
