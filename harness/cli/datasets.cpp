#include <cstdio>
#include <iostream>

#include "datasets/crowd_label_table.h"
#include "datasets/input_error.h"
#include "datasets/recipes.h"
#include "datasets/registry.h"
#include "harness/cli/command.h"

namespace annotbench {

namespace {

std::string widths_text(const std::vector<std::int64_t>& widths) {
  std::string text;
  for (const std::int64_t width : widths) text += (text.empty() ? "" : ",") + std::to_string(width);
  return "[" + text + "]";
}

// Every learning method trains with its data set's recipe (datasets/recipes.h); the rest get the default.
int list_recipes() {
  std::printf("%-14s %-11s %7s %9s %9s %6s %5s %10s %6s  %s\n", "data set", "hidden", "dropout", "GT decay",
              "AP decay", "epochs", "batch", "eval batch", "lr", "source");
  std::vector<std::pair<std::string, TrainingRecipe>> rows;
  for (const std::string& name : datasets_with_own_recipe()) rows.emplace_back(name, training_recipe(name));
  rows.emplace_back("(every other)", default_training_recipe());
  for (const auto& [name, recipe] : rows)
    std::printf("%-14s %-11s %7g %9g %9g %6d %5d %10d %6g  %s\n", name.c_str(), widths_text(recipe.hidden_widths).c_str(),
                recipe.dropout, recipe.gt_weight_decay, recipe.ap_weight_decay, recipe.epochs, recipe.batch_size,
                recipe.eval_batch_size, recipe.learning_rate, recipe.source.c_str());
  return 0;
}

int list_datasets(const Args& args) {
  if (args.has("recipes")) return list_recipes();
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
  std::vector<OptionSpec> options = data_dir_options();
  options.push_back({"recipes", "", "print each data set's training recipe (network, decays, epochs, batches, lr) instead"});
  return {"datasets", "annotbench datasets [--data-dir DIR] [--recipes]",
          "List the registered data sets with their size and whether their files are found.", options, list_datasets};
}

}  // namespace annotbench
