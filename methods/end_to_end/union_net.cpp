// UnionNet (Wei, Xie, Feng, Han, An, "Deep Learning From Multiple Noisy Annotators as A Union",
// TNNLS 2022): the one-hot labels of all M annotators are concatenated into one vector over the
// union label space (M*C entries) and a single parametric transition T ((M*C) x C) maps p(y|x) onto
// it; training maximises the likelihood of the union (Eq. (6)).
// The authors' two variants use the same initialisation, Eq. (7): every annotator block of T is
// (1 - eps) I + eps/(C-1) (1 - I), eps = 1e-5 (conf/classifier/union_net.yaml). They differ in where
// T is normalised:
//   union-net-a: p_union = softmax over the union of (T p), a linear layer on the probabilities;
//   union-net-b: each column of T is softmax-normalised over the union and p_union = T_norm p, a
//                mixture (the variant of the reference repository, maml/classifiers/_union_net.py).
// Both share this file and register twice.

#include <torch/torch.h>

#include <memory>

#include "datasets/input_error.h"
#include "methods/nn/baseline_losses.h"
#include "methods/method.h"
#include "methods/nn/flat_parameters.h"
#include "methods/nn/gt_model.h"
#include "methods/nn/multi_annotator.h"
#include "methods/nn/radam.h"
#include "methods/nn/training.h"

namespace annotbench {

torch::Tensor union_probabilities_a(const torch::Tensor& class_probabilities,
                                    const torch::Tensor& transition_logits) {
  return torch::softmax(class_probabilities.mm(transition_logits.t()), -1);
}

torch::Tensor union_probabilities_b(const torch::Tensor& class_probabilities,
                                    const torch::Tensor& transition_logits) {
  return class_probabilities.mm(torch::softmax(transition_logits, 0).t());
}

torch::Tensor union_net_loss(const LabelledPairs& pairs, const torch::Tensor& union_probabilities,
                             int64_t num_annotators) {
  const int64_t num_classes = union_probabilities.size(1) / num_annotators;
  if (pairs.label.size(0) == 0) return union_probabilities.sum() * 0.0;  // keeps a graph for backward()
  const torch::Tensor union_entry = pairs.annotator * num_classes + pairs.label;
  return -union_probabilities.index({pairs.instance, union_entry}).log().sum() /
         static_cast<double>(union_probabilities.size(0));
}

namespace {

enum class UnionVariant { kA, kB };

struct UnionNetworkImpl : torch::nn::Module {
  UnionNetworkImpl(int64_t num_features, int64_t num_classes, int64_t num_annotators, double epsilon,
                   const TrainingSettings& settings)
      : gt(register_module("gt", GroundTruthModel(num_features, num_classes, settings))) {
    const torch::Tensor identity = torch::eye(num_classes);
    const torch::Tensor block = (1 - epsilon) * identity + epsilon / (num_classes - 1) * (1 - identity);
    transition_logits = register_parameter("transition_logits", block.repeat({num_annotators, 1}));
  }
  GroundTruthModel gt;
  torch::Tensor transition_logits;  // (M*C) x C; row m*C + k = "annotator m says k", column = true class
};
TORCH_MODULE(UnionNetwork);

class UnionNet : public Method {
 public:
  UnionNet(UnionVariant variant, const MethodOptions& options) : variant_(variant) {
    check_option_names(name(), options, {"epsilon"});
    epsilon_ = option_or(options, "epsilon", 1e-5);
    if (!(epsilon_ >= 0 && epsilon_ < 1))
      throw ConfigError("method '" + name() + "': option 'epsilon' must lie in [0, 1)");
  }

  std::string name() const override { return variant_ == UnionVariant::kA ? "union-net-a" : "union-net-b"; }
  MethodOptions hyperparameters() const override { return {{"epsilon", epsilon_}}; }

  void fit(const Dataset& train, const Dataset* valid, const TrainingSettings& settings) override {
    if (train.num_classes() < 2) throw ConfigError("method '" + name() + "' needs at least two classes");
    device_ = parse_device(settings.device);
    eval_batch_size_ = settings.eval_batch_size;
    {
      const SeededInitialisation seeded(settings.seed, name() + " init");
      network_ = UnionNetwork(static_cast<int64_t>(train.num_features()), train.num_classes(),
                              static_cast<int64_t>(train.num_annotators()), epsilon_, settings);
    }
    network_->to(device_);
    network_->gt->use_dropout_stream(seeded_stream(settings.seed, "gt dropout", device_));
    const torch::Tensor features = to_tensor(train.features).to(device_);
    RAdam optimizer = method_optimizer(network_->parameters(), *network_->gt, settings);
    run_epochs(*network_, optimizer, train.num_instances(), settings,
               [&](const torch::Tensor& batch, const std::vector<int64_t>& rows) {
      // A batch without any label has nothing to learn from: the loop skips it.
      const LabelledPairs pairs = labelled_pairs(rows, train.annotations, device_);
      if (pairs.label.size(0) == 0) return torch::Tensor();
      const torch::Tensor class_probabilities =
          torch::softmax(network_->gt->forward(features.index_select(0, batch)), -1);
      const torch::Tensor union_probabilities =
          variant_ == UnionVariant::kA
              ? union_probabilities_a(class_probabilities, network_->transition_logits)
              : union_probabilities_b(class_probabilities, network_->transition_logits);
      return union_net_loss(pairs, union_probabilities, static_cast<int64_t>(train.num_annotators()));
    });
  }

  FeatureMatrix predict_proba(const FeatureMatrix& features) const override {
    require_fitted();
    return annotbench::predict_proba(*network_, features, eval_batch_size_, device_,
                                     [&](const torch::Tensor& x) { return network_->gt->forward(x); });
  }

  // As the reference scores it (_union_net.py:130-136; annot-mix-audit.md §3.3): the union
  // distribution of the model's own p(y|x), u = p softmax_0(T)^T over all M*C annotator-class
  // pairs, cut into annotator m's block and renormalised, then the chance that the annotator's
  // label equals the class, sum_k p_k u_m[k] / sum_k u_m[k].
  FeatureMatrix annotator_performance(const FeatureMatrix& features) const override {
    require_fitted();
    const int64_t num_classes = network_->transition_logits.size(1);
    const torch::Tensor union_transition = torch::softmax(network_->transition_logits, 0);  // (M*C) x C
    return to_matrix(predict_batched(
        *network_, to_tensor(features), eval_batch_size_, device_, [&](const torch::Tensor& x) {
          const torch::Tensor class_probabilities = torch::softmax(network_->gt->forward(x), -1);  // B x C
          torch::Tensor blocks =
              class_probabilities.mm(union_transition.t()).reshape({x.size(0), -1, num_classes});  // B x M x C
          blocks = blocks / blocks.sum(-1, true);
          return (blocks * class_probabilities.unsqueeze(1)).sum(-1);
        }));
  }

 private:
  void require_fitted() const {
    if (network_.is_empty()) throw ConfigError("method '" + name() + "': used before fit()");
  }
  UnionVariant variant_;
  double epsilon_ = 1e-5;
  // mutable: prediction runs the modules, which LibTorch does not mark const.
  mutable UnionNetwork network_{nullptr};
  torch::Device device_{torch::kCPU};
  int64_t eval_batch_size_ = 512;
};

}  // namespace

std::unique_ptr<Method> make_union_net_a(const MethodOptions& options) {
  return std::make_unique<UnionNet>(UnionVariant::kA, options);
}

std::unique_ptr<Method> make_union_net_b(const MethodOptions& options) {
  return std::make_unique<UnionNet>(UnionVariant::kB, options);
}

}  // namespace annotbench
