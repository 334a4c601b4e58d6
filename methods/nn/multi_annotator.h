#pragma once
// Pieces that multi-annotator models share: the labelled (instance, annotator, label) triples of a
// batch, the annotation likelihood through per-pair confusion matrices, annotator features and the
// confusion prior. Internal header: only training code includes it.

#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

// The L entries z_nm != -1 of an annotation batch (B x M, int64), in row-major order (instance by
// instance, annotators ascending): int64 tensors of size L on the batch's device.
struct LabelledPairs {
  torch::Tensor instance;   // n, a row of the batch
  torch::Tensor annotator;  // m
  torch::Tensor label;      // z_nm
};
LabelledPairs labelled_pairs(const torch::Tensor& annotations);

// The same pairs for the training rows `rows`, read from the host annotation matrix: instance is
// the position in `rows`. Built on the host and copied to `device` in one transfer, where
// labelled_pairs on a device tensor needs nonzero(), which waits for the device every batch.
struct HostLabelledPairs {
  std::vector<int64_t> position, annotator, label;
};
HostLabelledPairs host_labelled_pairs(const std::vector<int64_t>& rows, const AnnotationMatrix& annotations);
LabelledPairs to_device(const HostLabelledPairs& pairs, const torch::Device& device);
// Both in one: the pairs of the training rows `rows`, on `device` (size 0 when none is labelled).
LabelledPairs labelled_pairs(const std::vector<int64_t>& rows, const AnnotationMatrix& annotations,
                             const torch::Device& device);

// Whether any of the training rows `rows` has a label, decided on the host.
bool any_label(const std::vector<int64_t>& rows, const AnnotationMatrix& annotations);

// The annotation likelihood log p(z = k | x, m) = logsumexp_c [ log p(y = c | x) + log P_m(x)[c, k] ]
// at K given labels k = labels[..., k] only, shape (..., K), from class log-probabilities (..., C),
// confusion *logits* (..., C, C) and labels (..., K) int64. Each confusion row is normalised by its
// logsumexp and only the K label columns are gathered: a loss needs the likelihood at the observed
// (or, under mixup, two mixed) labels, never the whole C x C table.
torch::Tensor labelled_annotation_log_probs(const torch::Tensor& class_log_probs,
                                            const torch::Tensor& confusion_logits, const torch::Tensor& labels);

// The same at each pair's own label when the confusion matrices belong to annotators, not pairs:
// log p(z = label_l | x_l, m = annotator_l) from class log-probabilities (L x C) and per-annotator
// confusion log-probabilities (M x C x C); reads column label_l of matrix annotator_l instead of
// gathering an L x C x C tensor. Size L.
torch::Tensor annotator_label_log_probs(const torch::Tensor& class_log_probs, const torch::Tensor& confusion_log_probs,
                                        const torch::Tensor& annotator, const torch::Tensor& label);

// P(annotator labels correctly) = sum_c p(y = c | x) P_m(x)[c, c]: from N x C class probabilities
// and N x M x C x C confusion probabilities to N x M.
torch::Tensor correct_label_probability(const torch::Tensor& class_probs,
                                        const torch::Tensor& confusion_probs);

// correct_label_probability for every row of `features` when the confusions (M x C x C
// probabilities) are the same for every instance, as in crowd-layer-like models: p(y | x) is
// softmax(class_logits(x)), evaluated in batches as predict_batched does. N x M.
FeatureMatrix shared_confusion_performance(torch::nn::Module& model, const FeatureMatrix& features,
                                           const torch::Tensor& confusion_probs, int64_t batch_size,
                                           const torch::Device& device,
                                           const std::function<torch::Tensor(const torch::Tensor&)>& class_logits);

// The data set's annotator features (M x A), or the M x M identity (one-hot ids) when it has none.
torch::Tensor annotator_features_or_one_hot(const Dataset& dataset);

// Bias of a C*C confusion-logit output that makes every row's diagonal probability exactly eta:
// log(eta (C-1) / (1-eta)) on the diagonal, 0 elsewhere (row-major flattening of C x C).
torch::Tensor diagonal_prior_bias(int64_t num_classes, double eta);

// One-hot rows (L x C, float) of int64 labels; kMissingLabel gives an all-zero row.
torch::Tensor one_hot_or_zero(const torch::Tensor& labels, int64_t num_classes);

}  // namespace annotbench
