#pragma once
// Inverted dropout whose mask for p = 1/2 is cut from random bits: one 32-bit draw gives 32 mask
// entries, where LibTorch's CPU bernoulli_ draws one number per entry, serially. On annot-mix's AP
// hidden block (192 x 256 per step) that draw was the largest single cost of a CPU step. Every
// bit of the generator is uniform, so each entry is kept with probability exactly 1/2,
// independently: the same distribution as torch::dropout. Other rates and CUDA tensors use
// torch::dropout. Internal header: only training code includes it.

#include <torch/torch.h>

namespace annotbench {

// x scaled by 1/(1-p) where kept, 0 where dropped; x itself when not training or p = 0.
torch::Tensor inverted_dropout(const torch::Tensor& x, double p, bool training,
                      c10::optional<torch::Generator> generator = c10::nullopt);

// A keep mask of `shape` for p = 1/2: 0 or 2 (the inverted-dropout scale), float32 on the CPU.
torch::Tensor half_keep_mask(torch::IntArrayRef shape, c10::optional<torch::Generator> generator = c10::nullopt);

// torch::nn::Dropout with the mask above. Masks come from `generator` when set (the run's own
// stream, see SeededInitialisation), else from LibTorch's process-wide one.
struct BitDropoutImpl : torch::nn::Cloneable<BitDropoutImpl> {
  explicit BitDropoutImpl(double p = 0.5) : p(p) {}
  void reset() override {}
  torch::Tensor forward(const torch::Tensor& x) { return inverted_dropout(x, p, is_training(), generator); }
  double p;
  c10::optional<torch::Generator> generator;
};
TORCH_MODULE(BitDropout);

}  // namespace annotbench
