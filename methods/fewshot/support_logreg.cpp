// Multinomial logistic regression on a task's standardised raw support features after aggregating its
// labels by majority vote (lr-mv) or Dawid–Skene (lr-ds): the paper's LRMV / LRDS (spec §7.4). Nothing is
// meta-trained. Each task's model minimises Σ_n CE(W x_n + w0, ỹ_n) + ½ l2 ‖W‖² (sklearn's default,
// l2 = 1); all tasks are fitted at once by Adam on the sum, which is separable, so every task reaches
// its own optimum.

#include <torch/torch.h>

#include "datasets/input_error.h"
#include "methods/fewshot/episodes.h"
#include "methods/fewshot/fewshot_method.h"
#include "methods/fewshot/support_aggregation.h"
#include "methods/method.h"

namespace annotbench {

namespace {

class SupportLogisticRegression : public FewShotMethod {
 public:
  SupportLogisticRegression(std::string name, std::string aggregator, const FewShotOptions& options)
      : name_(std::move(name)), aggregator_(std::move(aggregator)),
        l2_(option_or(options, "l2", 1.0)),
        steps_(static_cast<int>(option_or(options, "steps", 300))),
        learning_rate_(option_or(options, "learning_rate", 0.1)) {
    check_option_names(name_, options, {"l2", "steps", "learning_rate"});
    if (l2_ < 0 || steps_ < 1 || !(learning_rate_ > 0))
      throw ConfigError(name_ + ": needs l2 >= 0, steps >= 1, learning_rate > 0");
  }

  std::string name() const override { return name_; }
  FewShotOptions options() const override {
    return {{"l2", l2_}, {"steps", steps_}, {"learning_rate", learning_rate_}};
  }
  MetaTrainingSummary meta_train(const EpisodeSource&, const MetaTrainingSettings&) override { return {}; }

  std::vector<double> predict(const FewShotTaskBatch& tasks, const FewShotPrediction& prediction) const override {
    const EpisodeTensors tensors = episode_tensors(tasks, torch::kFloat32);
    std::vector<int> labels = aggregate_support_labels(tasks, aggregator_, prediction.seed);
    const auto T = static_cast<int64_t>(tasks.tasks), D = static_cast<int64_t>(tasks.features),
               K = static_cast<int64_t>(tasks.classes);
    const torch::Tensor targets =
        torch::from_blob(labels.data(), {T, static_cast<int64_t>(tasks.support)}, torch::kInt32).to(torch::kLong);
    torch::Tensor weights = torch::zeros({T, D, K}, torch::requires_grad());
    torch::Tensor intercepts = torch::zeros({T, 1, K}, torch::requires_grad());
    torch::optim::Adam optimiser({weights, intercepts}, torch::optim::AdamOptions(learning_rate_));
    for (int step = 0; step < steps_; ++step) {
      optimiser.zero_grad();
      const torch::Tensor logits = torch::baddbmm(intercepts, tensors.support, weights);
      const torch::Tensor loss = -torch::log_softmax(logits, -1).gather(-1, targets.unsqueeze(-1)).sum() +
                                 0.5 * l2_ * weights.pow(2).sum();
      loss.backward();
      optimiser.step();
    }
    torch::NoGradGuard no_grad;
    return probabilities_of(torch::log_softmax(torch::baddbmm(intercepts, tensors.query, weights), -1));
  }

 private:
  std::string name_;
  std::string aggregator_;
  double l2_;
  int steps_;
  double learning_rate_;
};

}  // namespace

std::unique_ptr<FewShotMethod> make_lr_mv(const FewShotOptions& options) {
  return std::make_unique<SupportLogisticRegression>("lr-mv", "mv", options);
}
std::unique_ptr<FewShotMethod> make_lr_ds(const FewShotOptions& options) {
  return std::make_unique<SupportLogisticRegression>("lr-ds", "ds", options);
}

}  // namespace annotbench
