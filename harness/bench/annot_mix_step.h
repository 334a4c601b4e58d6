#pragma once
// One annot-mix training step on a fixed batch, the unit the step benchmark and the plain-PyTorch
// comparison (pytorch_annot_mix_step.py) both time: labelled pairs of the batch, mixup with one
// Beta(alpha, alpha) weight per pair and one permutation, forward, backward, RAdam update. Built
// once, stepped many times. No torch in this header, so that the implementation behind step() can
// change without touching its users.

#include <cstdint>
#include <memory>

namespace annotbench {

// Defaults: letter's shapes in the paper's setting (batch 64, 20 annotators, 16 features, 26
// classes) with 3 labels per instance, the middle of the paper's 2-4, so L = 192 pairs per step.
struct AnnotMixStepShape {
  std::int64_t batch_size = 64;
  std::int64_t num_annotators = 20;
  std::int64_t labels_per_instance = 3;
  std::int64_t num_features = 16;
  std::int64_t num_classes = 26;
  std::int64_t embed_size = 128;  // annot-mix's default E
  double alpha = 1.0;
  double eta = 0.9;
  double learning_rate = 1e-2;
  std::uint64_t seed = 0;
};

class AnnotMixStep {
 public:
  explicit AnnotMixStep(const AnnotMixStepShape& shape = {});
  ~AnnotMixStep();
  AnnotMixStep(const AnnotMixStep&) = delete;
  AnnotMixStep& operator=(const AnnotMixStep&) = delete;

  // One training step; returns its loss (reading it waits for the step to finish).
  double step();
  // L: labelled (instance, annotator) pairs in the batch.
  std::int64_t labelled_pair_count() const;
  // Trainable numbers in the network: the plain-PyTorch script reports its own, so that the two
  // can be seen to be the same model.
  std::int64_t parameter_count() const;
  const AnnotMixStepShape& shape() const { return shape_; }

 private:
  struct State;
  AnnotMixStepShape shape_;
  std::unique_ptr<State> state_;
};

}  // namespace annotbench
