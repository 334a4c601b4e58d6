// Prototypical networks (Snell et al. 2017) as the paper's PrMV / PrDS baselines (spec §7.4): the same
// embedding MLP meta-trained on clean source tasks (prototype = class mean, uniform class proportions,
// p(t = k | x) ∝ exp(−½‖f(x) − μ_k‖²)); at test the support labels are first aggregated into one label
// per row by majority vote (proto-mv) or Dawid–Skene (proto-ds), or the true labels are used
// (proto-clean, the upper bound). Every few-shot method early-stops on the same noisy validation tasks
// with its own test-time procedure.

#include <torch/torch.h>

#include <cmath>

#include "datasets/input_error.h"
#include "methods/fewshot/em_steps.h"
#include "methods/fewshot/episodes.h"
#include "methods/fewshot/fewshot_method.h"
#include "methods/fewshot/support_aggregation.h"
#include "methods/method.h"

namespace annotbench {

namespace {

// A class no row was aggregated to has no mean; the tiny Gaussian prior puts its prototype at the origin.
constexpr double kPrototypePrecision = 1e-6;

torch::Tensor class_prototypes(const torch::Tensor& embeddings, const torch::Tensor& one_hot) {
  return torch::matmul(one_hot.transpose(1, 2), embeddings) / (kPrototypePrecision + one_hot.sum(1)).unsqueeze(-1);
}

torch::Tensor uniform_log_proportions(const torch::Tensor& prototypes) {
  return torch::full({prototypes.size(0), prototypes.size(1)}, -std::log(static_cast<double>(prototypes.size(1))),
                     prototypes.options());
}

class ProtoNet : public FewShotMethod {
 public:
  ProtoNet(std::string name, std::string aggregator, const FewShotOptions& options)
      : name_(std::move(name)), aggregator_(std::move(aggregator)),
        hidden_(static_cast<int64_t>(option_or(options, "hidden", 128))),
        latent_(static_cast<int64_t>(option_or(options, "latent", 64))) {
    check_option_names(name_, options, {"hidden", "latent"});
    if (hidden_ < 1 || latent_ < 1) throw ConfigError(name_ + ": hidden and latent must be >= 1");
  }

  std::string name() const override { return name_; }
  FewShotOptions options() const override {
    return {{"hidden", static_cast<double>(hidden_)}, {"latent", static_cast<double>(latent_)}};
  }

  MetaTrainingSummary meta_train(const EpisodeSource& source, const MetaTrainingSettings& settings) override {
    if (source.validation.empty()) throw ConfigError(name_ + ": meta-training needs validation tasks");
    network_ = make_embedding(static_cast<int64_t>(source.validation.front().features), hidden_, latent_, settings.seed);
    const auto query_log_proba = [this](const EpisodeTensors& tensors) {
      const torch::Tensor truth = torch::one_hot(tensors.support_truth, tensors.label_one_hot.size(-1)).to(torch::kFloat32);
      const torch::Tensor prototypes = class_prototypes(embed(network_, tensors.support), truth);
      return predict_log_proba(embed(network_, tensors.query), prototypes, uniform_log_proportions(prototypes));
    };
    return train_episodically(network_, source, settings, false, query_log_proba,
                              [&] { return validation_accuracy(*this, source, settings.seed); });
  }

  std::vector<double> predict(const FewShotTaskBatch& tasks, const FewShotPrediction& prediction) const override {
    if (network_.is_empty()) throw std::logic_error(name_ + ": predict before meta_train");
    torch::NoGradGuard no_grad;
    torch::nn::Sequential network = network_;
    const EpisodeTensors tensors = episode_tensors(tasks, torch::kFloat32);
    std::vector<int> labels = aggregate_support_labels(tasks, aggregator_, prediction.seed);
    const torch::Tensor label_tensor =
        torch::from_blob(labels.data(), {static_cast<int64_t>(tasks.tasks), static_cast<int64_t>(tasks.support)},
                         torch::kInt32).to(torch::kLong);
    const torch::Tensor one_hot = torch::one_hot(label_tensor, static_cast<int64_t>(tasks.classes)).to(torch::kFloat32);
    const torch::Tensor prototypes = class_prototypes(embed(network, tensors.support), one_hot);
    return probabilities_of(predict_log_proba(embed(network, tensors.query), prototypes, uniform_log_proportions(prototypes)));
  }

 private:
  std::string name_;
  std::string aggregator_;
  int64_t hidden_;
  int64_t latent_;
  torch::nn::Sequential network_{nullptr};
};

}  // namespace

std::unique_ptr<FewShotMethod> make_proto_mv(const FewShotOptions& options) {
  return std::make_unique<ProtoNet>("proto-mv", "mv", options);
}
std::unique_ptr<FewShotMethod> make_proto_ds(const FewShotOptions& options) {
  return std::make_unique<ProtoNet>("proto-ds", "ds", options);
}
std::unique_ptr<FewShotMethod> make_proto_clean(const FewShotOptions& options) {
  return std::make_unique<ProtoNet>("proto-clean", "truth", options);
}

}  // namespace annotbench
