// CoNAL (Chu, Ma, Wang, "Learning from Crowds by Modeling Common Confusions", AAAI 2021): the GT
// model's p(y|x) passes through a common noise-adaptation layer shared by all annotators and an
// individual one per annotator; an instance/annotator weight w_nm = sigmoid(<u(x_n), v_m>) of
// normalised embeddings mixes the two. Defaults: reference repository, maml/classifiers/_conal.py
// and conf/classifier/conal.yaml (lambda = 1e-5, embedding size 20, annotators one-hot, both layers
// initialised to 2 I, the instance embedding read from the GT model's hidden representation).
//
// Frozen noise-adaptation layers, as in the reference code: its get_ap_parameters() hands them to
// the optimiser as `list(self.ap_confs_common)` and `list(self.ap_confs_individual)` under
// @torch.no_grad() (maml/classifiers/_conal.py, annot-mix branch), i.e. as row views that do not
// require grad and so never receive one; RAdam skips them and both stay at 2 I for the whole run.
// The annot-mix paper's CoNAL numbers were produced that way, so that is our default. With both
// layers equal, the annotation logits are 2 p(y|x) whatever the mixing weight, so the loss is a
// bounded cross-entropy on the GT probabilities and the embeddings get no gradient. Option
// train_confusions=1 trains the layers as the CoNAL paper describes.

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

torch::Tensor conal_annotation_logits(const torch::Tensor& class_probabilities,
                                      const torch::Tensor& mixing_weights,
                                      const torch::Tensor& common_confusion,
                                      const torch::Tensor& individual_confusions) {
  const torch::Tensor common = class_probabilities.mm(common_confusion);  // B x C
  const torch::Tensor individual =
      torch::einsum("bk,mkl->bml", {class_probabilities, individual_confusions});  // B x M x C
  const torch::Tensor weight = mixing_weights.unsqueeze(-1);
  return weight * common.unsqueeze(1) + (1 - weight) * individual;
}

torch::Tensor conal_loss(const torch::Tensor& annotations, const torch::Tensor& annotation_logits,
                         const torch::Tensor& individual_confusions,
                         const torch::Tensor& common_confusion, double lambda) {
  const torch::Tensor labelled = annotations.ne(kMissingLabel);
  // The mean over the labelled entries, 0 without any; no host read of the count (a CUDA sync).
  torch::Tensor loss =
      torch::nn::functional::cross_entropy(
          annotation_logits.reshape({-1, annotation_logits.size(-1)}), annotations.reshape({-1}),
          torch::nn::functional::CrossEntropyFuncOptions().ignore_index(kMissingLabel).reduction(torch::kSum)) /
      labelled.sum().clamp_min(1).to(annotation_logits.scalar_type());
  if (lambda <= 0) return loss;
  const torch::Tensor differences =
      (individual_confusions - common_confusion.unsqueeze(0)).reshape({individual_confusions.size(0), -1});
  // Minus: the paper rewards individual layers that differ from the common one.
  // Tensor::norm: its gradient is 0 where the difference is 0, as it is at the start (both 2 I).
  return loss - lambda * differences.norm(c10::optional<c10::Scalar>(2.0), at::IntArrayRef{1}, false).sum();
}

namespace {

struct ConalNetworkImpl : torch::nn::Module {
  ConalNetworkImpl(int64_t num_features, int64_t num_classes, int64_t num_annotators, int64_t embed_size,
                   const TrainingSettings& settings)
      : gt(register_module("gt", GroundTruthModel(num_features, num_classes, settings))),
        instance_embedding(register_module(
            "instance_embedding", torch::nn::Linear(gt->embedding_size(), embed_size))),
        annotator_embedding(
            register_module("annotator_embedding", torch::nn::Linear(num_annotators, embed_size))) {
    common_confusion = register_parameter("common_confusion", 2.0 * torch::eye(num_classes));
    individual_confusions = register_parameter(
        "individual_confusions", 2.0 * torch::eye(num_classes).unsqueeze(0).repeat({num_annotators, 1, 1}));
    annotator_one_hot = register_buffer("annotator_one_hot", torch::eye(num_annotators));
  }

  struct Outputs {
    torch::Tensor class_logits;     // B x C
    torch::Tensor mixing_weights;   // B x M
  };

  Outputs forward(const torch::Tensor& x) {
    const torch::Tensor hidden = gt->embed(x);
    namespace F = torch::nn::functional;
    const auto unit = F::NormalizeFuncOptions().p(2).dim(1);
    // Eq. (3): the weight of the common layer, from normalised instance and annotator embeddings.
    const torch::Tensor instances = F::normalize(instance_embedding(hidden), unit);
    const torch::Tensor annotators = F::normalize(annotator_embedding(annotator_one_hot), unit);
    return {gt->classify(hidden), torch::sigmoid(instances.mm(annotators.t()))};
  }

