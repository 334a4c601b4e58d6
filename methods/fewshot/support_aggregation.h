#pragma once
// The support labels of each task aggregated into one label per row by a registered aggregator
// (methods/aggregation/: "mv", "ds"), task by task on that task's labels only. No torch.

#include <cstdint>
#include <string>
#include <vector>

#include "datasets/fewshot_tasks.h"

namespace annotbench {

// T x support hard labels (ties broken by the aggregator from `seed`, a stream per task); "truth"
// returns the true support labels (the clean upper bound).
std::vector<int> aggregate_support_labels(const FewShotTaskBatch& tasks, const std::string& aggregator,
                                          std::uint64_t seed);

}  // namespace annotbench
