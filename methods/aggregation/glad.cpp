// GLAD (Whitehill, Ruvolo, Wu, Bergsma & Movellan 2009): annotator m has ability alpha_m, item i
// an inverse difficulty exp(beta_i) > 0, and the label is right with probability
//   a_l = sigmoid(alpha_m exp(beta_i)),  else one of the other C - 1 classes uniformly.
// EM: the E-step gives item posteriors q_ic under a uniform class prior; the M-step maximises
//   Q = sum_l [p_l log a_l + (1 - p_l)(log(1 - a_l) - log(C - 1))]
//       + sum_m log N(alpha_m - 1) + sum_i log N(beta_i - 1),       p_l = q_{i, y_l},
// whose gradient is
//   dQ/dalpha_m = sum_{l of m} (p_l - a_l) exp(beta_i) - (alpha_m - 1),
//   dQ/dbeta_i  = sum_{l of i} (p_l - a_l) alpha_m exp(beta_i) - (beta_i - 1),
// by conjugate gradients (conjugate_gradient.h).
//
// As Crowd-Kit's GLAD, so that the numbers match: alpha = beta = 1 at the start and as the prior
// means (options alpha_prior_mean, beta_prior_mean); each M-step is at most 25 CG iterations
// (m_step_iterations) with gradient tolerance 0.01 (m_step_tolerance); one E-step before the loop,
// then per iteration E-step, M-step and Q / (L C); EM stops when that rises by less than 1e-5 or
// after 100 iterations. The first comparison is against the unnormalised Q of the start, as in
// Crowd-Kit, so at least two iterations run. The posteriors returned are those of the last
// E-step. C is the number of classes of the annotations. annotator_skill: alpha_m.
//
// Gold (AggregationSettings::gold): every E-step sets a gold item's posterior to its one-hot class,
// so p_l is 1 or 0 on its labels and the M-step fits abilities (and the item's difficulty) to the
// known answers; the returned posteriors of gold items are those one-hots. Crowd-Kit's GLAD takes
// no gold; this is Dawid-Skene's rule (confusion_em.h) carried over. initial_confusion: ignored.
//
// An E-step can lower Q (it is not the marginal likelihood), and on S_Rel it does at the second
// iteration, so EM stops there (accuracy .566; Crowd-Kit 1.4.1 gives .565 the same way). Crowd-Kit
// before Dec 2021 stopped when |Q - Q_last| / |Q_last| < tolerance on the unnormalised Q, which
// goes on through such falls; its published table (JOSS 2024: .948 / .511 / .760) is that rule,
// and relative_stopping = 1 reproduces it (measured here: .948 / .517 / .760).

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "datasets/input_error.h"
#include "methods/aggregation/aggregator.h"
#include "methods/aggregation/conjugate_gradient.h"
#include "methods/aggregation/glad.h"
#include "methods/aggregation/weighted_vote.h"

