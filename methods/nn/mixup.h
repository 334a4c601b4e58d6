#pragma once
// Mixup (Zhang et al., ICLR 2018) as the reference code draws it (maml/utils/_mixup.py): one
// lambda ~ Beta(alpha, alpha) per row and one permutation shared by every mixed array.
// Internal header: only training code includes it.

#include <torch/torch.h>

#include <cstdint>

namespace annotbench {

// n draws of Beta(alpha, alpha) as Gamma(a)/(Gamma(a)+Gamma(a)), from `generator` (a CPU
// generator) or, without one, from torch's seeded global generator.
torch::Tensor sample_beta(int64_t n, double alpha, c10::optional<torch::Generator> generator = c10::nullopt);

// lambda_i v_i + (1 - lambda_i) v_perm(i) for every row i of `values` (any trailing shape).
torch::Tensor mix_rows(const torch::Tensor& values, const torch::Tensor& lambda,
                       const torch::Tensor& permutation);

// A permutation that only exchanges rows of the same group (rows of one instance, for annot-mix's
// mix_only_annotators): position i gets a random row of group[i]'s group. `group` is int64, size L.
torch::Tensor permutation_within_groups(const torch::Tensor& group,
                                        c10::optional<torch::Generator> generator = c10::nullopt);

}  // namespace annotbench
