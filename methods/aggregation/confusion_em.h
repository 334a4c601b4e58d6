#pragma once
// The EM loop of Dawid & Skene (1979), shared by the full and the one-coin model: the two differ
// only in how the M-step turns item posteriors into each annotator's label probabilities.
//
// Initialisation and stopping follow Crowd-Kit's DawidSkene so that the numbers match: posteriors
// start at the majority-vote shares, the class prior is the mean posterior, and the first M-step
// runs on those; each iteration is E-step, prior, M-step, then the evidence lower bound per label
//   ELBO / L = (sum_l sum_c q_ic (log e_m[y_l, c] + log p_c) + sum_i H(q_i)) / L
// (the prior term counted once per label, as Crowd-Kit does), and EM stops when the bound rises by
// less than the tolerance (default 1e-5) or after max_iterations (default 100). Probabilities are
// clipped at 1e-10 before logs, as Crowd-Kit's _EPS.
//
// That bound counts the prior once per label instead of once per item, so EM need not raise it:
// on S_Adult it falls at the second iteration and EM stops there (accuracy .766). Crowd-Kit before
// its "stopping criterions" change (Dec 2021) ran all iterations; that is what its published
// table (JOSS 2024: .960 / .615 / .748) reports, and what elbo_stopping = false reproduces
// (measured here: .960 / .6155 / .7477).

#include <functional>
#include <vector>

#include "methods/aggregation/aggregator.h"

namespace annotbench {

inline constexpr double kConfusionFloor = 1e-10;  // Crowd-Kit's _EPS

// What an M-step returns: log P(annotator m says y | true class c) at [(m * C + y) * C + c] (only
// pairs (m, y) that occur in the labels are read), and one skill per annotator.
struct AnnotatorConfusions {
  std::vector<double> log_confusion;
  std::vector<double> annotator_skill;
};

using ConfusionMStep = std::function<AnnotatorConfusions(const SparseAnnotations& annotations,
                                                         const Matrix<double>& posteriors,
                                                         const std::vector<double>& class_prior)>;

// Items x classes: sum over each item's labels of log_confusion[(m * C + y) * C + c].
Matrix<double> label_log_likelihoods(const SparseAnnotations& annotations, const std::vector<double>& log_confusion);

struct ConfusionEmOptions {
  bool elbo_stopping = true;  // false: run all max_iterations
  // Start from AggregationSettings::initial_confusion when given: those matrices replace the
  // first M-step (the majority-vote one); the class prior still starts at the mean majority-vote
  // posterior. The one-coin model has no full matrix to start from and leaves this off.
  bool read_initial_confusion = false;
};

// Gold (AggregationSettings::gold) enters as Crowd-Kit's DawidSkene(true_labels): the majority-vote
// start and every E-step set a gold item's posterior to its one-hot class, so the prior and every
// M-step learn from the gold items with certainty; the returned posteriors of gold items are
// those one-hots (a gold item without labels included, though it adds nothing to the prior: items
// without labels never do). All entries kMissingLabel is bit-for-bit the same as no gold.
Aggregation fit_confusion_em(const SparseAnnotations& annotations, const AggregationSettings& settings,
                             const ConfusionMStep& m_step, const ConfusionEmOptions& options);

}  // namespace annotbench
