#pragma once
// The scores strategies rank by, and the one ranking rule they share. Rows of a probability matrix in,
// one number per row out; a higher score is picked first.

#include <cstdint>
#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

// H(p) = −Σ_c p_c log p_c (0 log 0 = 0).
double entropy(const float* proba, std::size_t classes);
// Uncertainty scores (higher = more uncertain): entropy; −(p_(1) − p_(2)) for margin; −max_c p_c for
// least confidence.
std::vector<double> entropy_scores(const FeatureMatrix& proba);
std::vector<double> margin_scores(const FeatureMatrix& proba);
std::vector<double> least_confidence_scores(const FeatureMatrix& proba);

// Noise scores of labelled items with current labels `labels` (higher = more probably mislabelled):
// s_loss = −log p̂(ŷ|x) (confident disagreement, §3.2.1), clamped at p = 1e-12.
std::vector<double> loss_scores(const FeatureMatrix& proba, const std::vector<int>& labels);
// Bernhardt et al.'s JOINT rule: s_loss − max(H − 0.30, 0).
std::vector<double> joint_scores(const FeatureMatrix& proba, const std::vector<int>& labels);

// Positions of the `count` highest scores, highest first; ties go to the lower position, so the
// ranking is deterministic.
std::vector<std::size_t> top_positions(const std::vector<double>& scores, std::size_t count);

// `count` positions of 0..size-1 drawn without replacement from `seed`'s stream.
std::vector<std::size_t> random_positions(std::size_t size, std::size_t count, std::uint64_t seed);

// items[positions[k]] for every k.
std::vector<std::size_t> pick(const std::vector<std::size_t>& items, const std::vector<std::size_t>& positions);

}  // namespace annotbench
