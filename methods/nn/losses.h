#pragma once
// The training losses of the core methods as free functions of tensors, so that tests can feed
// fixed logits and matrices and compare with the papers' formulas. Each is defined in its method's
// own file. Internal header: only training code and tests include it.

#include <torch/torch.h>

#include "methods/nn/multi_annotator.h"

namespace annotbench {

// Aggregate classifiers (ground-truth, majority-vote; reference maml/classifiers/_aggregate.py):
// -sum_{n,c} t_nc log softmax(logits)_nc / #rows with any target mass. Targets may be mixed (soft).
torch::Tensor soft_label_cross_entropy(const torch::Tensor& class_logits, const torch::Tensor& targets);

// Crowd layer (Rodrigues & Pereira 2018, "MW" variant): annotation logits
// u_nm = p(y | x_n)^T W_m with W_m (C x C, init identity); cross-entropy of softmax(u_nm) against
// z_nm, averaged over the labelled pairs. class_probs B x C, crowd_matrices M x C x C, annotations
// B x M (int64, -1 missing).
torch::Tensor crowd_layer_loss(const torch::Tensor& class_probs, const torch::Tensor& crowd_matrices,
                               const torch::Tensor& annotations);

// Trace regularisation (Tanno et al. 2019): -(1/L) sum log sum_c p(y=c|x_n) A_m[c, z_nm] +
// lambda * (1/M) sum_m tr(A_m), A_m = row-softmax(confusion_logits[m]) (M x C x C).
// `pairs`: the batch's labelled pairs (labelled_pairs of its annotations).
torch::Tensor trace_reg_loss(const torch::Tensor& class_logits, const torch::Tensor& confusion_logits,
                             const LabelledPairs& pairs, double lambda);

// MaDL (Herde et al. 2023) annotator weights: with RBF similarities
// k(a_i, a_j) = exp(-gamma ||e_i - e_j||^2) of the annotator embeddings (M x E),
// w_m = M (1 / sum_i k_im) / sum_j (1 / sum_i k_ij), so that annotators resembling many others
// count less and the weights average one.
torch::Tensor madl_annotator_weights(const torch::Tensor& annotator_embeddings, double gamma);
// The same with gamma a scalar tensor that may be trained (madl's train_gamma=1).
torch::Tensor madl_annotator_weights(const torch::Tensor& annotator_embeddings, const torch::Tensor& gamma);

// MaDL loss over L labelled pairs: (1/L) sum_i w_{m_i} (-log p(z_i | x_i, a_i)) - log Gamma(gamma;
// shape alpha, rate beta). class_logits L x C, confusion_logits L x C x C, labels L, weights L.
torch::Tensor madl_loss(const torch::Tensor& labels, const torch::Tensor& class_logits,
                        const torch::Tensor& confusion_logits, const torch::Tensor& pair_weights,
                        double gamma, double alpha, double beta);
torch::Tensor madl_loss(const torch::Tensor& labels, const torch::Tensor& class_logits,
                        const torch::Tensor& confusion_logits, const torch::Tensor& pair_weights,
                        const torch::Tensor& gamma, double alpha, double beta);

}  // namespace annotbench
