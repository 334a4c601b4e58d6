// The host-side labelled pairs (what training steps use, so that CUDA never waits) must be the
// pairs labelled_pairs finds on the tensor, in the same row-major order: mixup permutations and
// hence results depend on that order.

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "methods/nn/multi_annotator.h"
#include "methods/nn/training.h"

namespace annotbench {
namespace {

AnnotationMatrix example_annotations() {
  // 5 instances x 3 annotators; row 3 has no label at all.
  AnnotationMatrix annotations(5, 3, kMissingLabel);
  const int values[5][3] = {{0, -1, 2}, {-1, 1, -1}, {2, 2, 0}, {-1, -1, -1}, {1, -1, -1}};
  for (std::size_t n = 0; n < 5; ++n)
    for (std::size_t m = 0; m < 3; ++m) annotations.at(n, m) = values[n][m];
  return annotations;
}

TEST(LabelledPairs, HostPairsOfABatchEqualTheTensorPairsInOrder) {
  const AnnotationMatrix annotations = example_annotations();
  const std::vector<int64_t> rows = {4, 2, 3, 0};
  const LabelledPairs on_tensor =
      labelled_pairs(to_tensor(annotations).index_select(0, torch::tensor(rows, torch::kInt64)));
  const LabelledPairs on_host = to_device(host_labelled_pairs(rows, annotations), torch::kCPU);
  // By hand: row 4 -> (0, a0, 1); row 2 -> (1, a0, 2), (1, a1, 2), (1, a2, 0); row 0 -> (3, a0, 0), (3, a2, 2).
  EXPECT_TRUE(torch::equal(on_host.instance, torch::tensor({0, 1, 1, 1, 3, 3}, torch::kInt64)));
  EXPECT_TRUE(torch::equal(on_host.annotator, torch::tensor({0, 0, 1, 2, 0, 2}, torch::kInt64)));
  EXPECT_TRUE(torch::equal(on_host.label, torch::tensor({1, 2, 2, 0, 0, 2}, torch::kInt64)));
  EXPECT_TRUE(torch::equal(on_host.instance, on_tensor.instance));
  EXPECT_TRUE(torch::equal(on_host.annotator, on_tensor.annotator));
  EXPECT_TRUE(torch::equal(on_host.label, on_tensor.label));
}

TEST(LabelledPairs, AnyLabelIsFalseOnlyForBatchesWithoutAnyLabel) {
  const AnnotationMatrix annotations = example_annotations();
  EXPECT_FALSE(any_label({3}, annotations));
  EXPECT_FALSE(any_label({}, annotations));
  EXPECT_TRUE(any_label({3, 1}, annotations));
  EXPECT_TRUE(host_labelled_pairs({3}, annotations).label.empty());
}

}  // namespace
}  // namespace annotbench
