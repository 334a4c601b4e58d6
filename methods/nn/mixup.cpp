#include "methods/nn/mixup.h"

#include <map>
#include <vector>

namespace annotbench {

torch::Tensor sample_beta(int64_t n, double alpha, c10::optional<torch::Generator> generator) {
  const torch::Tensor concentration = torch::full({n}, alpha, torch::kFloat64);
  const torch::Tensor first = at::_standard_gamma(concentration, generator);
  const torch::Tensor second = at::_standard_gamma(concentration, generator);
  return (first / (first + second)).to(torch::kFloat32);
}

torch::Tensor mix_rows(const torch::Tensor& values, const torch::Tensor& lambda,
                       const torch::Tensor& permutation) {
  std::vector<int64_t> shape(static_cast<std::size_t>(values.dim()), 1);
  shape[0] = -1;
  const torch::Tensor weight = lambda.to(values.device(), values.scalar_type()).view(shape);
  return weight * values + (1 - weight) * values.index_select(0, permutation.to(values.device()));
}

torch::Tensor permutation_within_groups(const torch::Tensor& group, c10::optional<torch::Generator> generator) {
  const torch::Tensor host = group.to(torch::kCPU).contiguous();
  const int64_t* ids = host.data_ptr<int64_t>();
  std::map<int64_t, std::vector<int64_t>> rows_of_group;
  for (int64_t i = 0; i < host.numel(); ++i) rows_of_group[ids[i]].push_back(i);
  torch::Tensor permutation = torch::empty({host.numel()}, torch::kInt64);
  int64_t* out = permutation.data_ptr<int64_t>();
  for (const auto& [id, rows] : rows_of_group) {
    const torch::Tensor order = torch::randperm(static_cast<int64_t>(rows.size()), generator, torch::kInt64);
    const int64_t* shuffled = order.data_ptr<int64_t>();
    for (std::size_t k = 0; k < rows.size(); ++k) out[rows[k]] = rows[static_cast<std::size_t>(shuffled[k])];
  }
  return permutation.to(group.device());
}

}  // namespace annotbench
