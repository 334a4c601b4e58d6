// Meta-learned EM (Kumagai et al., arXiv 2506.10259; spec meta-em.md §3-§4): an embedding network
// meta-trained so that, in its latent space, a Gaussian mixture with one confusion matrix per
// annotator, fitted per task by J closed-form EM steps from the majority-vote shares, predicts the
// task's clean query labels. The query loss is backpropagated through the EM steps.
//
// Registered three times (spec §7.4): meta-em; meta-em-noPA (meta-trained on clean support: R copies of
// a perfect annotator; the paper's "w/o PA"); meta-em-J0 (no EM: the M-step on the majority-vote
// shares only, in training and at test).

#include <torch/torch.h>

#include "datasets/input_error.h"
#include "methods/fewshot/em_steps.h"
#include "methods/fewshot/episodes.h"
#include "methods/fewshot/fewshot_method.h"
#include "methods/method.h"

namespace annotbench {

namespace {

class MetaEm : public FewShotMethod {
 public:
  MetaEm(std::string name, const FewShotOptions& options)
      : name_(std::move(name)),
        pseudo_annotation_(option_or(options, "pseudo_annotation", 1) != 0),
        train_em_steps_(static_cast<int>(option_or(options, "train_em_steps", 3))),
        em_steps_(static_cast<int>(option_or(options, "em_steps", train_em_steps_))),
        hidden_(static_cast<int64_t>(option_or(options, "hidden", 128))),
        latent_(static_cast<int64_t>(option_or(options, "latent", 64))) {
    check_option_names(name_, options,
                       {"pseudo_annotation", "train_em_steps", "em_steps", "tau", "b", "c", "epsilon", "hidden", "latent"});
    priors_.tau = option_or(options, "tau", priors_.tau);
    priors_.b = option_or(options, "b", priors_.b);
    priors_.c = option_or(options, "c", priors_.c);
    priors_.epsilon = option_or(options, "epsilon", priors_.epsilon);
    if (train_em_steps_ < 0 || em_steps_ < 0) throw ConfigError(name_ + ": EM steps must be >= 0");
    if (!(priors_.tau > 0) || !(priors_.epsilon > 0) || priors_.b < 0 || priors_.c < 0)
      throw ConfigError(name_ + ": the priors need tau > 0, epsilon > 0, b >= 0, c >= 0 (every estimate must stay positive)");
    if (hidden_ < 1 || latent_ < 1) throw ConfigError(name_ + ": hidden and latent must be >= 1");
  }

  std::string name() const override { return name_; }
  FewShotOptions options() const override {
    return {{"pseudo_annotation", pseudo_annotation_ ? 1.0 : 0.0}, {"train_em_steps", train_em_steps_},
            {"em_steps", em_steps_}, {"tau", priors_.tau}, {"b", priors_.b}, {"c", priors_.c},
            {"epsilon", priors_.epsilon}, {"hidden", static_cast<double>(hidden_)},
            {"latent", static_cast<double>(latent_)}};
  }
  bool has_em_steps() const override { return true; }

  MetaTrainingSummary meta_train(const EpisodeSource& source, const MetaTrainingSettings& settings) override {
    if (source.validation.empty()) throw ConfigError(name_ + ": meta-training needs validation tasks");
    network_ = make_embedding(static_cast<int64_t>(source.validation.front().features), hidden_, latent_, settings.seed);
    const auto query_log_proba = [this](const EpisodeTensors& tensors) {
      const torch::Tensor support = embed(network_, tensors.support);
      const EmParameters fitted = fit_em(support, tensors.label_one_hot, train_em_steps_, priors_);
      return predict_log_proba(embed(network_, tensors.query), fitted.prototypes, fitted.log_proportions);
    };
    return train_episodically(network_, source, settings, pseudo_annotation_, query_log_proba,
                              [&] { return validation_accuracy(*this, source, settings.seed); });
  }

  std::vector<double> predict(const FewShotTaskBatch& tasks, const FewShotPrediction& prediction) const override {
    if (network_.is_empty()) throw std::logic_error(name_ + ": predict before meta_train");
    torch::NoGradGuard no_grad;
    torch::nn::Sequential network = network_;
    const EpisodeTensors tensors = episode_tensors(tasks, torch::kFloat32);
    const int steps = prediction.em_steps >= 0 ? prediction.em_steps : em_steps_;
    const EmParameters fitted = fit_em(embed(network, tensors.support), tensors.label_one_hot, steps, priors_);
    return probabilities_of(predict_log_proba(embed(network, tensors.query), fitted.prototypes, fitted.log_proportions));
  }

 private:
  std::string name_;
  bool pseudo_annotation_;
  int train_em_steps_;
  int em_steps_;
  int64_t hidden_;
  int64_t latent_;
  EmPriors priors_;
  torch::nn::Sequential network_{nullptr};
};

FewShotOptions with_defaults(FewShotOptions options, const FewShotOptions& defaults) {
  for (const auto& [key, value] : defaults) options.emplace(key, value);
  return options;
}

}  // namespace

std::unique_ptr<FewShotMethod> make_meta_em(const FewShotOptions& options) {
  return std::make_unique<MetaEm>("meta-em", options);
}
std::unique_ptr<FewShotMethod> make_meta_em_no_pa(const FewShotOptions& options) {
  return std::make_unique<MetaEm>("meta-em-noPA", with_defaults(options, {{"pseudo_annotation", 0}}));
}
std::unique_ptr<FewShotMethod> make_meta_em_j0(const FewShotOptions& options) {
  return std::make_unique<MetaEm>("meta-em-J0", with_defaults(options, {{"train_em_steps", 0}}));
}

}  // namespace annotbench
