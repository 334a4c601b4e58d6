// MACE (Hovy, Berg-Kirkpatrick, Vaswani & Hovy 2013): annotator m knows the answer with
// probability k_m and then gives the true class; otherwise (spamming, 1 - k_m) it draws a label
// from its own strategy xi_m. True classes are uniform. So for a label y of item i with true c:
//   P(y | c) = (1 - k_m) xi_m[y] + k_m [y = c].
// E-step (exact, in log space): item posteriors q_ic, and per label the posterior of spamming
//   P(spam) = 1 - q_iy + q_iy (1 - k_m) xi_m[y] / ((1 - k_m) xi_m[y] + k_m),
// summed per annotator (spam / know counts) and per annotator and label (strategy counts).
// M-step, as Crowd-Kit's MACE: variational Bayes by default (variational = 1): with Beta(0.5, 0.5)
// on (spam, know) and a symmetric Dirichlet(10) on xi_m, each probability is
// exp(psi(count + prior)) / exp(psi(total + total prior)); with variational = 0, plain EM whose
// counts are smoothed by 0.01 / C each (Crowd-Kit's smoothing_).
//
// Initialisation: (1 - k_m, k_m) and xi_m drawn uniform in [1, 2.5] and normalised, as Crowd-Kit,
// from a stream of the seed. Stopping: no convergence test; 50 iterations (max_iterations) from
// each of 10 restarts (option restarts), keeping the restart of the highest log marginal
// likelihood sum_i log(P(labels of i) + 1e-8). Crowd-Kit seeds every restart with the same
// random_state, so its ten restarts are one; here each restart draws its own start.
// annotator_skill: k_m, the probability that m knows the answer.
//
// Class prior (option class_prior; Hovy et al. and Crowd-Kit: uniform). The joint of item i is
//   P(labels of i, c) = pi_c prod_l P(y_l | c),
// so pi enters the E-step as log pi_c added to every class's score (uniform: the -log C shared by
// all, which leaves the posterior alone); the spam posteriors above are unchanged given q. Options:
//   0: uniform (the default, the code path of before, bit-for-bit);
//   1: pi fixed at the mean over labelled items of their label shares (the majority-vote
//      posteriors, as Dawid-Skene's start: an item counts once however many labels it has);
//   2: pi starts there and is re-estimated in every M-step. The part of the expected complete
//      log-likelihood that holds pi is sum_i sum_c q_ic log pi_c; maximising it under
//      sum_c pi_c = 1 (a Lagrange multiplier) gives the maximum-likelihood step
//        pi_c = (1 / N) sum_i q_ic,   N the items with labels,
//      Dawid-Skene's prior step (confusion_em.h). ML, not MAP or variational: pi is one global
//      vector fitted to all N items, where a Dirichlet's pseudo-counts would hardly move it, and
//      ML keeps the two models' priors alike. Items without labels are left out (at q_i = pi they
//      would not move the fixed point).
// On a skewed crowd (90/10) the prior pulls items whose few labels are split towards the common
// class (test_mace.cpp, EstimatedClassPriorHelpsOnASkewedCrowd).
//
// Crowd-Kit's published MACE column (.950 / .501 / .763 on D_PosSent / S_Rel / S_Adult) comes
// from a bug: its strategy counts are unstacked in sorted worker and label order but read back by
// first-appearance index, so each worker gets another worker's strategy. Crowd-Kit 1.4.1 run
// here gives .950 / .501 / .763; with the counts reindexed to first-appearance order it gives
// .957 / .608 / .781, and this file .957 / .608 / .781.
// Gold and initial_confusion (AggregationSettings): ignored, as gold_use() says; a malformed
// vector is still refused (check_aggregation_settings).

#include <algorithm>
#include <cmath>
#include <limits>

#include "datasets/input_error.h"
#include "datasets/random.h"
#include "methods/aggregation/aggregator.h"
#include "methods/aggregation/digamma.h"
#include "methods/aggregation/mace.h"
#include "methods/aggregation/weighted_vote.h"

