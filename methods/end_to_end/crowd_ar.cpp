// CrowdAR (Cao, Chen, Huang, Shen, Huang, "Learning from Crowds with Annotation Reliability",
// SIGIR 2023): besides a confusion matrix per annotator, a reliability network estimates for every
// annotation whether it is correct, from the instance's difficulty, the annotator's expertise and
// p(y|x) (Eq. (2)); the loss fits the annotations against targets softened by that reliability
// (Eq. (3)) and trains the reliability against agreement with the GT model's prediction (Eq. (5)).
// Defaults: reference repository, maml/classifiers/_crowd_ar.py and conf/classifier/crowdar.yaml
// (lambda = 0.9, difficulty embedding 128; confusion logits start at the identity, expertise
// logits Xavier-normal, the weights w3 are clipped to be non-negative after every step).
//
// Frozen confusion matrices and expertise, as in the reference code: its get_ap_parameters() hands
// them to the optimiser as `list(self.ap_confs)` and `list(self.ap_expertise)` under
// @torch.no_grad() (maml/classifiers/_crowdar.py, annot-mix branch), i.e. as row views that do not
// require grad and so never receive one; RAdam skips them, and they keep their initial values (the
// identity and the Xavier-normal draw) for the whole run. The annot-mix paper's CrowdAR numbers were
// produced that way, so that is our default. The annotation logits are then p(y|x) itself, and the
// annotation term is a reliability-softened, bounded cross-entropy on the GT probabilities. Option
// train_confusions=1 trains both as the CrowdAR paper describes.

#include <torch/torch.h>

#include <memory>

#include "datasets/input_error.h"
#include "methods/nn/baseline_losses.h"
#include "methods/method.h"
#include "methods/nn/flat_parameters.h"
#include "methods/nn/frozen_parameters.h"
#include "methods/nn/gt_model.h"
#include "methods/nn/multi_annotator.h"
#include "methods/nn/radam.h"
#include "methods/nn/training.h"

namespace annotbench {

torch::Tensor crowd_ar_reliability(const torch::Tensor& difficulty, const torch::Tensor& expertise_logits,
                                   const torch::Tensor& class_probabilities, const torch::Tensor& w3,
                                   const torch::Tensor& b3) {
  const torch::Tensor inputs = (torch::sigmoid(expertise_logits).unsqueeze(0) - difficulty.unsqueeze(1)) *
                               class_probabilities.unsqueeze(1);  // B x M x C
  return torch::sigmoid(inputs.matmul(w3.reshape({-1})) + b3.reshape({}));
}

torch::Tensor crowd_ar_loss(const torch::Tensor& annotations, const torch::Tensor& class_probabilities,
                            const torch::Tensor& annotation_logits, const torch::Tensor& reliabilities,
                            double lambda) {
  namespace F = torch::nn::functional;
  const int64_t num_classes = class_probabilities.size(1);
  const torch::Tensor labelled = annotations.ne(kMissingLabel);
  // Without labels both terms are 0 and so is the loss; no host read of the count (a CUDA sync).
  const torch::Tensor num_labels = labelled.sum().clamp_min(1).to(reliabilities.scalar_type());
  const torch::Tensor mask = labelled.to(reliabilities.scalar_type());

  // Eq. (3): trust the label by r, spread the rest uniformly over the classes.
  const torch::Tensor one_hot =
      F::one_hot(annotations.clamp_min(0), num_classes).to(reliabilities.scalar_type());
  const torch::Tensor reliability = reliabilities.unsqueeze(-1);
  const torch::Tensor targets =
      (reliability * one_hot + (1 - reliability) / static_cast<double>(num_classes)) * mask.unsqueeze(-1);
  const torch::Tensor annotation_term = -(targets * torch::log_softmax(annotation_logits, -1)).sum();

  // Eq. (5), right summand: is the annotation the GT model's current prediction?
  const torch::Tensor agrees =
      class_probabilities.argmax(1).unsqueeze(1).eq(annotations).to(reliabilities.scalar_type());
  const torch::Tensor reliability_term = F::binary_cross_entropy(
      reliabilities, agrees, F::BinaryCrossEntropyFuncOptions().weight(mask).reduction(torch::kSum));
  return (lambda * annotation_term + (1 - lambda) * reliability_term) / num_labels;
}

namespace {

struct CrowdArNetworkImpl : torch::nn::Module {
  CrowdArNetworkImpl(int64_t num_features, int64_t num_classes, int64_t num_annotators, int64_t embed_size,
                     const TrainingSettings& settings)
      : gt(register_module("gt", GroundTruthModel(num_features, num_classes, settings))) {
    expertise_logits = register_parameter("expertise_logits", torch::empty({num_annotators, num_classes}));
    torch::nn::init::xavier_normal_(expertise_logits);
    confusion_logits = register_parameter(
        "confusion_logits", torch::eye(num_classes).unsqueeze(0).repeat({num_annotators, 1, 1}));
    difficulty_hidden = register_module("difficulty_hidden", torch::nn::Linear(gt->embedding_size(), embed_size));
    difficulty_output = register_module("difficulty_output", torch::nn::Linear(embed_size, num_classes));
    reliability_output = register_module("reliability_output", torch::nn::Linear(num_classes, 1));
  }

  struct Outputs {
    torch::Tensor class_probabilities;  // B x C
    torch::Tensor annotation_logits;    // B x M x C
    torch::Tensor reliabilities;        // B x M
  };

