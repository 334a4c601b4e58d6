// Crowd layer (Rodrigues & Pereira, "Deep Learning from Crowds", AAAI 2018), the matrix ("MW")
// variant of the reference maml/classifiers/_crowd_layer.py: annotator m's annotation logits are
// the GT class probabilities times a C x C matrix W_m that starts as the identity.
//
// Checked against the reference (annot-mix branch) for issue 4: W is a real parameter in the AP
// optimiser group there (unlike CoNAL's and CrowdAR's matrices) and the cross-entropy is the mean
// over labelled pairs, as here. Its spread over seeds on letter (0.76-0.87) comes from whole classes
// that the GT model stops predicting (seed 0: four classes at 0 % test accuracy, half or more of
// their instances predicted as one other class) while the W_m absorb the mapping.

#include "datasets/input_error.h"
#include "methods/nn/losses.h"
#include "methods/method.h"
#include "methods/nn/flat_parameters.h"
#include "methods/nn/gt_model.h"
#include "methods/nn/multi_annotator.h"
#include "methods/nn/radam.h"
#include "methods/nn/training.h"

namespace annotbench {

torch::Tensor crowd_layer_loss(const torch::Tensor& class_probs, const torch::Tensor& crowd_matrices,
                               const torch::Tensor& annotations) {
  // u[n, m, k] = sum_c p[n, c] W[m, c, k]
  const torch::Tensor annotation_logits = torch::einsum("nc,mck->nmk", {class_probs, crowd_matrices});
  return torch::nn::functional::cross_entropy(
      annotation_logits.reshape({-1, annotation_logits.size(-1)}), annotations.reshape({-1}),
      torch::nn::functional::CrossEntropyFuncOptions().ignore_index(kMissingLabel));
}

namespace {

struct CrowdLayerNetworkImpl : torch::nn::Module {
  CrowdLayerNetworkImpl(int64_t num_features, int64_t num_classes, int64_t num_annotators,
                        const TrainingSettings& settings) {
    gt = register_module("gt", GroundTruthModel(num_features, num_classes, settings));
    crowd_matrices = register_parameter(
        "crowd_matrices", torch::eye(num_classes).unsqueeze(0).repeat({num_annotators, 1, 1}));
  }
  GroundTruthModel gt{nullptr};
  torch::Tensor crowd_matrices;  // M x C x C
};
TORCH_MODULE(CrowdLayerNetwork);

class CrowdLayer : public Method {
 public:
  explicit CrowdLayer(const MethodOptions& options) { check_option_names(name(), options, {}); }

  std::string name() const override { return "crowd-layer"; }
  MethodOptions hyperparameters() const override { return {}; }

  void fit(const Dataset& train, const Dataset* valid, const TrainingSettings& settings) override {
    if (!train.has_annotations()) throw ConfigError("method 'crowd-layer' needs annotations to train on");
    device_ = parse_device(settings.device);
    eval_batch_size_ = settings.eval_batch_size;
    const torch::Tensor x = to_tensor(train.features).to(device_);
    const torch::Tensor z = to_tensor(train.annotations).to(device_);

    {
      const SeededInitialisation seeded(settings.seed, "crowd-layer training");
      network_ = CrowdLayerNetwork(static_cast<int64_t>(train.num_features()), train.num_classes(),
                                   static_cast<int64_t>(train.num_annotators()), settings);
    }
    network_->to(device_);
    network_->gt->use_dropout_stream(seeded_stream(settings.seed, "gt dropout", device_));
    RAdam optimizer = method_optimizer(network_->parameters(), *network_->gt, settings);
    CrowdLayerNetwork network = network_;
    run_epochs(*network, optimizer, train.num_instances(), settings,
               [&](const torch::Tensor& batch, const std::vector<int64_t>& rows) {
      const torch::Tensor batch_z = z.index_select(0, batch);
      if (!any_label(rows, train.annotations)) return torch::Tensor();
      const torch::Tensor class_probs = torch::softmax(network->gt->forward(x.index_select(0, batch)), -1);
      return crowd_layer_loss(class_probs, network->crowd_matrices, batch_z);
    });
  }

  FeatureMatrix predict_proba(const FeatureMatrix& features) const override {
    require_fitted();
    CrowdLayerNetwork network = network_;
    return annotbench::predict_proba(*network, features, eval_batch_size_, device_,
                                     [&](const torch::Tensor& x) { return network->gt->forward(x); });
  }

  // sum_c p(y = c | x) p(z = c | x, m): the reference's p_perf.
  FeatureMatrix annotator_performance(const FeatureMatrix& features) const override {
    require_fitted();
    CrowdLayerNetwork network = network_;
    return to_matrix(predict_batched(*network, to_tensor(features), eval_batch_size_, device_,
                                     [&](const torch::Tensor& x) {
                                       const torch::Tensor p = torch::softmax(network->gt->forward(x), -1);
                                       const torch::Tensor annotation_probs = torch::softmax(
                                           torch::einsum("nc,mck->nmk", {p, network->crowd_matrices}), -1);
                                       return (p.unsqueeze(1) * annotation_probs).sum(-1);
                                     }));
  }

 private:
  void require_fitted() const {
    if (network_.is_empty()) throw ConfigError("method 'crowd-layer': used before fit()");
  }
  CrowdLayerNetwork network_{nullptr};
  torch::Device device_{torch::kCPU};
  int64_t eval_batch_size_ = 512;
};

}  // namespace

std::unique_ptr<Method> make_crowd_layer(const MethodOptions& options) {
  return std::make_unique<CrowdLayer>(options);
}

}  // namespace annotbench