namespace annotbench {

namespace {

constexpr int kDefaultIterations = 50;
// Values of option class_prior (mace.cpp's header comment).
constexpr int kUniformPrior = 0;
constexpr int kReestimatedPrior = 2;

// Mean row over the items with labels: the ML class prior for these posteriors.
std::vector<double> mean_over_labelled_items(const Matrix<double>& posteriors, const std::vector<std::size_t>& label_counts) {
  std::vector<double> mean(posteriors.cols, 0.0);
  std::size_t labelled = 0;
  for (std::size_t n = 0; n < posteriors.rows; ++n) {
    if (label_counts[n] == 0) continue;
    ++labelled;
    for (std::size_t c = 0; c < posteriors.cols; ++c) mean[c] += posteriors.at(n, c);
  }
  for (double& p : mean) p = labelled > 0 ? p / static_cast<double>(labelled) : 1.0 / static_cast<double>(mean.size());
  return mean;
}

MaceParameters random_start(std::size_t annotators, std::size_t classes, Rng& rng) {
  std::uniform_real_distribution<double> draw(1.0, 2.5);
  MaceParameters start;
  start.spamming.resize(annotators * 2);
  start.strategy.resize(annotators * classes);
  const auto fill_normalised = [&](std::vector<double>& values, std::size_t width) {
    for (std::size_t m = 0; m < annotators; ++m) {
      double total = 0.0;
      for (std::size_t j = 0; j < width; ++j) total += values[m * width + j] = draw(rng);
      for (std::size_t j = 0; j < width; ++j) values[m * width + j] /= total;
    }
  };
  fill_normalised(start.spamming, 2);
  fill_normalised(start.strategy, classes);
  return start;
}

}  // namespace

MaceExpectations mace_e_step(const SparseAnnotations& annotations, const MaceParameters& parameters) {
  return mace_e_step(annotations, labels_by_item(annotations), parameters);
}

MaceExpectations mace_e_step(const SparseAnnotations& annotations, const LabelsByItem& by_item,
                             const MaceParameters& parameters) {
  const std::size_t classes = static_cast<std::size_t>(annotations.num_classes);
  // Per (annotator, label) pair, not per label: (1 - k_m) xi_m[y], that plus k_m, and their logs.
  const std::size_t pairs = annotations.num_annotators * classes;
  std::vector<double> spam_term(pairs), any_term(pairs), log_gain(pairs), log_spam(pairs);
  for (std::size_t m = 0; m < annotations.num_annotators; ++m)
    for (std::size_t y = 0; y < classes; ++y) {
      const std::size_t pair = m * classes + y;
      spam_term[pair] = parameters.spamming[2 * m] * parameters.strategy[pair];
      any_term[pair] = spam_term[pair] + parameters.spamming[2 * m + 1];
      log_spam[pair] = std::log(spam_term[pair]);
      log_gain[pair] = std::log(any_term[pair]) - log_spam[pair];
    }
  MaceExpectations expected;
  expected.posteriors = Matrix<double>(annotations.num_items, classes);
  expected.spam_counts.assign(annotations.num_annotators * 2, 0.0);
  expected.strategy_counts.assign(annotations.num_annotators * classes, 0.0);
  // log P(labels of i, c) = -log C + sum_l log((1 - k) xi[y_l]) + sum_{l: y_l = c} log gain_l: only
  // the classes some label names differ from the rest, so an item costs its labels, not C exps.
  std::vector<double> gain(classes, 0.0);
  std::vector<char> named(classes, 0);
  std::vector<std::size_t> named_classes;
  const double log_classes = std::log(static_cast<double>(classes));
  const bool uniform = parameters.class_prior.empty();
  std::vector<double> log_prior, prior_row;
  if (!uniform) {
    double total = 0.0;
    for (std::size_t c = 0; c < classes; ++c) {
      const double p = std::max(parameters.class_prior[c], 1e-10);
      log_prior.push_back(std::log(p));
      prior_row.push_back(p);
      total += p;
    }
    for (double& p : prior_row) p /= total;
  }
  for (std::size_t n = 0; n < annotations.num_items; ++n) {
    const std::size_t begin = by_item.item_begin[n], end = by_item.item_begin[n + 1];
    double* row = expected.posteriors.row(n);
    if (begin == end) {
      if (uniform) std::fill(row, row + classes, 1.0 / static_cast<double>(classes));
      else std::copy(prior_row.begin(), prior_row.end(), row);
      continue;
    }
    double base = uniform ? -log_classes : 0.0;
    named_classes.clear();
    for (std::size_t j = begin; j < end; ++j) {
      const std::size_t k = by_item.label_order[j];
      const std::size_t y = static_cast<std::size_t>(annotations.labels[k]);
      const std::size_t pair = annotations.annotators[k] * classes + y;
      base += log_spam[pair];
      gain[y] += log_gain[pair];
      if (!named[y]) named[y] = 1, named_classes.push_back(y);
    }
    double highest = 0.0, total = 0.0;
    if (uniform) {
      const std::size_t unnamed = classes - named_classes.size();
      highest = unnamed > 0 ? 0.0 : gain[named_classes[0]];
      for (const std::size_t c : named_classes) highest = std::max(highest, gain[c]);
      const double unnamed_weight = std::exp(-highest);
      total = static_cast<double>(unnamed) * unnamed_weight;
      for (const std::size_t c : named_classes) total += gain[c] = std::exp(gain[c] - highest);
      std::fill(row, row + classes, unnamed_weight / total);
      for (const std::size_t c : named_classes) row[c] = gain[c] / total;
    } else {
      // Every class has a score of its own, log pi_c + gain_c: no shortcut for unnamed classes.
      highest = log_prior[0] + gain[0];
      for (std::size_t c = 1; c < classes; ++c) highest = std::max(highest, log_prior[c] + gain[c]);
      for (std::size_t c = 0; c < classes; ++c) total += row[c] = std::exp(log_prior[c] + gain[c] - highest);
      for (std::size_t c = 0; c < classes; ++c) row[c] /= total;
    }
    // Crowd-Kit adds 1e-8 to each item's marginal likelihood before the log.
    expected.log_marginal_likelihood += std::log(std::exp(base + highest) * total + 1e-8);
    for (std::size_t j = begin; j < end; ++j) {
      const std::size_t k = by_item.label_order[j];
      const std::size_t m = annotations.annotators[k];
      const std::size_t y = static_cast<std::size_t>(annotations.labels[k]);
      const std::size_t pair = m * classes + y;
      const double true_is_label = row[y];
      const double spam = 1.0 - true_is_label + true_is_label * spam_term[pair] / any_term[pair];
      expected.spam_counts[2 * m] += spam;
      expected.spam_counts[2 * m + 1] += true_is_label * parameters.spamming[2 * m + 1] / any_term[pair];
      expected.strategy_counts[pair] += spam;
    }
    for (const std::size_t c : named_classes) gain[c] = 0.0, named[c] = 0;
  }
  return expected;
}

namespace {

// Row-wise normalisation of counts plus priors, in the variational form exp(psi(.)) / exp(psi(sum)).
void variational_rows(const std::vector<double>& counts, std::size_t width, const std::vector<double>& priors,
                      std::vector<double>& out) {
  out.resize(counts.size());
  for (std::size_t m = 0; m < counts.size() / width; ++m) {
    double total = 0.0;
    for (std::size_t j = 0; j < width; ++j) total += counts[m * width + j] + priors[j];
    const double log_total = digamma(total);
    for (std::size_t j = 0; j < width; ++j) out[m * width + j] = std::exp(digamma(counts[m * width + j] + priors[j]) - log_total);
  }
}

void smoothed_rows(const std::vector<double>& counts, std::size_t width, double smoothing, std::vector<double>& out) {
  out.resize(counts.size());
  for (std::size_t m = 0; m < counts.size() / width; ++m) {
    double total = 0.0;
    for (std::size_t j = 0; j < width; ++j) total += counts[m * width + j] + smoothing;
    for (std::size_t j = 0; j < width; ++j) out[m * width + j] = (counts[m * width + j] + smoothing) / total;
  }
}

class MaceAggregator : public Aggregator {
 public:
  explicit MaceAggregator(const AggregatorOptions& options)
      : restarts_(static_cast<int>(aggregator_option_or(options, "restarts", 10))),
        variational_(aggregator_option_or(options, "variational", 1) != 0),
        spam_prior_(aggregator_option_or(options, "spam_prior", 0.5)),
        know_prior_(aggregator_option_or(options, "know_prior", 0.5)),
        strategy_prior_(aggregator_option_or(options, "strategy_prior", 10.0)),
        smoothing_(aggregator_option_or(options, "smoothing", 0.01)),
        class_prior_(static_cast<int>(aggregator_option_or(options, "class_prior", kUniformPrior))) {
    check_aggregator_options("mace", options,
                             {"restarts", "variational", "spam_prior", "know_prior", "strategy_prior", "smoothing",
                              "class_prior"});
    check_aggregator_ranges("mace", options, {{"variational", 0, 1, false, true}, {"smoothing", 0, kNoUpperBound},
                                              {"restarts", 1, 1e6, false, true},
                                              {"class_prior", kUniformPrior, kReestimatedPrior, false, true}});
    if (restarts_ < 1) throw ConfigError("mace: restarts must be at least 1");
    if (spam_prior_ <= 0 || know_prior_ <= 0 || strategy_prior_ <= 0)
      throw ConfigError("mace: spam_prior, know_prior and strategy_prior must be positive");
  }
  std::string name() const override { return "mace"; }
  AggregatorOptions options() const override {
    // smoothing: EM only; each count gets smoothing / C (Crowd-Kit's 0.01 / n_labels).
    return {{"restarts", restarts_},          {"variational", variational_ ? 1.0 : 0.0},
            {"spam_prior", spam_prior_},      {"know_prior", know_prior_},
            {"strategy_prior", strategy_prior_}, {"smoothing", smoothing_},
            {"class_prior", class_prior_}};
  }

