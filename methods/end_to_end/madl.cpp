// MaDL, multi-annotator deep learning (Herde, Huseljic, Sick, TMLR 2023), as the reference
// maml/classifiers/_madl.py with conf/classifier/madl.yaml runs it on tabular data: instance- and
// annotator-dependent full confusion matrices from annotator embeddings (one-hot -> E = 16), GT
// embeddings, their outer-product interaction and a residual hidden block; the labels are weighted
// by RBF-kernel annotator similarity so that groups of alike annotators do not dominate.
//
// Checked against the reference (annot-mix branch) for issue 4: same modules, initialisation,
// parameter groups, detaching and loss normalisation. On letter with classifier annotators it lands
// below majority vote (0.78 against 0.89, seed 0) because the GT model partly merges a few classes
// (seed 0: 58 % of class 2 predicted as 4, 43 % of 18 as 25) while the AP model, which sees the
// instance, maps them back to the annotated labels; its annotator-performance estimates stay close
// to the truth. With the instance input of the AP model zeroed (a diagnostic, not the method) it
// reaches 0.90 (seeds 0 and 1).

#include <cmath>

#include "datasets/input_error.h"
#include "methods/nn/losses.h"
#include "methods/method.h"
#include "methods/nn/flat_parameters.h"
#include "methods/nn/gt_model.h"
#include "methods/nn/multi_annotator.h"
#include "methods/nn/radam.h"
#include "methods/nn/training.h"

namespace annotbench {

torch::Tensor madl_annotator_weights(const torch::Tensor& annotator_embeddings, const torch::Tensor& gamma) {
  const torch::Tensor squared_distances = torch::cdist(annotator_embeddings, annotator_embeddings).pow(2);
  const torch::Tensor similarities = torch::exp(-gamma * squared_distances);
  const torch::Tensor inverse_sums = similarities.sum(0).reciprocal();
  return inverse_sums / inverse_sums.sum() * static_cast<double>(annotator_embeddings.size(0));
}

torch::Tensor madl_annotator_weights(const torch::Tensor& annotator_embeddings, double gamma) {
  return madl_annotator_weights(annotator_embeddings, torch::scalar_tensor(gamma, annotator_embeddings.options()));
}

torch::Tensor madl_loss(const torch::Tensor& labels, const torch::Tensor& class_logits,
                        const torch::Tensor& confusion_logits, const torch::Tensor& pair_weights,
                        const torch::Tensor& gamma, double alpha, double beta) {
  // Only each pair's own label column of its C x C matrix is needed (row-normalised by logsumexp).
  const torch::Tensor nll =
      -labelled_annotation_log_probs(torch::log_softmax(class_logits, -1), confusion_logits, labels.unsqueeze(1))
           .squeeze(1);
  const double count = static_cast<double>(labels.size(0));
  // Gamma(shape alpha, rate beta) log-density of the kernel bandwidth, clamped as the reference.
  const torch::Tensor g = gamma.clamp_min(1e-3);
  const torch::Tensor log_prior =
      alpha * std::log(beta) + (alpha - 1) * torch::log(g) - beta * g - std::lgamma(alpha);
  return (nll * pair_weights).sum() / count - log_prior;
}

torch::Tensor madl_loss(const torch::Tensor& labels, const torch::Tensor& class_logits,
                        const torch::Tensor& confusion_logits, const torch::Tensor& pair_weights,
                        double gamma, double alpha, double beta) {
  return madl_loss(labels, class_logits, confusion_logits, pair_weights,
                   torch::scalar_tensor(gamma, class_logits.options()), alpha, beta);
}

namespace {

struct MadlNetworkImpl : torch::nn::Module {
  MadlNetworkImpl(int64_t num_features, int64_t num_classes_, int64_t annotator_feature_size,
                  int64_t embed_size, double eta,
                  const TrainingSettings& settings)
      : num_classes(num_classes_) {
    gt = register_module("gt", GroundTruthModel(num_features, num_classes, settings));
    ap_embed_a = register_module("ap_embed_a", torch::nn::Linear(annotator_feature_size, embed_size));
    ap_embed_x = register_module("ap_embed_x", torch::nn::Linear(gt->embedding_size(), embed_size));
    outer_product_weights = register_parameter(
        "outer_product_weights", torch::empty({embed_size, embed_size, embed_size}));
    torch::nn::init::xavier_uniform_(outer_product_weights);
    // Reference maml/architectures/_base.py, ap_hidden of MaDL.
    ap_hidden = register_module(
        "ap_hidden", torch::nn::Sequential(torch::nn::Linear(3 * embed_size, 128), torch::nn::BatchNorm1d(128),
                                           torch::nn::ReLU(), torch::nn::Linear(128, embed_size),
                                           torch::nn::BatchNorm1d(embed_size)));
    ap_output = register_module("ap_output", torch::nn::Linear(embed_size, num_classes * num_classes));
    torch::NoGradGuard no_grad;
    ap_output->bias.copy_(diagonal_prior_bias(num_classes, eta));
  }

