#pragma once
// The training objectives of the annot-mix paper's noise-model baselines GeoCrowdNet (F and W),
// CoNAL, UnionNet (A and B) and CrowdAR, as free functions of plain tensors, so that a test can feed
// fixed logits and fixed transition/confusion parameters and compare with the papers' formulas.
// Internal header: only the method files that train (geo_crowd_net.cpp, conal.cpp, union_net.cpp,
// crowd_ar.cpp, which define these functions) and the tests include it.
//
// Shapes: B instances in the batch, M annotators, C classes. `annotations` is int64 B x M with -1
// (kMissingLabel) for a missing label.

#include <torch/torch.h>

#include "methods/nn/multi_annotator.h"

namespace annotbench {

// ---- GeoCrowdNet (Ibrahim, Nguyen, Fu, ICLR 2023), geo_crowd_net.cpp --------------------------

enum class GeoRegularizer {
  kOutputs,     // geo-reg-f: -log det(F^T F), F = the batch's p(y|x) (B x C), Eq. (8) of the paper
  kConfusions,  // geo-reg-w: -log det(W^T W), W = all annotators' confusion matrices stacked, Eq. (9)
};

// Coupled cross-entropy: the mean over labelled pairs (n, m) of
//   -log sum_c p(y=c|x_n) A_m[c, z_nm],   A_m = row-softmax(confusion_logits[m]),
// plus lambda * the volume regulariser. As in the reference code, a regulariser that is not finite
// or above 100 (a near-singular Gram matrix, e.g. a batch with fewer instances than classes) is
// dropped for that batch.
// pairs: the batch's labelled pairs (labelled_pairs of its annotations); class_logits: B x C;
// confusion_logits: M x C x C (row = true class).
torch::Tensor geo_crowd_net_loss(const LabelledPairs& pairs, const torch::Tensor& class_logits,
                                 const torch::Tensor& confusion_logits, double lambda, GeoRegularizer regularizer);

// ---- CoNAL (Chu, Ma, Wang, AAAI 2021), conal.cpp --------------------------------------------

// Annotation logits of Eq. (1): for instance n and annotator m with mixing weight w_nm,
//   w_nm * (p_n^T W_common) + (1 - w_nm) * (p_n^T W_m).
// class_probabilities: B x C; mixing_weights: B x M in (0, 1); common_confusion: C x C;
// individual_confusions: M x C x C. Returns B x M x C.
torch::Tensor conal_annotation_logits(const torch::Tensor& class_probabilities,
                                      const torch::Tensor& mixing_weights,
                                      const torch::Tensor& common_confusion,
                                      const torch::Tensor& individual_confusions);

// Mean cross-entropy of softmax(annotation_logits) over the labelled pairs, minus
// lambda * sum_m ||W_m - W_common||_F (the paper's term that pushes the individual matrices away
// from the common one).
torch::Tensor conal_loss(const torch::Tensor& annotations, const torch::Tensor& annotation_logits,
                         const torch::Tensor& individual_confusions,
                         const torch::Tensor& common_confusion, double lambda);

// ---- UnionNet (Wei, Xie, Feng, Han, An, TNNLS 2022), union_net.cpp ---------------------------

// The union label space has M*C entries: entry m*C + k is "annotator m says class k".
// transition_logits: (M*C) x C, column c belongs to true class c.
// Variant A (the authors' UnionNet-A): softmax over the union of  T p(y|x).
torch::Tensor union_probabilities_a(const torch::Tensor& class_probabilities,
                                    const torch::Tensor& transition_logits);
// Variant B (the authors' UnionNet-B, the reference repository's UnionNet): each column of T is
// softmax-normalised over the union, then  p_union = T_norm p(y|x), a proper mixture.
torch::Tensor union_probabilities_b(const torch::Tensor& class_probabilities,
                                    const torch::Tensor& transition_logits);

// Eq. (6): -(1/B) sum_n sum_{m labelled} log p_union[n, m*C + z_nm]; B counts every instance of
// the batch, as in the reference code. pairs as for geo_crowd_net_loss; union_probabilities:
// B x (M*C) for M = num_annotators.
torch::Tensor union_net_loss(const LabelledPairs& pairs, const torch::Tensor& union_probabilities,
                             int64_t num_annotators);

// ---- CrowdAR (Cao, Chen, Huang, Shen, Huang, SIGIR 2023), crowd_ar.cpp ------------------------

// Eq. (2): reliability r_nm = sigmoid(w3 . ((sigmoid(e_m) - d_n) * q_n) + b3), with the instance
// difficulty d_n (B x C, already in (0,1)), the annotators' expertise logits e (M x C), the class
// probabilities q (B x C), w3 a C-vector and b3 a scalar tensor. Returns B x M.
torch::Tensor crowd_ar_reliability(const torch::Tensor& difficulty, const torch::Tensor& expertise_logits,
                                   const torch::Tensor& class_probabilities, const torch::Tensor& w3,
                                   const torch::Tensor& b3);

// Eq. (5), normalised by the number L of labelled pairs as in the authors' code:
//   ( lambda * sum_{n,m} -sum_k t_nmk log softmax(annotation_logits_nm)_k
//   + (1 - lambda) * sum_{n,m} BCE(r_nm, [argmax_c q_nc == z_nm]) ) / L,
// with the soft target of Eq. (3)  t_nm = r_nm * onehot(z_nm) + (1 - r_nm) / C.
// annotation_logits: B x M x C (p(y|x)^T W_m); reliabilities: B x M.
torch::Tensor crowd_ar_loss(const torch::Tensor& annotations, const torch::Tensor& class_probabilities,
                            const torch::Tensor& annotation_logits, const torch::Tensor& reliabilities,
                            double lambda);

}  // namespace annotbench
