#include "methods/nn/dropout.h"

#include <cstdint>

namespace annotbench {

torch::Tensor half_keep_mask(torch::IntArrayRef shape, c10::optional<torch::Generator> generator) {
  int64_t entries = 1;
  for (const int64_t size : shape) entries *= size;
  const int64_t words = (entries + 31) / 32;
  const torch::Tensor bits = torch::randint(0, int64_t{1} << 32, {words, 1}, generator, torch::kInt64);
  const torch::Tensor powers_of_two =
      torch::pow(torch::full({32}, 2, torch::kInt64), torch::arange(32, torch::kInt64));
  const torch::Tensor kept = bits.bitwise_and(powers_of_two).ne(0).view({-1}).narrow(0, 0, entries).view(shape);
  return kept.to(torch::kFloat32).mul_(2.0);
}

torch::Tensor inverted_dropout(const torch::Tensor& x, double p, bool training, c10::optional<torch::Generator> generator) {
  if (!training || p <= 0) return x;
  if (p != 0.5 || !x.is_cpu() || x.scalar_type() != torch::kFloat32) {
    if (generator.has_value()) {
      const torch::Tensor keep = torch::empty_like(x).bernoulli_(1 - p, generator);
      return x * keep / (1 - p);
    }
    return torch::dropout(x, p, training);
  }
  return x * half_keep_mask(x.sizes(), generator);
}

}  // namespace annotbench
