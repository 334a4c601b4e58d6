#pragma once
// Data sets by name, and where their files are searched.

#include <optional>
#include <string>
#include <vector>

#include "datasets/data_checksum.h"
#include "datasets/dataset.h"

namespace annotbench {

struct DatasetInfo {
  std::string name;         // e.g. "letter"
  std::string file;         // file name inside a data directory
  std::string description;
  std::string origin;       // where the file comes from (Debian package, publication)
};

const std::vector<DatasetInfo>& registered_datasets();

// Directories searched for data files, in order: `data_dir` (--data-dir) if given (ConfigError when
// it is not a directory), $ANNOTBENCH_DATA,
// ../shared/data beside the source checkout, and the set-up script's .data/ in the checkout.
std::vector<std::string> data_search_dirs(const std::string& data_dir = "");

// The first existing `file` in `dirs`, if any; "a|b" tries a, then b, in each directory in turn.
std::optional<std::string> find_data_file(const std::string& file, const std::vector<std::string>& dirs);

// Where load_dataset(name, data_dir) reads from, with the checksum of what is there (probe W4).
// Throws as load_dataset does for an unknown name or a file found nowhere.
DataFile locate_dataset(const std::string& name, const std::string& data_dir = "");

// Loads a registered data set by name (features, true labels, class names; no annotations).
// Throws ConfigError for an unknown name or a file found nowhere (listing where it looked), and
// InputError for a malformed file.
Dataset load_dataset(const std::string& name, const std::string& data_dir = "");

}  // namespace annotbench
