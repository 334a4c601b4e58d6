#include "methods/fewshot/em_steps.h"

namespace annotbench {

namespace {

// ½‖u_n − μ_k‖² for every pair: T x N x K. The direct difference, not ‖u‖² − 2u·μ + ‖μ‖², keeps the
// float64 tests exact to 1e-12 and costs nothing at these sizes (N ≤ 70, K ≤ 10, M = 64).
torch::Tensor half_squared_distances(const torch::Tensor& points, const torch::Tensor& prototypes) {
  return 0.5 * (points.unsqueeze(2) - prototypes.unsqueeze(1)).pow(2).sum(-1);
}

// Σ_{r∈I_n} log A^r_{k, y_n^r}: T x N x K. A missing label is an all-zero one-hot row and adds nothing.
torch::Tensor label_log_likelihood(const torch::Tensor& label_one_hot, const torch::Tensor& log_confusion) {
  return torch::einsum("tnrl,trkl->tnk", {label_one_hot, log_confusion});
}

}  // namespace

torch::Tensor labels_one_hot(const torch::Tensor& labels, int64_t classes, const torch::TensorOptions& options) {
  const torch::Tensor given = labels.ge(0);
  const torch::Tensor one_hot = torch::one_hot(labels.clamp_min(0).to(torch::kLong), classes).to(options);
  return one_hot * given.unsqueeze(-1).to(options);
}

torch::Tensor majority_vote_responsibilities(const torch::Tensor& label_one_hot) {
  torch::NoGradGuard constant;
  const torch::Tensor votes = label_one_hot.sum(2);  // T x N x K
  const torch::Tensor totals = votes.sum(-1, true);
  const double classes = static_cast<double>(label_one_hot.size(-1));
  return torch::where(totals.gt(0), votes / totals.clamp_min(1), torch::full_like(votes, 1.0 / classes));
}

EmParameters em_m_step(const torch::Tensor& embeddings, const torch::Tensor& label_one_hot,
                       const torch::Tensor& responsibilities, const EmPriors& priors) {
  const int64_t classes = responsibilities.size(-1);
  const double support = static_cast<double>(responsibilities.size(1));
  const torch::Tensor class_mass = responsibilities.sum(1);  // N_k: T x K
  EmParameters parameters;
  parameters.prototypes =
      torch::matmul(responsibilities.transpose(1, 2), embeddings) / (priors.tau + class_mass).unsqueeze(-1);
  parameters.log_proportions =
      torch::log((priors.b + class_mass) / (static_cast<double>(classes) * priors.b + support));
  const torch::Tensor counts = torch::einsum("tnk,tnrl->trkl", {responsibilities, label_one_hot});
  const torch::Tensor diagonal = torch::eye(classes, responsibilities.options()) * priors.c;
  const torch::Tensor numerators = counts + priors.epsilon + diagonal;
  parameters.log_confusion = torch::log(numerators) - torch::log(numerators.sum(-1, true));
  return parameters;
}

torch::Tensor em_e_step(const torch::Tensor& embeddings, const torch::Tensor& label_one_hot,
                        const EmParameters& parameters) {
  const torch::Tensor log_rho = parameters.log_proportions.unsqueeze(1) -
                                half_squared_distances(embeddings, parameters.prototypes) +
                                label_log_likelihood(label_one_hot, parameters.log_confusion);
  return torch::softmax(log_rho, -1);
}

EmParameters fit_em(const torch::Tensor& embeddings, const torch::Tensor& label_one_hot, int em_steps,
                    const EmPriors& priors, const torch::Tensor& initial_responsibilities) {
  torch::Tensor responsibilities = initial_responsibilities.defined()
                                       ? initial_responsibilities
                                       : majority_vote_responsibilities(label_one_hot);
  for (int step = 0; step < em_steps; ++step) {
    const EmParameters parameters = em_m_step(embeddings, label_one_hot, responsibilities, priors);
    responsibilities = em_e_step(embeddings, label_one_hot, parameters);
  }
  return em_m_step(embeddings, label_one_hot, responsibilities, priors);
}

torch::Tensor predict_log_proba(const torch::Tensor& queries, const torch::Tensor& prototypes,
                                const torch::Tensor& log_proportions) {
  return torch::log_softmax(log_proportions.unsqueeze(1) - half_squared_distances(queries, prototypes), -1);
}

torch::Tensor em_log_posterior(const torch::Tensor& embeddings, const torch::Tensor& label_one_hot,
                               const EmParameters& parameters, const EmPriors& priors) {
  const int64_t classes = parameters.log_proportions.size(-1);
  const torch::Tensor log_joint = parameters.log_proportions.unsqueeze(1) -
                                  half_squared_distances(embeddings, parameters.prototypes) +
                                  label_log_likelihood(label_one_hot, parameters.log_confusion);
  const torch::Tensor prior_counts =
      priors.epsilon + torch::eye(classes, parameters.log_confusion.options()) * priors.c;
  // b = 0 leaves an unvoted class at π_k = 0, where b log π_k would be 0·(−∞).
  const torch::Tensor proportion_prior = priors.b > 0 ? priors.b * parameters.log_proportions.sum(-1)
                                                      : torch::zeros_like(parameters.log_proportions.select(-1, 0));
  return torch::logsumexp(log_joint, -1).sum(1) + proportion_prior -
         0.5 * priors.tau * parameters.prototypes.pow(2).sum({1, 2}) +
         (prior_counts * parameters.log_confusion).sum({1, 2, 3});
}

}  // namespace annotbench
