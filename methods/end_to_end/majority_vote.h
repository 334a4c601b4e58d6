#pragma once
// Per-instance majority vote of an annotation matrix. No torch.

#include <cstdint>
#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

// The most frequent class per instance, ties broken at random with the seed; kMissingLabel for an
// instance nobody labelled.
std::vector<int> majority_vote_labels(const AnnotationMatrix& annotations, int num_classes,
                                      std::uint64_t seed);

}  // namespace annotbench
