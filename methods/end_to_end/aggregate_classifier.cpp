#include "methods/end_to_end/aggregate_classifier.h"

#include <algorithm>

#include "datasets/input_error.h"
#include "methods/nn/losses.h"
#include "methods/nn/flat_parameters.h"
#include "methods/nn/gt_model.h"
#include "methods/nn/mixup.h"
#include "methods/nn/multi_annotator.h"
#include "methods/nn/radam.h"
#include "methods/nn/training.h"

namespace annotbench {

struct AggregateClassifier::Model {
  GroundTruthModel gt{nullptr};
  torch::Device device{torch::kCPU};
  int64_t eval_batch_size = 512;
};

torch::Tensor soft_label_cross_entropy(const torch::Tensor& class_logits, const torch::Tensor& targets) {
  const torch::Tensor labelled_rows = (targets.sum(-1) > 0).sum().to(torch::kFloat32);
  return -(targets * torch::log_softmax(class_logits, -1)).sum() / labelled_rows;
}

AggregateClassifier::AggregateClassifier(std::string name, const MethodOptions& options,
                                         double default_alpha, const std::vector<std::string>& other_options)
    : name_(std::move(name)) {
  std::vector<std::string> known = {"alpha"};
  known.insert(known.end(), other_options.begin(), other_options.end());
  check_option_names(name_, options, known);
  alpha_ = weight_option(name_, options, "alpha", default_alpha);
}

AggregateClassifier::~AggregateClassifier() = default;

MethodOptions AggregateClassifier::hyperparameters() const { return {{"alpha", alpha_}}; }

FeatureMatrix AggregateClassifier::training_targets(const Dataset& train, const TrainingSettings& settings) const {
  const std::vector<int> labels = training_labels(train, settings);
  FeatureMatrix targets(labels.size(), static_cast<std::size_t>(train.num_classes()), 0.0f);
  for (std::size_t n = 0; n < labels.size(); ++n)
    if (labels[n] != kMissingLabel) targets.at(n, static_cast<std::size_t>(labels[n])) = 1.0f;
  return targets;
}

void AggregateClassifier::fit(const Dataset& train, const Dataset* valid, const TrainingSettings& settings) {
  const torch::Device device = parse_device(settings.device);
  const FeatureMatrix all_targets = training_targets(train, settings);
  std::vector<std::size_t> kept;
  for (std::size_t n = 0; n < all_targets.rows; ++n) {
    const float* row = all_targets.row(n);
    if (std::any_of(row, row + all_targets.cols, [](float p) { return p > 0; })) kept.push_back(n);
  }
  if (kept.empty()) throw ConfigError("method '" + name_ + "': no training instance has a label");

  // Instances without a label carry no target; the reference keeps them as all-zero rows, which
  // only shrinks mixed targets, so they are left out.
  FeatureMatrix kept_targets(kept.size(), all_targets.cols);
  for (std::size_t k = 0; k < kept.size(); ++k)
    std::copy(all_targets.row(kept[k]), all_targets.row(kept[k]) + all_targets.cols, kept_targets.row(k));
  const Dataset kept_train = select_instances(train, kept);
  const torch::Tensor x = to_tensor(kept_train.features).to(device);
  const torch::Tensor targets = to_tensor(kept_targets).to(device);
  const int64_t num_classes = train.num_classes();

  model_ = std::make_unique<Model>();
  torch::Generator mixup;  // on the host: lambdas and permutations are drawn there
  {
    const SeededInitialisation seeded(settings.seed, name_ + " training");
    model_->gt = GroundTruthModel(static_cast<int64_t>(train.num_features()), num_classes, settings);
    mixup = seeded.continued_stream(torch::Device(torch::kCPU));
  }
  model_->gt->to(device);
  model_->gt->use_dropout_stream(seeded_stream(settings.seed, "gt dropout", device));
  model_->device = device;
  model_->eval_batch_size = settings.eval_batch_size;

  RAdam optimizer(flat_trainable(model_->gt->parameters()),
                  RAdamOptions(settings.learning_rate).weight_decay(settings.weight_decay));
  const double alpha = alpha_;
  GroundTruthModel gt = model_->gt;
  run_epochs(*gt, optimizer, kept.size(), settings,
             [&](const torch::Tensor& batch, const std::vector<int64_t>& rows) {
    torch::Tensor batch_x = x.index_select(0, batch);
    torch::Tensor batch_targets = targets.index_select(0, batch);
    if (alpha > 0) {
      const int64_t rows = batch.size(0);
      const torch::Tensor lambda = sample_beta(rows, alpha, mixup);
      const torch::Tensor permutation = torch::randperm(rows, mixup, torch::kInt64);
      batch_x = mix_rows(batch_x, lambda, permutation);
      batch_targets = mix_rows(batch_targets, lambda, permutation);
    }
    return soft_label_cross_entropy(gt->forward(batch_x), batch_targets);
  });
}

FeatureMatrix AggregateClassifier::predict_proba(const FeatureMatrix& features) const {
  if (!model_) throw ConfigError("method '" + name_ + "': predict_proba() before fit()");
  GroundTruthModel gt = model_->gt;
  return annotbench::predict_proba(*gt, features, model_->eval_batch_size, model_->device,
                                   [&](const torch::Tensor& x) { return gt->forward(x); });
}

}  // namespace annotbench