  Outputs forward(const torch::Tensor& x) {
    const torch::Tensor hidden = gt->embed(x);
    const torch::Tensor class_probabilities = torch::softmax(gt->classify(hidden), -1);
    // Eq. (1): instance difficulty, from the GT embedding with its gradient stopped (as in the
    // authors' code); p(y|x) itself enters Eq. (2) with its gradient.
    const torch::Tensor difficulty =
        torch::sigmoid(difficulty_output(torch::sigmoid(difficulty_hidden(hidden.detach()))));
    return {class_probabilities,
            // Eq. (4): p(y|x)^T W_m as the annotation logits.
            torch::einsum("bk,mkl->bml", {class_probabilities, confusion_logits}),
            crowd_ar_reliability(difficulty, expertise_logits, class_probabilities,
                                 reliability_output->weight, reliability_output->bias)};
  }

  // The constraint of Eq. (2): each element of w3 is non-negative.
  void clip_reliability_weights() {
    torch::NoGradGuard no_grad;
    reliability_output->weight.clamp_min_(0.0);
  }

  GroundTruthModel gt;
  torch::Tensor expertise_logits;  // M x C
  torch::Tensor confusion_logits;  // M x C x C, row = true class
  torch::nn::Linear difficulty_hidden{nullptr}, difficulty_output{nullptr}, reliability_output{nullptr};
};
TORCH_MODULE(CrowdArNetwork);

class CrowdAr : public Method {
 public:
  explicit CrowdAr(const MethodOptions& options) {
    check_option_names(name(), options, {"lambda", "embed_size", "train_confusions"});
    lambda_ = option_or(options, "lambda", 0.9);
    embed_size_ = size_option(name(), options, "embed_size", 128);
    train_confusions_ = switch_option(name(), options, "train_confusions", false);
    if (!(lambda_ >= 0 && lambda_ <= 1)) throw ConfigError("method 'crowd-ar': option 'lambda' must lie in [0, 1]");
    if (embed_size_ < 1) throw ConfigError("method 'crowd-ar': option 'embed_size' must be at least 1");
  }

  std::string name() const override { return "crowd-ar"; }
  MethodOptions hyperparameters() const override {
    return {{"lambda", lambda_},
            {"embed_size", static_cast<double>(embed_size_)},
            {"train_confusions", train_confusions_ ? 1.0 : 0.0}};
  }

  void fit(const Dataset& train, const Dataset* valid, const TrainingSettings& settings) override {
    device_ = parse_device(settings.device);
    eval_batch_size_ = settings.eval_batch_size;
    {
      const SeededInitialisation seeded(settings.seed, "crowd-ar init");
      network_ = CrowdArNetwork(static_cast<int64_t>(train.num_features()), train.num_classes(),
                                static_cast<int64_t>(train.num_annotators()), embed_size_, settings);
    }
    network_->to(device_);
    network_->gt->use_dropout_stream(seeded_stream(settings.seed, "gt dropout", device_));
    const torch::Tensor features = to_tensor(train.features).to(device_);
    const torch::Tensor annotations = to_tensor(train.annotations).to(device_);
    RAdam optimizer = method_optimizer(trained_parameters(), *network_->gt, settings);
    bool stepped = false;
    run_epochs(*network_, optimizer, train.num_instances(), settings,
               [&](const torch::Tensor& batch, const std::vector<int64_t>& rows) {
      // A batch without any label has nothing to learn from: the loop skips it.
      if (!any_label(rows, train.annotations)) return torch::Tensor();
      // The shared loop has no hook after the step, so the clip of the previous step happens here,
      // before the next forward pass, and once more after the loop: the same sequence of values.
      if (stepped) network_->clip_reliability_weights();
      stepped = true;
      const auto outputs = network_->forward(features.index_select(0, batch));
      return crowd_ar_loss(annotations.index_select(0, batch), outputs.class_probabilities,
                           outputs.annotation_logits, outputs.reliabilities, lambda_);
    });
    if (stepped) network_->clip_reliability_weights();
  }

  FeatureMatrix predict_proba(const FeatureMatrix& features) const override {
    require_fitted();
    return to_matrix(predict_batched(*network_, to_tensor(features), eval_batch_size_, device_,
                                     [&](const torch::Tensor& x) { return network_->forward(x).class_probabilities; }));
  }

  // CrowdAR's own estimate of whether annotator m labels x correctly is the reliability r(x, m)
  // (the reference code reports it as the annotator performance, too).
  FeatureMatrix annotator_performance(const FeatureMatrix& features) const override {
    require_fitted();
    return to_matrix(predict_batched(*network_, to_tensor(features), eval_batch_size_, device_,
                                     [&](const torch::Tensor& x) { return network_->forward(x).reliabilities; }));
  }

 private:
  void require_fitted() const {
    if (network_.is_empty()) throw ConfigError("method '" + name() + "': used before fit()");
  }
  // Every parameter, or (the reference's behaviour, see the top of the file) all but the confusion
  // matrices and the expertise logits, which then need no gradient either.
  std::vector<torch::Tensor> trained_parameters() {
    if (train_confusions_) return network_->parameters();
    return parameters_except(*network_, {"confusion_logits", "expertise_logits"});
  }
  double lambda_ = 0.9;
  bool train_confusions_ = false;
  int64_t embed_size_ = 128;
  // mutable: prediction runs the modules, which LibTorch does not mark const.
  mutable CrowdArNetwork network_{nullptr};
  torch::Device device_{torch::kCPU};
  int64_t eval_batch_size_ = 512;
};

}  // namespace

std::unique_ptr<Method> make_crowd_ar(const MethodOptions& options) { return std::make_unique<CrowdAr>(options); }

}  // namespace annotbench