namespace annotbench {

namespace {

constexpr int kDefaultIterations = 100;
constexpr double kDefaultTolerance = 1e-5;
const double kLogNormalisation = 0.5 * std::log(2.0 * M_PI);

// log(1 + e^x) without overflow.
double softplus(double x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

}  // namespace

GladModel::GladModel(const SparseAnnotations& annotations, double alpha_prior_mean, double beta_prior_mean,
                     std::vector<int> gold)
    : annotations_(annotations),
      alpha_prior_mean_(alpha_prior_mean),
      beta_prior_mean_(beta_prior_mean),
      log_wrong_classes_(std::log(static_cast<double>(annotations.num_classes - 1))),
      gold_(std::move(gold)),
      annotator_has_labels_(annotations.num_annotators, 0),
      item_has_labels_(annotations.num_items, 0),
      label_posterior_(annotations.num_labels(), 0.0) {
  for (std::size_t k = 0; k < annotations.num_labels(); ++k) {
    annotator_has_labels_[annotations.annotators[k]] = 1;
    item_has_labels_[annotations.items[k]] = 1;
  }
}

Matrix<double> GladModel::e_step(const std::vector<double>& x) {
  const std::size_t classes = static_cast<std::size_t>(annotations_.num_classes);
  Matrix<double> log_posteriors(annotations_.num_items, classes, 0.0);
  for (std::size_t k = 0; k < annotations_.num_labels(); ++k) {
    const double ability = label_ability(x, k);
    const double log_right = -softplus(-ability);
    const double log_wrong = -softplus(ability) - log_wrong_classes_;
    double* row = log_posteriors.row(annotations_.items[k]);
    for (std::size_t c = 0; c < classes; ++c) row[c] += log_wrong;
    row[annotations_.labels[k]] += log_right - log_wrong;
  }
  softmax_rows(log_posteriors);
  clamp_to_gold(gold_, log_posteriors);
  for (std::size_t k = 0; k < annotations_.num_labels(); ++k)
    label_posterior_[k] = log_posteriors.at(annotations_.items[k], static_cast<std::size_t>(annotations_.labels[k]));
  return log_posteriors;
}

double GladModel::expected_log_joint(const std::vector<double>& x, std::vector<double>* gradient) const {
  const std::size_t annotators = annotations_.num_annotators;
  if (gradient) gradient->assign(x.size(), 0.0);
  // exp(beta) once per item, and per label one exp and one log1p: with e = exp(-|a|),
  // log sigmoid(a) = -max(-a, 0) - log1p(e), log(1 - sigmoid(a)) = -max(a, 0) - log1p(e).
  std::vector<double>& inverse_difficulty = inverse_difficulty_;
  inverse_difficulty.resize(annotations_.num_items);
  for (std::size_t n = 0; n < annotations_.num_items; ++n) inverse_difficulty[n] = std::exp(x[annotators + n]);
  double q = 0.0;
  for (std::size_t k = 0; k < annotations_.num_labels(); ++k) {
    const std::size_t m = annotations_.annotators[k];
    const std::size_t n = annotations_.items[k];
    const double ability = x[m] * inverse_difficulty[n];
    const double e = std::exp(-std::abs(ability));
    const double log1p_e = std::log1p(e);
    const double log_right = -std::max(-ability, 0.0) - log1p_e;
    const double log_wrong = -std::max(ability, 0.0) - log1p_e - log_wrong_classes_;
    const double p = label_posterior_[k];
    q += p * log_right + (1.0 - p) * log_wrong;
    if (gradient) {
      const double right = ability >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
      const double residual = p - right;
      (*gradient)[m] += residual * inverse_difficulty[n];
      (*gradient)[annotators + n] += residual * ability;
    }
  }
  // Standard normal priors on alpha - mean and beta - mean, over the annotators and items that
  // have labels (Crowd-Kit's parameters are only those).
  for (std::size_t j = 0; j < x.size(); ++j) {
    const bool is_annotator = j < annotators;
    if (!(is_annotator ? annotator_has_labels_[j] : item_has_labels_[j - annotators])) continue;
    const double centred = x[j] - (is_annotator ? alpha_prior_mean_ : beta_prior_mean_);
    q += -0.5 * centred * centred - kLogNormalisation;
    if (gradient) (*gradient)[j] -= centred;
  }
  return q;
}

double GladModel::label_ability(const std::vector<double>& x, std::size_t k) const {
  return x[annotations_.annotators[k]] * std::exp(x[annotations_.num_annotators + annotations_.items[k]]);
}

namespace {

class GladAggregator : public Aggregator {
 public:
  explicit GladAggregator(const AggregatorOptions& options)
      : m_step_iterations_(static_cast<int>(aggregator_option_or(options, "m_step_iterations", 25))),
        m_step_tolerance_(aggregator_option_or(options, "m_step_tolerance", 1e-2)),
        alpha_prior_mean_(aggregator_option_or(options, "alpha_prior_mean", 1.0)),
        beta_prior_mean_(aggregator_option_or(options, "beta_prior_mean", 1.0)),
        relative_stopping_(aggregator_option_or(options, "relative_stopping", 0) != 0) {
    check_aggregator_options("glad", options,
                             {"m_step_iterations", "m_step_tolerance", "alpha_prior_mean", "beta_prior_mean", "relative_stopping"});
    check_aggregator_ranges("glad", options, {{"m_step_iterations", 1, 1e6, false, true}, {"m_step_tolerance", 0, kNoUpperBound, true},
                                              {"alpha_prior_mean", -1e6, 1e6}, {"beta_prior_mean", -1e6, 1e6},
                                              {"relative_stopping", 0, 1, false, true}});
    if (m_step_iterations_ < 1) throw ConfigError("glad: m_step_iterations must be at least 1");
  }
  std::string name() const override { return "glad"; }
  GoldUse gold_use() const override { return GoldUse::used; }
  AggregatorOptions options() const override {
    return {{"m_step_iterations", m_step_iterations_},
            {"m_step_tolerance", m_step_tolerance_},
            {"alpha_prior_mean", alpha_prior_mean_},
            {"beta_prior_mean", beta_prior_mean_},
            {"relative_stopping", relative_stopping_ ? 1.0 : 0.0}};
  }

