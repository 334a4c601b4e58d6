// Trace regularisation (Tanno, Saeedi, Sankaranarayanan, Alexander, Silberman, "Learning from Noisy
// Labels by Regularized Estimation of Annotator Confusion", CVPR 2019), as the reference
// maml/classifiers/_reg_crowd_net.py runs it: one confusion matrix per annotator (row-softmax of
// logits initialised to 6 I - 5), marginal likelihood plus lambda times the mean trace.
// Default lambda 0.01: conf/classifier/trace_reg.yaml.

#include "datasets/input_error.h"
#include "methods/nn/losses.h"
#include "methods/method.h"
#include "methods/nn/flat_parameters.h"
#include "methods/nn/gt_model.h"
#include "methods/nn/multi_annotator.h"
#include "methods/nn/radam.h"
#include "methods/nn/training.h"

namespace annotbench {

torch::Tensor trace_reg_loss(const torch::Tensor& class_logits, const torch::Tensor& confusion_logits,
                             const LabelledPairs& pairs, double lambda) {
  const torch::Tensor class_log_probs = torch::log_softmax(class_logits, -1).index_select(0, pairs.instance);
  const torch::Tensor confusion_log_probs = torch::log_softmax(confusion_logits, -1);
  torch::Tensor loss =
      -annotator_label_log_probs(class_log_probs, confusion_log_probs, pairs.annotator, pairs.label).mean();
  if (lambda > 0) {
    const torch::Tensor mean_trace = confusion_log_probs.exp().diagonal(0, -2, -1).sum(-1).mean();
    loss = loss + lambda * mean_trace;
  }
  return loss;
}

namespace {

struct TraceRegNetworkImpl : torch::nn::Module {
  TraceRegNetworkImpl(int64_t num_features, int64_t num_classes, int64_t num_annotators,
                      const TrainingSettings& settings) {
    gt = register_module("gt", GroundTruthModel(num_features, num_classes, settings));
    // Logits 6 I - 5: each annotator starts with diagonal probability e^1 / (e^1 + (C-1) e^-5).
    confusion_logits = register_parameter(
        "confusion_logits",
        (6.0 * torch::eye(num_classes) - 5.0).unsqueeze(0).repeat({num_annotators, 1, 1}));
  }
  GroundTruthModel gt{nullptr};
  torch::Tensor confusion_logits;  // M x C x C
};
TORCH_MODULE(TraceRegNetwork);

class TraceReg : public Method {
 public:
  explicit TraceReg(const MethodOptions& options) {
    check_option_names(name(), options, {"lambda"});
    lambda_ = weight_option(name(), options, "lambda", 0.01);
  }

  std::string name() const override { return "trace-reg"; }
  MethodOptions hyperparameters() const override { return {{"lambda", lambda_}}; }

  void fit(const Dataset& train, const Dataset* valid, const TrainingSettings& settings) override {
    if (!train.has_annotations()) throw ConfigError("method 'trace-reg' needs annotations to train on");
    device_ = parse_device(settings.device);
    eval_batch_size_ = settings.eval_batch_size;
    const torch::Tensor x = to_tensor(train.features).to(device_);

    {
      const SeededInitialisation seeded(settings.seed, "trace-reg training");
      network_ = TraceRegNetwork(static_cast<int64_t>(train.num_features()), train.num_classes(),
                                 static_cast<int64_t>(train.num_annotators()), settings);
    }
    network_->to(device_);
    network_->gt->use_dropout_stream(seeded_stream(settings.seed, "gt dropout", device_));
    RAdam optimizer = method_optimizer(network_->parameters(), *network_->gt, settings);
    TraceRegNetwork network = network_;
    run_epochs(*network, optimizer, train.num_instances(), settings,
               [&](const torch::Tensor& batch, const std::vector<int64_t>& rows) {
      const LabelledPairs pairs = labelled_pairs(rows, train.annotations, device_);
      if (pairs.label.size(0) == 0) return torch::Tensor();
      return trace_reg_loss(network->gt->forward(x.index_select(0, batch)), network->confusion_logits, pairs,
                            lambda_);
    });
  }

  FeatureMatrix predict_proba(const FeatureMatrix& features) const override {
    require_fitted();
    TraceRegNetwork network = network_;
    return annotbench::predict_proba(*network, features, eval_batch_size_, device_,
                                     [&](const torch::Tensor& x) { return network->gt->forward(x); });
  }

  FeatureMatrix annotator_performance(const FeatureMatrix& features) const override {
    require_fitted();
    TraceRegNetwork network = network_;
    torch::NoGradGuard no_grad;
    return shared_confusion_performance(*network, features, torch::softmax(network->confusion_logits, -1),
                                        eval_batch_size_, device_,
                                        [&](const torch::Tensor& x) { return network->gt->forward(x); });
  }

 private:
  void require_fitted() const {
    if (network_.is_empty()) throw ConfigError("method 'trace-reg': used before fit()");
  }
  double lambda_ = 0.01;
  TraceRegNetwork network_{nullptr};
  torch::Device device_{torch::kCPU};
  int64_t eval_batch_size_ = 512;
};

}  // namespace

std::unique_ptr<Method> make_trace_reg(const MethodOptions& options) {
  return std::make_unique<TraceReg>(options);
}

}  // namespace annotbench
