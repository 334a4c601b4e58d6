// Dawid & Skene (1979): every annotator has a full confusion matrix e_m[y, c] = P(says y | true c),
// the items' true classes a prior p; EM alternates item posteriors and the matrices.
//
// M-step (as Crowd-Kit's DawidSkene._m_step): e_m[y, c] is the posterior mass of class c summed
// over annotator m's labels y, floored at 1e-10 and normalised over the labels y that m ever gave
// (a label m never gave has probability 0 and is never read). Initialisation (majority-vote
// posteriors) and stopping (ELBO rise < 1e-5, at most 100 iterations; option elbo_stopping = 0
// runs all iterations, as Crowd-Kit's published table): see confusion_em.h.
// annotator_skill: P(correct) = sum_c p_c e_m[c, c].
//
// Gold (AggregationSettings::gold) and a start from given confusion matrices
// (AggregationSettings::initial_confusion), as Crowd-Kit's fit(true_labels, initial_error) with
// its "assign" strategy but probabilities only: see confusion_em.h.

#include <algorithm>
#include <cmath>

#include "methods/aggregation/aggregator.h"
#include "methods/aggregation/confusion_em.h"

namespace annotbench {

namespace {

AnnotatorConfusions full_confusion_m_step(const SparseAnnotations& annotations, const Matrix<double>& posteriors,
                                          const std::vector<double>& class_prior) {
  const std::size_t classes = static_cast<std::size_t>(annotations.num_classes);
  const std::size_t annotators = annotations.num_annotators;
  std::vector<double> counts(annotators * classes * classes, 0.0);
  std::vector<char> given(annotators * classes, 0);
  for (std::size_t k = 0; k < annotations.num_labels(); ++k) {
    const std::size_t pair = annotations.annotators[k] * classes + static_cast<std::size_t>(annotations.labels[k]);
    given[pair] = 1;
    const double* posterior = posteriors.row(annotations.items[k]);
    double* to = counts.data() + pair * classes;
    for (std::size_t c = 0; c < classes; ++c) to[c] += posterior[c];
  }
  AnnotatorConfusions confusions;
  confusions.log_confusion.assign(counts.size(), 0.0);
  confusions.annotator_skill.assign(annotators, 0.0);
  std::vector<double> column_totals(classes);
  for (std::size_t m = 0; m < annotators; ++m) {
    std::fill(column_totals.begin(), column_totals.end(), 0.0);
    for (std::size_t y = 0; y < classes; ++y) {
      if (!given[m * classes + y]) continue;
      double* row = counts.data() + (m * classes + y) * classes;
      for (std::size_t c = 0; c < classes; ++c) column_totals[c] += row[c] = std::max(row[c], kConfusionFloor);
    }
    for (std::size_t y = 0; y < classes; ++y) {
      if (!given[m * classes + y]) continue;
      const double* row = counts.data() + (m * classes + y) * classes;
      double* log_row = confusions.log_confusion.data() + (m * classes + y) * classes;
      for (std::size_t c = 0; c < classes; ++c) {
        const double probability = row[c] / column_totals[c];
        log_row[c] = std::log(probability);
        if (y == c) confusions.annotator_skill[m] += class_prior[c] * probability;
      }
    }
  }
  return confusions;
}

class DawidSkeneAggregator : public Aggregator {
 public:
  explicit DawidSkeneAggregator(const AggregatorOptions& options)
      : elbo_stopping_(aggregator_option_or(options, "elbo_stopping", 1) != 0) {
    check_aggregator_options("ds", options, {"elbo_stopping"});
    check_aggregator_ranges("ds", options, {{"elbo_stopping", 0, 1, false, true}});
  }
  std::string name() const override { return "ds"; }
  AggregatorOptions options() const override { return {{"elbo_stopping", elbo_stopping_ ? 1.0 : 0.0}}; }
  Aggregation fit(const SparseAnnotations& annotations, const AggregationSettings& settings) const override {
    check_aggregation_settings(name(), annotations, settings);
    return fit_confusion_em(annotations, settings, full_confusion_m_step, {elbo_stopping_, true});
  }
  GoldUse gold_use() const override { return GoldUse::used; }
  bool uses_initial_confusion() const override { return true; }

 private:
  bool elbo_stopping_;
};

}  // namespace

std::unique_ptr<Aggregator> make_dawid_skene_aggregator(const AggregatorOptions& options) {
  return std::make_unique<DawidSkeneAggregator>(options);
}

}  // namespace annotbench