  Aggregation fit(const SparseAnnotations& annotations, const AggregationSettings& settings) const override {
    check_aggregation_settings(name(), annotations, settings);
    if (annotations.num_classes < 2) throw ConfigError("glad: needs at least 2 classes");
    const int max_iterations = settings.max_iterations > 0 ? settings.max_iterations : kDefaultIterations;
    const double tolerance = settings.tolerance >= 0 ? settings.tolerance : kDefaultTolerance;
    const double rows = static_cast<double>(annotations.num_labels() * static_cast<std::size_t>(annotations.num_classes));

    GladModel model(annotations, alpha_prior_mean_, beta_prior_mean_, settings.gold);
    std::vector<double> x(model.num_parameters(), 1.0);
    Aggregation result;
    result.posteriors = model.e_step(x);
    double q = model.expected_log_joint(x, nullptr);
    const ObjectiveWithGradient negative_q = [&](const std::vector<double>& point, std::vector<double>& gradient) {
      const double value = -model.expected_log_joint(point, &gradient);
      for (double& g : gradient) g = -g;
      return value;
    };
    result.converged = false;
    for (int iteration = 1; iteration <= max_iterations; ++iteration) {
      const double last_q = q;
      result.posteriors = model.e_step(x);
      minimise_conjugate_gradient(negative_q, x, m_step_iterations_, m_step_tolerance_);
      const double unnormalised_q = model.expected_log_joint(x, nullptr);
      result.iterations = iteration;
      const bool stop = relative_stopping_
                            ? std::abs(unnormalised_q - last_q) < tolerance * std::abs(last_q)
                            : unnormalised_q / rows - last_q < tolerance;
      q = relative_stopping_ ? unnormalised_q : unnormalised_q / rows;
      if (stop) {
        result.converged = true;
        break;
      }
    }
    const std::vector<double> uniform(static_cast<std::size_t>(annotations.num_classes), 1.0 / annotations.num_classes);
    give_unlabelled_items_prior(annotations, uniform, result.posteriors);
    clamp_to_gold(settings.gold, result.posteriors);  // a gold item without labels, too
    result.labels = most_probable_labels(result.posteriors, settings.seed);
    result.annotator_skill.assign(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(annotations.num_annotators));
    return result;
  }

 private:
  int m_step_iterations_;
  double m_step_tolerance_;
  double alpha_prior_mean_;
  double beta_prior_mean_;
  bool relative_stopping_;
};

}  // namespace

std::unique_ptr<Aggregator> make_glad_aggregator(const AggregatorOptions& options) {
  return std::make_unique<GladAggregator>(options);
}

}  // namespace annotbench
