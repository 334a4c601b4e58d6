#pragma once
// How the registry knows a data set: its description and how to load it from a found path.

#include <functional>
#include <string>
#include <vector>

#include "datasets/dataset.h"
#include "datasets/registry.h"

namespace annotbench {

struct RegisteredDataset {
  DatasetInfo info;  // info.file: a file or a directory searched for in the data directories
  std::function<Dataset(const std::string& found_path)> load;
};

// The feature tables of ../shared/data (table datasets, registry.cpp) and the paper's real
// multi-annotator sets (paper_datasets.cpp), in the order `annotbench datasets` lists them.
std::vector<RegisteredDataset> table_datasets();
std::vector<RegisteredDataset> paper_datasets();

}  // namespace annotbench