  GroundTruthModel gt;
  torch::nn::Linear instance_embedding;
  torch::nn::Linear annotator_embedding;
  torch::Tensor common_confusion;       // C x C, row = true class
  torch::Tensor individual_confusions;  // M x C x C
  torch::Tensor annotator_one_hot;      // M x M: the annotators' features
};
TORCH_MODULE(ConalNetwork);

class Conal : public Method {
 public:
  explicit Conal(const MethodOptions& options) {
    check_option_names(name(), options, {"lambda", "embed_size", "train_confusions"});
    lambda_ = weight_option(name(), options, "lambda", 1e-5);
    embed_size_ = size_option(name(), options, "embed_size", 20);
    train_confusions_ = switch_option(name(), options, "train_confusions", false);
    if (embed_size_ < 1) throw ConfigError("method 'conal': option 'embed_size' must be at least 1");
  }

  std::string name() const override { return "conal"; }
  MethodOptions hyperparameters() const override {
    return {{"lambda", lambda_},
            {"embed_size", static_cast<double>(embed_size_)},
            {"train_confusions", train_confusions_ ? 1.0 : 0.0}};
  }

  void fit(const Dataset& train, const Dataset* valid, const TrainingSettings& settings) override {
    device_ = parse_device(settings.device);
    eval_batch_size_ = settings.eval_batch_size;
    {
      const SeededInitialisation seeded(settings.seed, "conal init");
      network_ = ConalNetwork(static_cast<int64_t>(train.num_features()), train.num_classes(),
                              static_cast<int64_t>(train.num_annotators()), embed_size_, settings);
    }
    network_->to(device_);
    network_->gt->use_dropout_stream(seeded_stream(settings.seed, "gt dropout", device_));
    const torch::Tensor features = to_tensor(train.features).to(device_);
    const torch::Tensor annotations = to_tensor(train.annotations).to(device_);
    RAdam optimizer = method_optimizer(trained_parameters(), *network_->gt, settings);
    run_epochs(*network_, optimizer, train.num_instances(), settings,
               [&](const torch::Tensor& batch, const std::vector<int64_t>& rows) {
      // A batch without any label has nothing to learn from: the loop skips it.
      if (!any_label(rows, train.annotations)) return torch::Tensor();
      const auto outputs = network_->forward(features.index_select(0, batch));
      const torch::Tensor annotation_logits =
          conal_annotation_logits(torch::softmax(outputs.class_logits, -1), outputs.mixing_weights,
                                  network_->common_confusion, network_->individual_confusions);
      return conal_loss(annotations.index_select(0, batch), annotation_logits,
                        network_->individual_confusions, network_->common_confusion, lambda_);
    });
  }

  FeatureMatrix predict_proba(const FeatureMatrix& features) const override {
    require_fitted();
    return annotbench::predict_proba(*network_, features, eval_batch_size_, device_,
                                     [&](const torch::Tensor& x) { return network_->forward(x).class_logits; });
  }

  // As the reference scores it (_conal.py:160-166; annot-mix-audit.md §3.3): the annotator's label
  // distribution softmax(l_bm) for the model's own p(y|x), l_bm = w (p W_common) + (1 - w)(p W_m),
  // and the chance that it equals the class, sum_c p_c softmax(l_bm)_c. With the confusions frozen
  // at 2I (the reference's bug) this still varies with x; the per-class diagonal of softmax(W)
  // would be a constant.
  FeatureMatrix annotator_performance(const FeatureMatrix& features) const override {
    require_fitted();
    return to_matrix(predict_batched(
        *network_, to_tensor(features), eval_batch_size_, device_, [&](const torch::Tensor& x) {
          const auto outputs = network_->forward(x);
          const torch::Tensor class_probabilities = torch::softmax(outputs.class_logits, -1);  // B x C
          const torch::Tensor annotation_probabilities = torch::softmax(
              conal_annotation_logits(class_probabilities, outputs.mixing_weights, network_->common_confusion,
                                      network_->individual_confusions),
              -1);  // B x M x C
          return (annotation_probabilities * class_probabilities.unsqueeze(1)).sum(-1);
        }));
  }

 private:
  void require_fitted() const {
    if (network_.is_empty()) throw ConfigError("method '" + name() + "': used before fit()");
  }
  // Every parameter, or (the reference's behaviour, see the top of the file) all but the two
  // noise-adaptation layers, which then need no gradient either.
  std::vector<torch::Tensor> trained_parameters() {
    if (train_confusions_) return network_->parameters();
    return parameters_except(*network_, {"common_confusion", "individual_confusions"});
  }
  double lambda_ = 1e-5;
  bool train_confusions_ = false;
  int64_t embed_size_ = 20;
  // mutable: prediction runs the modules, which LibTorch does not mark const.
  mutable ConalNetwork network_{nullptr};
  torch::Device device_{torch::kCPU};
  int64_t eval_batch_size_ = 512;
};

}  // namespace

std::unique_ptr<Method> make_conal(const MethodOptions& options) { return std::make_unique<Conal>(options); }

}  // namespace annotbench
