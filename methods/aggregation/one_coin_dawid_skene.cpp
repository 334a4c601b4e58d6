// One-coin Dawid-Skene (Zhang, Chen, Zhou & Jordan 2014; Crowd-Kit's OneCoinDawidSkene): annotator
// m is right with probability s_m whatever the class, and otherwise picks one of the other C - 1
// classes uniformly: e_m[y, c] = s_m if y = c, else (1 - s_m) / (C - 1).
//
// M-step: s_m = mean over m's labels of the posterior of the label given, q_{i, y}; every e_m entry
// is clipped to [1e-10, 1 - 1e-10] (as Crowd-Kit). C is the number of classes of the annotations.
// Initialisation and stopping: as Dawid-Skene (confusion_em.h). annotator_skill: s_m.
// Gold: as Dawid-Skene (confusion_em.h). initial_confusion: ignored (a full matrix is not this
// model's parameter; uses_initial_confusion() is false).

#include <algorithm>
#include <cmath>

#include "datasets/input_error.h"
#include "methods/aggregation/aggregator.h"
#include "methods/aggregation/confusion_em.h"

namespace annotbench {

namespace {

AnnotatorConfusions one_coin_m_step(const SparseAnnotations& annotations, const Matrix<double>& posteriors,
                                    const std::vector<double>& /*class_prior*/) {
  const std::size_t classes = static_cast<std::size_t>(annotations.num_classes);
  const std::size_t annotators = annotations.num_annotators;
  std::vector<double> agreement(annotators, 0.0);
  std::vector<double> counts(annotators, 0.0);
  for (std::size_t k = 0; k < annotations.num_labels(); ++k) {
    agreement[annotations.annotators[k]] += posteriors.at(annotations.items[k], static_cast<std::size_t>(annotations.labels[k]));
    counts[annotations.annotators[k]] += 1.0;
  }
  AnnotatorConfusions confusions;
  confusions.annotator_skill.assign(annotators, 0.0);
  confusions.log_confusion.assign(annotators * classes * classes, 0.0);
  const auto clip = [](double p) { return std::clamp(p, kConfusionFloor, 1.0 - kConfusionFloor); };
  for (std::size_t m = 0; m < annotators; ++m) {
    const double skill = counts[m] > 0 ? agreement[m] / counts[m] : 0.0;
    confusions.annotator_skill[m] = skill;
    const double log_right = std::log(clip(skill));
    const double log_wrong = std::log(clip((1.0 - skill) / static_cast<double>(classes - 1)));
    for (std::size_t y = 0; y < classes; ++y)
      for (std::size_t c = 0; c < classes; ++c)
        confusions.log_confusion[(m * classes + y) * classes + c] = y == c ? log_right : log_wrong;
  }
  return confusions;
}

class OneCoinDawidSkeneAggregator : public Aggregator {
 public:
  explicit OneCoinDawidSkeneAggregator(const AggregatorOptions& options)
      : elbo_stopping_(aggregator_option_or(options, "elbo_stopping", 1) != 0) {
    check_aggregator_options("one-coin-ds", options, {"elbo_stopping"});
    check_aggregator_ranges("one-coin-ds", options, {{"elbo_stopping", 0, 1, false, true}});
  }
  std::string name() const override { return "one-coin-ds"; }
  AggregatorOptions options() const override { return {{"elbo_stopping", elbo_stopping_ ? 1.0 : 0.0}}; }
  Aggregation fit(const SparseAnnotations& annotations, const AggregationSettings& settings) const override {
    check_aggregation_settings(name(), annotations, settings);
    if (annotations.num_classes < 2) throw ConfigError("one-coin-ds: needs at least 2 classes");
    return fit_confusion_em(annotations, settings, one_coin_m_step, {elbo_stopping_, false});
  }
  GoldUse gold_use() const override { return GoldUse::used; }

 private:
  bool elbo_stopping_;
};

}  // namespace

std::unique_ptr<Aggregator> make_one_coin_dawid_skene_aggregator(const AggregatorOptions& options) {
  return std::make_unique<OneCoinDawidSkeneAggregator>(options);
}

}  // namespace annotbench
