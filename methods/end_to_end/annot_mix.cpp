// annot-mix (Herde, Lührs, Huseljic, Sick, ECAI 2024): a GT model p(y|x) and an AP model giving
// each (instance, annotator) pair a C x C confusion matrix, trained on mixup of the labelled
// (instance, annotator, label) triples. Defaults: reference conf/classifier/annot_mix.yaml.

#include "methods/end_to_end/annot_mix.h"

#include <ATen/CPUGeneratorImpl.h>

#include "datasets/input_error.h"
#include "datasets/random.h"
#include "methods/method.h"
#include "methods/nn/dropout.h"
#include "methods/nn/flat_parameters.h"
#include "methods/nn/mixup.h"
#include "methods/nn/radam.h"
#include "methods/nn/stacked_layers.h"
#include "methods/nn/training.h"

namespace annotbench {

AnnotMixNetworkImpl::AnnotMixNetworkImpl(int64_t num_features, int64_t num_classes_,
                                         int64_t annotator_feature_size, int64_t embed_size,
                                         bool hidden_layer, double eta, const TrainingSettings& settings)
    : num_classes(num_classes_) {
  gt = register_module("gt", GroundTruthModel(num_features, num_classes, settings));
  ap_embed_a = register_module("ap_embed_a", torch::nn::Linear(annotator_feature_size, embed_size));
  ap_embed_x = register_module("ap_embed_x", torch::nn::Linear(gt->embedding_size(), embed_size));
  ap_hidden = torch::nn::Sequential();
  int64_t output_in = 2 * embed_size;
  if (hidden_layer) {
    // Reference maml/architectures/_base.py, ap_hidden for every classifier but MaDL.
    ap_hidden->push_back(BitDropout(0.5));
    ap_hidden->push_back(torch::nn::Linear(2 * embed_size, embed_size));
    ap_hidden->push_back(torch::nn::BatchNorm1d(embed_size));
    ap_hidden->push_back(torch::nn::ReLU());
    output_in = embed_size;
  }
  register_module("ap_hidden", ap_hidden);
  ap_output = register_module("ap_output", torch::nn::Linear(output_in, num_classes * num_classes));
  // Prior: each annotator starts out correct with probability eta.
  torch::NoGradGuard no_grad;
  ap_output->bias.copy_(diagonal_prior_bias(num_classes, eta));
}

torch::Tensor AnnotMixNetworkImpl::confusion_logits(const torch::Tensor& h, const torch::Tensor& a) {
  torch::Tensor embedding = torch::cat({ap_embed_x->forward(h), ap_embed_a->forward(a)}, -1);
  if (!ap_hidden->is_empty()) embedding = ap_hidden->forward(embedding);
  return ap_output->forward(embedding).view({-1, num_classes, num_classes});
}

AnnotMixNetworkOutput AnnotMixNetworkImpl::forward(const torch::Tensor& x, const torch::Tensor& a) {
  const torch::Tensor h = gt->embed(x);
  // The AP branch must not train the GT embedding (reference: x_learned.detach()).
  return {gt->classify(h), confusion_logits(h.detach(), a)};
}

torch::Tensor annot_mix_mixed_loss(AnnotMixNetworkImpl& network, const torch::Tensor& pair_features,
                                   const torch::Tensor& pair_annotators, const torch::Tensor& pair_labels,
                                   const torch::Tensor& lambda, const torch::Tensor& permutation) {
  const auto output = network.forward(mix_rows(pair_features, lambda, permutation),
                                      mix_rows(pair_annotators, lambda, permutation));
  const torch::Tensor labels = torch::stack({pair_labels, pair_labels.index_select(0, permutation)}, 1);
  const torch::Tensor weights = torch::stack({lambda, 1 - lambda}, 1).to(output.class_logits.scalar_type());
  const torch::Tensor log_probs = labelled_annotation_log_probs(torch::log_softmax(output.class_logits, -1),
                                                                output.confusion_logits, labels);
  // Every mixed target has mass 1, so the reference's "rows with any mass" is L.
  return -(weights * log_probs).sum() / static_cast<double>(pair_labels.size(0));
}

torch::Tensor annot_mix_unmixed_loss(AnnotMixNetworkImpl& network, const torch::Tensor& batch_features,
                                     const torch::Tensor& annotator_features, const LabelledPairs& pairs) {
  const torch::Tensor h = network.gt->embed(batch_features);
  const torch::Tensor class_logits = network.gt->classify(h).index_select(0, pairs.instance);
  const torch::Tensor confusion_logits = network.confusion_logits(
      h.detach().index_select(0, pairs.instance), annotator_features.index_select(0, pairs.annotator));
  return -labelled_annotation_log_probs(torch::log_softmax(class_logits, -1), confusion_logits,
                                        pairs.label.unsqueeze(1))
              .mean();
}

namespace {

class AnnotMix : public Method {
 public:
  explicit AnnotMix(const MethodOptions& options) {
    check_option_names(name(), options, {"alpha", "eta", "mix_only_annotators", "embed_size", "ap_hidden_layer"});
    alpha_ = weight_option(name(), options, "alpha", 1.0);
    eta_ = option_or(options, "eta", 0.9);
    mix_only_annotators_ = switch_option(name(), options, "mix_only_annotators", false);
    embed_size_ = size_option(name(), options, "embed_size", 128);
    ap_hidden_layer_ = switch_option(name(), options, "ap_hidden_layer", true);
    if (!(eta_ > 0 && eta_ < 1)) throw ConfigError("method 'annot-mix': eta must lie in (0, 1)");
    if (embed_size_ <= 0) throw ConfigError("method 'annot-mix': embed_size must be positive");
  }

