#include "methods/aggregation/confusion_em.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "methods/aggregation/weighted_vote.h"

namespace annotbench {

namespace {

constexpr int kDefaultIterations = 100;   // Crowd-Kit's n_iter
constexpr double kDefaultTolerance = 1e-5;  // Crowd-Kit's tol

// Mean posterior over the items that have labels (items without labels carry no evidence about
// the prior; Crowd-Kit never sees them).
std::vector<double> mean_posterior(const Matrix<double>& posteriors, const std::vector<std::size_t>& label_counts) {
  std::vector<double> prior(posteriors.cols, 0.0);
  std::size_t labelled = 0;
  for (std::size_t n = 0; n < posteriors.rows; ++n) {
    if (label_counts[n] == 0) continue;
    ++labelled;
    for (std::size_t c = 0; c < posteriors.cols; ++c) prior[c] += posteriors.at(n, c);
  }
  for (double& p : prior) p = labelled > 0 ? p / static_cast<double>(labelled) : 1.0 / static_cast<double>(prior.size());
  return prior;
}

std::vector<double> clipped_log(const std::vector<double>& probabilities) {
  std::vector<double> logs(probabilities.size());
  for (std::size_t c = 0; c < logs.size(); ++c) logs[c] = std::log(std::max(probabilities[c], kConfusionFloor));
  return logs;
}

// E-step: posteriors q_i proportional to p exp(log_likelihoods_i). Returns the posteriors' entropy
// sum_i H(q_i) over items with labels, with q floored at 1e-10 as Crowd-Kit, from the log scores
// already at hand (no log per entry).
// A gold item's row is its one-hot class instead (Crowd-Kit's _correct_probas_with_golden after
// each E-step), whose floored entropy is (C - 1) (-1e-10 log 1e-10).
double posteriors_and_entropy(const Matrix<double>& log_likelihoods, const std::vector<double>& log_prior,
                              const std::vector<std::size_t>& label_counts, const std::vector<int>& gold,
                              Matrix<double>& posteriors) {
  const std::size_t classes = log_likelihoods.cols;
  const double floor_term = kConfusionFloor * std::log(kConfusionFloor);
  std::vector<double> scores(classes);
  double entropy = 0.0;
  for (std::size_t n = 0; n < log_likelihoods.rows; ++n) {
    const double* from = log_likelihoods.row(n);
    double* row = posteriors.row(n);
    if (n < gold.size() && gold[n] != kMissingLabel) {
      std::fill(row, row + classes, 0.0);
      row[gold[n]] = 1.0;
      if (label_counts[n] > 0) entropy -= static_cast<double>(classes - 1) * floor_term;
      continue;
    }
    double highest = -std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < classes; ++c) highest = std::max(highest, scores[c] = from[c] + log_prior[c]);
    double total = 0.0;
    for (std::size_t c = 0; c < classes; ++c) total += row[c] = std::exp(scores[c] - highest);
    const double log_total = std::log(total);
    for (std::size_t c = 0; c < classes; ++c) {
      row[c] /= total;
      if (label_counts[n] > 0) entropy -= row[c] >= kConfusionFloor ? row[c] * (scores[c] - highest - log_total) : floor_term;
    }
  }
  return entropy;
}

// The expected log joint of the bound: `log_likelihoods` holds label_log_likelihoods of the
// current confusions; the prior enters once per label (Crowd-Kit adds log p_c to every label's
// row before summing).
double expected_log_joint(const Matrix<double>& posteriors, const Matrix<double>& log_likelihoods,
                          const std::vector<double>& log_prior, const std::vector<std::size_t>& label_counts) {
  double joint = 0.0;
  for (std::size_t n = 0; n < posteriors.rows; ++n) {
    if (label_counts[n] == 0) continue;
    const double labels = static_cast<double>(label_counts[n]);
    for (std::size_t c = 0; c < posteriors.cols; ++c)
      joint += posteriors.at(n, c) * (log_likelihoods.at(n, c) + labels * log_prior[c]);
  }
  return joint;
}

// exp of the log table where the annotator gave the label, 0 elsewhere (those entries are never
// estimated).
std::vector<double> confusion_probabilities(const SparseAnnotations& annotations, const std::vector<double>& log_confusion) {
  const std::size_t classes = static_cast<std::size_t>(annotations.num_classes);
  std::vector<char> given(annotations.num_annotators * classes, 0);
  for (std::size_t k = 0; k < annotations.num_labels(); ++k)
    given[annotations.annotators[k] * classes + static_cast<std::size_t>(annotations.labels[k])] = 1;
  std::vector<double> probabilities(log_confusion.size(), 0.0);
  for (std::size_t pair = 0; pair < given.size(); ++pair)
    if (given[pair])
      for (std::size_t c = 0; c < classes; ++c) probabilities[pair * classes + c] = std::exp(log_confusion[pair * classes + c]);
  return probabilities;
}

}  // namespace

