#include <cstdio>
#include <iostream>

#include "datasets/crowd_label_table.h"
#include "datasets/input_error.h"
#include "datasets/registry.h"
#include "harness/command.h"

namespace annotbench {

namespace {

int list_datasets(const Args& args) {
  const std::string data_dir = args.get("data-dir");
  const std::vector<std::string> dirs = data_search_dirs(data_dir);
  std::printf("%-18s %7s %5s %7s %10s  %-7s %s\n", "name", "N", "D", "classes", "annotators", "found", "source");
  int unreadable = 0;
  for (const DatasetInfo& info : registered_datasets()) {
    const auto path = find_data_file(info.file, dirs);
    if (!path) {
      std::printf("%-18s %7s %5s %7s %10s  %-7s %s (%s)\n", info.name.c_str(), "-", "-", "-", "-", "no",
                  info.file.c_str(), info.origin.c_str());
      continue;
    }
    try {
      const Dataset dataset = load_dataset(info.name, data_dir);
      std::printf("%-18s %7zu %5zu %7d %10zu  %-7s %s\n", info.name.c_str(), dataset.num_instances(),
                  dataset.num_features(), dataset.num_classes(), dataset.num_annotators(), "yes", path->c_str());
    } catch (const std::exception& error) {
      ++unreadable;
      std::printf("%-18s %7s %5s %7s %10s  %-7s %s\n", info.name.c_str(), "?", "?", "?", "?", "broken", error.what());
    }
  }
  std::printf("\nlabel-only crowd sets (truth inference: annotbench aggregate --dataset NAME):\n");
  std::printf("%-18s %7s %7s %7s %10s %6s  %s\n", "name", "items", "labels", "classes", "annotators", "gold", "file");
  for (const LabelOnlySet& set : label_only_sets()) {
    if (!find_data_file(set.files.annotations, dirs)) {
      std::printf("%-18s %7s %7s %7s %10s %6s  %s (not found)\n", set.name.c_str(), "-", "-", "-", "-", "-",
                  set.files.annotations.c_str());
      continue;
    }
    try {
      const CrowdLabelTable table = load_label_only_set(set.name, data_dir);
      std::printf("%-18s %7zu %7zu %7d %10zu %6zu  %s\n", set.name.c_str(), table.annotations.num_items,
                  table.annotations.num_labels(), table.annotations.num_classes, table.annotations.num_annotators,
                  table.gold_items(), table.source.c_str());
    } catch (const std::exception& error) {
      ++unreadable;
      std::printf("%-18s %7s %7s %7s %10s %6s  %s\n", set.name.c_str(), "?", "?", "?", "?", "?", error.what());
    }
  }
  std::printf("\nsearched, in order:");
  for (const std::string& dir : dirs) std::printf(" %s", dir.c_str());
  std::printf("\n");
  return unreadable == 0 ? 0 : 1;
}

}  // namespace

CommandSpec datasets_command() {
  return {"datasets", "annotbench datasets [--data-dir DIR]",
          "List the registered data sets with their size and whether their files are found.", data_dir_options(),
          list_datasets};
}

}  // namespace annotbench