  // From GT embeddings h (L x H; gradients flow into the GT, as in the reference with
  // ap_use_gt_embed_x) and annotator features a (L x A) to L x C x C logits.
  torch::Tensor confusion_logits(const torch::Tensor& h, const torch::Tensor& a) {
    const torch::Tensor annotator = ap_embed_a->forward(a);
    const torch::Tensor instance = ap_embed_x->forward(h);
    const torch::Tensor summed = annotator + instance;
    // op[r, p] = sum_{e, m} s[r, e] s[r, m] W[p, e, m]
    const torch::Tensor interaction = torch::einsum("re,rm,pem->rp", {summed, summed, outer_product_weights});
    torch::Tensor embedding = ap_hidden->forward(torch::cat({annotator, instance, interaction}, -1));
    embedding = torch::relu(embedding + annotator);  // residual (ap_use_residual)
    return ap_output->forward(embedding).view({-1, num_classes, num_classes});
  }

  int64_t num_classes;
  GroundTruthModel gt{nullptr};
  torch::nn::Linear ap_embed_a{nullptr}, ap_embed_x{nullptr}, ap_output{nullptr};
  torch::nn::Sequential ap_hidden{nullptr};
  torch::Tensor outer_product_weights;  // E x E x E
};
TORCH_MODULE(MadlNetwork);

class Madl : public Method {
 public:
  explicit Madl(const MethodOptions& options) {
    check_option_names(name(), options, {"eta", "alpha", "beta", "embed_size", "train_gamma"});
    eta_ = option_or(options, "eta", 0.8);
    alpha_ = option_or(options, "alpha", 1.25);
    beta_ = option_or(options, "beta", 0.25);
    embed_size_ = size_option(name(), options, "embed_size", 16);
    if (!(eta_ > 0 && eta_ < 1)) throw ConfigError("method 'madl': eta must lie in (0, 1)");
    if (!(alpha_ > 0 && beta_ > 0)) throw ConfigError("method 'madl': alpha and beta must be positive");
    if (embed_size_ <= 0) throw ConfigError("method 'madl': embed_size must be positive");
    // The kernel bandwidth starts at the mode of its Gamma(alpha, beta) prior. The reference
    // registers it as a parameter but in neither optimiser group, so it stays there.
    gamma_ = std::max(0.0, (alpha_ - 1) / beta_);
    // train_gamma=1 is the fixed method: the bandwidth joins the optimiser and learns from the
    // weighted likelihood and its prior, as the MaDL paper intends.
    train_gamma_ = switch_option(name(), options, "train_gamma", false);
  }

  std::string name() const override { return "madl"; }
  MethodOptions hyperparameters() const override {
    return {{"eta", eta_}, {"alpha", alpha_}, {"beta", beta_}, {"embed_size", static_cast<double>(embed_size_)},
            {"train_gamma", train_gamma_ ? 1.0 : 0.0}};
  }

