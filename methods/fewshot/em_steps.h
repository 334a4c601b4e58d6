#pragma once
// The closed-form, differentiable EM of meta-learned EM (Kumagai et al., arXiv 2506.10259; spec
// ../shared/reference/meta-em.md §2-§3), batched over tasks. In the latent space every class is an
// isotropic Gaussian N(μ_k, I), every annotator r has a confusion matrix A^r (row k: the true class),
// and the class proportions π have a Dirichlet prior; the priors enter the M-step as pseudo-counts so
// that every estimate stays strictly positive. Shapes (T tasks, N support rows, R annotators, K classes,
// M latent dimensions):
//   embeddings U        T x N x M
//   label_one_hot Y     T x N x R x K, all zeros where annotator r did not label row n
//   responsibilities λ  T x N x K
// Tensors may be float32 (training) or float64 (tests); every function keeps the autograd graph.

#include <torch/torch.h>

namespace annotbench {

struct EmPriors {
  double tau = 0.1;      // precision of the N(0, τ⁻¹ I) prior on the prototypes
  double b = 10.0;       // pseudo-counts added to every class's share
  double epsilon = 1.0;  // pseudo-counts added to every confusion entry
  double c = 4.0;        // extra pseudo-counts on the confusion diagonal
};

struct EmParameters {
  torch::Tensor prototypes;       // μ: T x K x M
  torch::Tensor log_proportions;  // log π: T x K
  torch::Tensor log_confusion;    // log A: T x R x K x K, [t, r, true k, label l]
};

// λ⁰: each row's share of votes per class (Dawid–Skene's start); a row nobody labelled is uniform.
// A constant of the labels: no gradient flows through it.
torch::Tensor majority_vote_responsibilities(const torch::Tensor& label_one_hot);

// One-hot of `labels` (T x N x R, kMissingLabel (-1) where missing) as T x N x R x K of `options`.
torch::Tensor labels_one_hot(const torch::Tensor& labels, int64_t classes, const torch::TensorOptions& options);

// Eq. 7 with the pseudo-count priors:
//   μ_k = Σ_n λ_nk u_n / (τ + N_k),  π_k = (b + N_k) / (K b + N_S),
//   A^r_kl = (ε + c[l=k] + Σ_{n∈I^r} λ_nk [y_n^r = l]) / (K ε + c + Σ_{n∈I^r} λ_nk).
EmParameters em_m_step(const torch::Tensor& embeddings, const torch::Tensor& label_one_hot,
                       const torch::Tensor& responsibilities, const EmPriors& priors);

// Eq. 6 in the log domain: log ρ_nk = log π_k − ½‖u_n − μ_k‖² + Σ_{r∈I_n} log A^r_{k,y_n^r}; λ = softmax_k.
torch::Tensor em_e_step(const torch::Tensor& embeddings, const torch::Tensor& label_one_hot,
                        const EmParameters& parameters);

// λ ← λ⁰ (or `initial_responsibilities` when defined); em_steps × (M-step, E-step); a final M-step.
// em_steps = 0: the M-step on the majority-vote responsibilities only.
EmParameters fit_em(const torch::Tensor& embeddings, const torch::Tensor& label_one_hot, int em_steps,
                    const EmPriors& priors, const torch::Tensor& initial_responsibilities = {});

// Eq. 8: log p(t = k | x) = log softmax_k(log π_k − ½‖f(x) − μ_k‖²); the confusion matrices do not
// enter (a new row has no labels). queries: T x Q x M; returns T x Q x K.
torch::Tensor predict_log_proba(const torch::Tensor& queries, const torch::Tensor& prototypes,
                                const torch::Tensor& log_proportions);

// The log posterior of §2 up to its constant, per task (T): what each EM iteration must not lower.
//   Σ_n log Σ_k π_k exp(−½‖u_n − μ_k‖²) Π_{r∈I_n} A^r_{k,y_n^r} + b Σ_k log π_k − (τ/2) Σ_k ‖μ_k‖²
//   + Σ_{r,k,l} (ε + c[l=k]) log A^r_kl
torch::Tensor em_log_posterior(const torch::Tensor& embeddings, const torch::Tensor& label_one_hot,
                               const EmParameters& parameters, const EmPriors& priors);

}  // namespace annotbench
