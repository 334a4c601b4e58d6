#include "datasets/registered_dataset.h"

namespace annotbench {

std::vector<RegisteredDataset> paper_datasets() { return {}; }

}  // namespace annotbench