  std::string name() const override { return "annot-mix"; }

  MethodOptions hyperparameters() const override {
    return {{"alpha", alpha_},
            {"eta", eta_},
            {"mix_only_annotators", mix_only_annotators_ ? 1.0 : 0.0},
            {"embed_size", static_cast<double>(embed_size_)},
            {"ap_hidden_layer", ap_hidden_layer_ ? 1.0 : 0.0}};
  }

  void fit(const Dataset& train, const Dataset* valid, const TrainingSettings& settings) override {
    const torch::Tensor x = prepare(train, settings);
    // The reference gives GT and AP parameters separate groups with the same settings: one group.
    RAdam optimizer = method_optimizer(network_->parameters(), *network_->gt, settings);
    AnnotMixNetwork network = network_;
    const torch::Tensor annotators = annotators_;
    // Mixup draws from their own stream, the one replica r of a batched run uses for its seed.
    torch::Generator mixup = at::detail::createCPUGenerator(derive_seed(settings.seed, "annot-mix mixup"));
    const auto batch_loss = [&](const torch::Tensor& batch, const std::vector<int64_t>& rows) {
      // Pairs, lambdas and permutation are drawn on the host and copied without waiting: a step
      // on CUDA never synchronises with the device.
      const HostLabelledPairs host_pairs = host_labelled_pairs(rows, train.annotations);
      if (host_pairs.label.empty()) return torch::Tensor();
      const LabelledPairs pairs = to_device(host_pairs, device_);
      const torch::Tensor batch_x = x.index_select(0, batch);
      if (alpha_ <= 0) return annot_mix_unmixed_loss(*network, batch_x, annotators, pairs);
      const auto count = static_cast<int64_t>(host_pairs.label.size());
      const torch::Tensor lambda = to_device_without_waiting(sample_beta(count, alpha_, mixup), device_);
      const torch::Tensor permutation = to_device_without_waiting(
          mix_only_annotators_ ? permutation_within_groups(torch::tensor(host_pairs.position, torch::kInt64), mixup)
                               : torch::randperm(count, mixup, torch::kInt64),
          device_);
      return annot_mix_mixed_loss(*network, batch_x.index_select(0, pairs.instance),
                                  annotators.index_select(0, pairs.annotator), pairs.label, lambda, permutation);
    };
    run_epochs(*network, optimizer, train.num_instances(), settings, batch_loss);
  }

