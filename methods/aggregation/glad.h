#pragma once
// GLAD's two steps, open to tests: the E-step and the M-step objective Q with its gradient (the
// model and the formulas are in glad.cpp's header comment).

#include <vector>

#include "datasets/dataset.h"
#include "datasets/sparse_annotations.h"

namespace annotbench {

class GladModel {
 public:
  // `gold`: AggregationSettings::gold (empty: none); the E-step clamps those items' posteriors.
  GladModel(const SparseAnnotations& annotations, double alpha_prior_mean, double beta_prior_mean,
            std::vector<int> gold = {});

  // x = (alpha_1..M, beta_1..N).
  std::size_t num_parameters() const { return annotations_.num_annotators + annotations_.num_items; }

  // E-step: item posteriors at x under a uniform class prior, a gold item's being its one-hot
  // class; also keeps p_l = q_{i, y_l} of every label for Q and its gradient.
  Matrix<double> e_step(const std::vector<double>& x);

  // Q at x for the posteriors of the last E-step (the header comment of glad.cpp); writes dQ/dx
  // into `gradient` when given.
  double expected_log_joint(const std::vector<double>& x, std::vector<double>* gradient) const;

 private:
  double label_ability(const std::vector<double>& x, std::size_t k) const;

  const SparseAnnotations& annotations_;
  double alpha_prior_mean_;
  double beta_prior_mean_;
  double log_wrong_classes_;
  std::vector<int> gold_;
  std::vector<char> annotator_has_labels_;
  std::vector<char> item_has_labels_;
  std::vector<double> label_posterior_;
  mutable std::vector<double> inverse_difficulty_;  // scratch: exp(beta_i) at the last x
};

}  // namespace annotbench