Matrix<double> label_log_likelihoods(const SparseAnnotations& annotations, const std::vector<double>& log_confusion) {
  const std::size_t classes = static_cast<std::size_t>(annotations.num_classes);
  Matrix<double> sums(annotations.num_items, classes, 0.0);
  for (std::size_t k = 0; k < annotations.num_labels(); ++k) {
    const double* from = log_confusion.data() +
                         (annotations.annotators[k] * classes + static_cast<std::size_t>(annotations.labels[k])) * classes;
    double* to = sums.row(annotations.items[k]);
    for (std::size_t c = 0; c < classes; ++c) to[c] += from[c];
  }
  return sums;
}

Aggregation fit_confusion_em(const SparseAnnotations& annotations, const AggregationSettings& settings,
                             const ConfusionMStep& m_step, const ConfusionEmOptions& options) {
  const int max_iterations = settings.max_iterations > 0 ? settings.max_iterations : kDefaultIterations;
  const double tolerance = settings.tolerance >= 0 ? settings.tolerance : kDefaultTolerance;
  const std::vector<std::size_t> label_counts = labels_per_item(annotations);
  const double total_labels = static_cast<double>(std::max<std::size_t>(annotations.num_labels(), 1));
  const std::vector<int>& gold = settings.gold;

  Aggregation result;
  result.posteriors = weighted_vote_shares(annotations, std::vector<double>(annotations.num_annotators, 1.0));
  clamp_to_gold(gold, result.posteriors);
  std::vector<double> prior = mean_posterior(result.posteriors, label_counts);
  AnnotatorConfusions confusions;
  if (options.read_initial_confusion && !settings.initial_confusion.empty()) {
    // The given matrices as they are, floored before the log; Crowd-Kit's "assign" strategy
    // instead renormalises each column over the labels the annotator gave, which would change
    // the likelihood of those labels.
    confusions.log_confusion.resize(settings.initial_confusion.size());
    for (std::size_t j = 0; j < settings.initial_confusion.size(); ++j)
      confusions.log_confusion[j] = std::log(std::max(settings.initial_confusion[j], kConfusionFloor));
  } else {
    confusions = m_step(annotations, result.posteriors, prior);
  }
  Matrix<double> log_likelihoods = label_log_likelihoods(annotations, confusions.log_confusion);

  double bound = -std::numeric_limits<double>::infinity();
  result.converged = false;
  for (int iteration = 1; iteration <= max_iterations; ++iteration) {
    const double entropy =
        posteriors_and_entropy(log_likelihoods, clipped_log(prior), label_counts, gold, result.posteriors);
    prior = mean_posterior(result.posteriors, label_counts);
    confusions = m_step(annotations, result.posteriors, prior);
    // The next E-step's sums are also the bound's expected log-likelihood at the new confusions.
    log_likelihoods = label_log_likelihoods(annotations, confusions.log_confusion);
    const double new_bound =
        (expected_log_joint(result.posteriors, log_likelihoods, clipped_log(prior), label_counts) + entropy) / total_labels;
    result.iterations = iteration;
    if (options.elbo_stopping && new_bound - bound < tolerance) {
      result.converged = true;
      break;
    }
    bound = new_bound;
  }
  give_unlabelled_items_prior(annotations, prior, result.posteriors);
  clamp_to_gold(gold, result.posteriors);  // a gold item without labels, too
  result.labels = most_probable_labels(result.posteriors, settings.seed);
  result.annotator_skill = std::move(confusions.annotator_skill);
  result.annotator_confusion = confusion_probabilities(annotations, confusions.log_confusion);
  return result;
}

}  // namespace annotbench
