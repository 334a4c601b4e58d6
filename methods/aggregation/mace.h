#pragma once
// MACE's E-step, open to tests (the model is in mace.cpp's header comment).

#include <vector>

#include "datasets/dataset.h"
#include "datasets/sparse_annotations.h"
#include "methods/aggregation/weighted_vote.h"

namespace annotbench {

struct MaceParameters {
  std::vector<double> spamming;  // annotators x 2: P(spam), P(know)
  std::vector<double> strategy;  // annotators x classes: xi_m
  // P(true class c), entries floored at 1e-10 before the log; empty: uniform, by the code path of
  // Hovy et al.'s model (bit-for-bit what MACE gave before the prior was an option).
  std::vector<double> class_prior;
};

// The exact E-step: item posteriors, the log marginal likelihood sum_i log(P(labels of i) + 1e-8)
// and the expected spam / know and strategy counts. An item without labels gets the class prior.
struct MaceExpectations {
  double log_marginal_likelihood = 0.0;
  Matrix<double> posteriors;
  std::vector<double> spam_counts;      // annotators x 2: expected spam, know
  std::vector<double> strategy_counts;  // annotators x classes
};

MaceExpectations mace_e_step(const SparseAnnotations& annotations, const MaceParameters& parameters);
// The same with the labels grouped by item once (labels_by_item), as the EM loop calls it.
MaceExpectations mace_e_step(const SparseAnnotations& annotations, const LabelsByItem& by_item,
                             const MaceParameters& parameters);

}  // namespace annotbench