  void fit(const Dataset& train, const Dataset* valid, const TrainingSettings& settings) override {
    if (!train.has_annotations()) throw ConfigError("method 'madl' needs annotations to train on");
    device_ = parse_device(settings.device);
    eval_batch_size_ = settings.eval_batch_size;
    const torch::Tensor x = to_tensor(train.features).to(device_);
    annotators_ = annotator_features_or_one_hot(train).to(device_);

    {
      const SeededInitialisation seeded(settings.seed, "madl training");
      network_ = MadlNetwork(static_cast<int64_t>(train.num_features()), train.num_classes(),
                             annotators_.size(1), embed_size_, eta_, settings);
    }
    network_->to(device_);
    network_->gt->use_dropout_stream(seeded_stream(settings.seed, "gt dropout", device_));
    std::vector<torch::Tensor> trained = network_->parameters();
    torch::Tensor gamma = torch::full({}, gamma_, torch::TensorOptions().dtype(torch::kFloat32).device(device_));
    if (train_gamma_) {
      gamma.set_requires_grad(true);
      trained.push_back(gamma);
    }
    RAdam optimizer = method_optimizer(trained, *network_->gt, settings);
    MadlNetwork network = network_;
    const torch::Tensor annotators = annotators_;
    run_epochs(*network, optimizer, train.num_instances(), settings,
               [&](const torch::Tensor& batch, const std::vector<int64_t>& rows) {
      const LabelledPairs pairs = labelled_pairs(rows, train.annotations, device_);
      if (pairs.label.size(0) == 0) return torch::Tensor();
      const torch::Tensor h = network->gt->embed(x.index_select(0, batch)).index_select(0, pairs.instance);
      const torch::Tensor confusion_logits =
          network->confusion_logits(h, annotators.index_select(0, pairs.annotator));
      const torch::Tensor weights =
          madl_annotator_weights(network->ap_embed_a->forward(annotators).detach(), gamma.clamp_min(1e-5));
      return madl_loss(pairs.label, network->gt->classify(h), confusion_logits,
                       weights.index_select(0, pairs.annotator), gamma, alpha_, beta_);
    });
    gamma_ = gamma.item<double>();
  }

  FeatureMatrix predict_proba(const FeatureMatrix& features) const override {
    require_fitted();
    MadlNetwork network = network_;
    return annotbench::predict_proba(*network, features, eval_batch_size_, device_,
                                     [&](const torch::Tensor& x) { return network->gt->forward(x); });
  }

  FeatureMatrix annotator_performance(const FeatureMatrix& features) const override {
    require_fitted();
    MadlNetwork network = network_;
    const torch::Tensor annotators = annotators_;
    const int64_t num_annotators = annotators.size(0);
    return to_matrix(predict_batched(
        *network, to_tensor(features), eval_batch_size_, device_, [&](const torch::Tensor& x) {
          const int64_t rows = x.size(0);
          const torch::Tensor h = network->gt->embed(x);
          const torch::Tensor class_probs = torch::softmax(network->gt->classify(h), -1);
          const torch::Tensor confusion = torch::softmax(
              network->confusion_logits(h.repeat_interleave(num_annotators, 0), annotators.repeat({rows, 1})), -1);
          return correct_label_probability(
              class_probs, confusion.view({rows, num_annotators, network->num_classes, network->num_classes}));
        }));
  }

 private:
  void require_fitted() const {
    if (network_.is_empty()) throw ConfigError("method 'madl': used before fit()");
  }
  double eta_ = 0.8, alpha_ = 1.25, beta_ = 0.25, gamma_ = 1.0;
  bool train_gamma_ = false;
  int64_t embed_size_ = 16;
  MadlNetwork network_{nullptr};
  torch::Tensor annotators_;
  torch::Device device_{torch::kCPU};
  int64_t eval_batch_size_ = 512;
};

}  // namespace

std::unique_ptr<Method> make_madl(const MethodOptions& options) { return std::make_unique<Madl>(options); }

}  // namespace annotbench