  Aggregation fit(const SparseAnnotations& annotations, const AggregationSettings& settings) const override {
    check_aggregation_settings(name(), annotations, settings);
    const std::size_t classes = static_cast<std::size_t>(annotations.num_classes);
    const int iterations = settings.max_iterations > 0 ? settings.max_iterations : kDefaultIterations;
    const std::vector<double> spam_priors = {spam_prior_, know_prior_};
    const std::vector<double> strategy_priors(classes, strategy_prior_);
    Rng rng(derive_seed(settings.seed, "mace restarts"));
    const LabelsByItem by_item = labels_by_item(annotations);
    const std::vector<std::size_t> label_counts = labels_per_item(annotations);
    const std::vector<double> start_prior =
        class_prior_ == kUniformPrior
            ? std::vector<double>{}
            : mean_over_labelled_items(
                  weighted_vote_shares(annotations, std::vector<double>(annotations.num_annotators, 1.0)), label_counts);
    MaceParameters best;
    double best_likelihood = -std::numeric_limits<double>::infinity();
    for (int restart = 0; restart < restarts_; ++restart) {
      MaceParameters parameters = random_start(annotations.num_annotators, classes, rng);
      parameters.class_prior = start_prior;
      MaceExpectations expected = mace_e_step(annotations, by_item, parameters);
      for (int iteration = 0; iteration < iterations; ++iteration) {
        if (variational_) {
          variational_rows(expected.spam_counts, 2, spam_priors, parameters.spamming);
          variational_rows(expected.strategy_counts, classes, strategy_priors, parameters.strategy);
        } else {
          smoothed_rows(expected.spam_counts, 2, smoothing_ / static_cast<double>(classes), parameters.spamming);
          smoothed_rows(expected.strategy_counts, classes, smoothing_ / static_cast<double>(classes), parameters.strategy);
        }
        if (class_prior_ == kReestimatedPrior)
          parameters.class_prior = mean_over_labelled_items(expected.posteriors, label_counts);
        expected = mace_e_step(annotations, by_item, parameters);
      }
      if (expected.log_marginal_likelihood > best_likelihood || restart == 0) {
        best_likelihood = expected.log_marginal_likelihood;
        best = std::move(parameters);
      }
    }
    Aggregation result;
    result.posteriors = mace_e_step(annotations, by_item, best).posteriors;
    result.labels = most_probable_labels(result.posteriors, settings.seed);
    result.annotator_skill.resize(annotations.num_annotators);
    for (std::size_t m = 0; m < annotations.num_annotators; ++m) result.annotator_skill[m] = best.spamming[2 * m + 1];
    result.iterations = iterations;
    result.converged = true;  // a fixed number of iterations is MACE's rule, not a cut-off
    return result;
  }

 private:
  int restarts_;
  bool variational_;
  double spam_prior_;
  double know_prior_;
  double strategy_prior_;
  double smoothing_;
  int class_prior_;
};

}  // namespace

std::unique_ptr<Aggregator> make_mace_aggregator(const AggregatorOptions& options) {
  return std::make_unique<MaceAggregator>(options);
}

}  // namespace annotbench