  // Checks the data, keeps the device and annotator features, and builds the initialised network
  // from the run's seed; returns the training features on the device.
  torch::Tensor prepare(const Dataset& train, const TrainingSettings& settings) {
    if (!train.has_annotations()) throw ConfigError("method 'annot-mix' needs annotations to train on");
    device_ = parse_device(settings.device);
    eval_batch_size_ = settings.eval_batch_size;
    annotators_ = annotator_features_or_one_hot(train).to(device_);
    torch::Generator dropout_stream;
    {
      const SeededInitialisation seeded(settings.seed, "annot-mix training");
      network_ = AnnotMixNetwork(static_cast<int64_t>(train.num_features()), train.num_classes(),
                                 annotators_.size(1), embed_size_, ap_hidden_layer_, eta_, settings);
      dropout_stream = seeded.continued_stream(device_);
    }
    for (const auto& dropout : modules_of<BitDropoutImpl>(network_->ap_hidden)) dropout->generator = dropout_stream;
    network_->gt->use_dropout_stream(seeded_stream(settings.seed, "gt dropout", device_));
    network_->to(device_);
    return to_tensor(train.features).to(device_);
  }

  static std::vector<std::unique_ptr<Method>> fit_replicas(const MethodOptions& options, const Dataset& train,
                                                           const TrainingSettings& settings,
                                                           const std::vector<std::uint64_t>& seeds) {
    // Without mixup, or with separate decays for the GT and annotator parameters (the stacked
    // optimiser has one group), there is no batched form: the caller trains the replicas one by one.
    if (AnnotMix(options).alpha_ <= 0 || settings.ap_weight_decay != settings.weight_decay) return {};
    std::vector<std::unique_ptr<AnnotMix>> replicas;
    std::vector<AnnotMixNetwork> networks;
    torch::Tensor x;
    for (const std::uint64_t seed : seeds) {
      TrainingSettings own = settings;
      own.seed = seed;
      replicas.push_back(std::make_unique<AnnotMix>(options));
      x = replicas.back()->prepare(train, own);
      networks.push_back(replicas.back()->network_);
    }
    const AnnotMix& first = *replicas.front();
    train_annot_mix_replicas(networks, x, train.annotations, first.annotators_, settings, seeds, first.alpha_,
                             first.mix_only_annotators_);
    std::vector<std::unique_ptr<Method>> fitted;
    for (auto& replica : replicas) fitted.push_back(std::move(replica));
    return fitted;
  }

  FeatureMatrix predict_proba(const FeatureMatrix& features) const override {
    require_fitted();
    AnnotMixNetwork network = network_;
    return annotbench::predict_proba(*network, features, eval_batch_size_, device_,
                                     [&](const torch::Tensor& x) { return network->gt->forward(x); });
  }

  FeatureMatrix annotator_performance(const FeatureMatrix& features) const override {
    require_fitted();
    AnnotMixNetwork network = network_;
    const torch::Tensor annotators = annotators_;
    const int64_t num_annotators = annotators.size(0);
    const torch::Tensor performance = predict_batched(
        *network, to_tensor(features), eval_batch_size_, device_, [&](const torch::Tensor& x) {
          const int64_t rows = x.size(0);
          const torch::Tensor h = network->gt->embed(x);
          const torch::Tensor class_probs = torch::softmax(network->gt->classify(h), -1);
          const torch::Tensor confusion = torch::softmax(
              network->confusion_logits(h.repeat_interleave(num_annotators, 0), annotators.repeat({rows, 1})), -1);
          return correct_label_probability(
              class_probs, confusion.view({rows, num_annotators, network->num_classes, network->num_classes}));
        });
    return to_matrix(performance);
  }

 private:
  void require_fitted() const {
    if (network_.is_empty()) throw ConfigError("method 'annot-mix': used before fit()");
  }

  double alpha_ = 1.0;
  double eta_ = 0.9;
  bool mix_only_annotators_ = false;
  int64_t embed_size_ = 128;
  bool ap_hidden_layer_ = true;
  AnnotMixNetwork network_{nullptr};
  torch::Tensor annotators_;
  torch::Device device_{torch::kCPU};
  int64_t eval_batch_size_ = 512;
};

}  // namespace

std::unique_ptr<Method> make_annot_mix(const MethodOptions& options) {
  return std::make_unique<AnnotMix>(options);
}

std::vector<std::unique_ptr<Method>> fit_annot_mix_replicas(const MethodOptions& options, const Dataset& train,
                                                            const Dataset* valid, const TrainingSettings& settings,
                                                            const std::vector<std::uint64_t>& seeds) {
  return AnnotMix::fit_replicas(options, train, settings, seeds);
}

}  // namespace annotbench
