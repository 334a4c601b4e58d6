// GeoCrowdNet (Ibrahim, Nguyen, Fu, "Deep Learning From Crowdsourced Labels: Coupled Cross-Entropy
// Minimization, Identifiability, and Regularization", ICLR 2023): one confusion matrix per annotator
// applied to the GT model's p(y|x) (coupled cross-entropy), plus a log-det volume regulariser either
// on the GT outputs (geo-reg-f) or on the stacked confusion matrices (geo-reg-w). The two variants
// differ in one term, so they share this file and register twice.
// Defaults: reference repository, maml/classifiers/_reg_crowd_net.py and
// conf/classifier/geo_reg_{f,w}.yaml (lambda = 1e-3, confusion logits initialised to the identity).

#include <torch/torch.h>

#include <cmath>
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

torch::Tensor geo_crowd_net_loss(const LabelledPairs& pairs, const torch::Tensor& class_logits,
                                 const torch::Tensor& confusion_logits, double lambda, GeoRegularizer regularizer) {
  const torch::Tensor class_log_probabilities = torch::log_softmax(class_logits, -1);
  const torch::Tensor confusion_log_probabilities = torch::log_softmax(confusion_logits, -1);
  // A batch without labels contributes nothing (the mean over zero pairs would be NaN); else
  // log p(z = z_nm | x_n, m) = logsumexp_c [log p(c|x_n) + log A_m[c, z_nm]].
  torch::Tensor loss =
      pairs.label.size(0) == 0
          ? class_logits.sum() * 0.0
          : -annotator_label_log_probs(class_log_probabilities.index_select(0, pairs.instance),
                                       confusion_log_probabilities, pairs.annotator, pairs.label)
                 .mean();
  if (lambda <= 0) return loss;

  torch::Tensor volume;
  if (regularizer == GeoRegularizer::kOutputs) {
    const torch::Tensor outputs = class_log_probabilities.exp();  // F: B x C
    volume = -torch::logdet(outputs.t().mm(outputs));
  } else {
    // W stacks A_m^T (C x C, column = true class) over annotators: (M*C) x C.
    const torch::Tensor stacked =
        confusion_log_probabilities.exp().transpose(1, 2).reshape({-1, confusion_logits.size(-1)});
    volume = -torch::logdet(stacked.t().mm(stacked));
  }
  // The authors' code skips the term when the Gram matrix is (nearly) singular.
  const double value = volume.item<double>();
  if (!std::isfinite(value) || value > 100.0) return loss;
  return loss + lambda * volume;
}

namespace {

struct GeoCrowdNetworkImpl : torch::nn::Module {
  GeoCrowdNetworkImpl(int64_t num_features, int64_t num_classes, int64_t num_annotators,
                      const TrainingSettings& settings)
      : gt(register_module("gt", GroundTruthModel(num_features, num_classes, settings))) {
    // Section 5 of the paper: every annotator starts from the identity (here as softmax logits).
    confusion_logits = register_parameter(
        "confusion_logits", torch::eye(num_classes).unsqueeze(0).repeat({num_annotators, 1, 1}));
  }
  GroundTruthModel gt;
  torch::Tensor confusion_logits;  // M x C x C, row = true class
};
TORCH_MODULE(GeoCrowdNetwork);

class GeoCrowdNet : public Method {
 public:
  GeoCrowdNet(GeoRegularizer regularizer, const MethodOptions& options) : regularizer_(regularizer) {
    check_option_names(name(), options, {"lambda"});
    lambda_ = weight_option(name(), options, "lambda", 1e-3);
  }

  std::string name() const override {
    return regularizer_ == GeoRegularizer::kOutputs ? "geo-reg-f" : "geo-reg-w";
  }
  MethodOptions hyperparameters() const override { return {{"lambda", lambda_}}; }

  void fit(const Dataset& train, const Dataset* valid, const TrainingSettings& settings) override {
    device_ = parse_device(settings.device);
    eval_batch_size_ = settings.eval_batch_size;
    {
      const SeededInitialisation seeded(settings.seed, name() + " init");
      network_ = GeoCrowdNetwork(static_cast<int64_t>(train.num_features()), train.num_classes(),
                                 static_cast<int64_t>(train.num_annotators()), settings);
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
      return geo_crowd_net_loss(pairs, network_->gt->forward(features.index_select(0, batch)),
                                network_->confusion_logits, lambda_, regularizer_);
    });
  }

  FeatureMatrix predict_proba(const FeatureMatrix& features) const override {
    require_fitted();
    return annotbench::predict_proba(*network_, features, eval_batch_size_, device_,
                                     [&](const torch::Tensor& x) { return network_->gt->forward(x); });
  }

  FeatureMatrix annotator_performance(const FeatureMatrix& features) const override {
    require_fitted();
    torch::NoGradGuard no_grad;
    return shared_confusion_performance(*network_, features, torch::softmax(network_->confusion_logits, -1),
                                        eval_batch_size_, device_,
                                        [&](const torch::Tensor& x) { return network_->gt->forward(x); });
  }

 private:
  void require_fitted() const {
    if (network_.is_empty()) throw ConfigError("method '" + name() + "': used before fit()");
  }
  GeoRegularizer regularizer_;
  double lambda_ = 1e-3;
  // mutable: prediction runs the modules, which LibTorch does not mark const.
  mutable GeoCrowdNetwork network_{nullptr};
  torch::Device device_{torch::kCPU};
  int64_t eval_batch_size_ = 512;
};

}  // namespace

std::unique_ptr<Method> make_geo_reg_f(const MethodOptions& options) {
  return std::make_unique<GeoCrowdNet>(GeoRegularizer::kOutputs, options);
}

std::unique_ptr<Method> make_geo_reg_w(const MethodOptions& options) {
  return std::make_unique<GeoCrowdNet>(GeoRegularizer::kConfusions, options);
}

}  // namespace annotbench
