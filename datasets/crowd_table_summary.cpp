#include "datasets/crowd_table_summary.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace annotbench {

std::string format_crowd_table_summary(const CrowdLabelTable& table) {
  const SparseAnnotations& labels = table.annotations;
  char line[512];
  std::string text;
  std::snprintf(line, sizeof line, "%s: %zu instances, 0 features, %d classes, %zu annotators\n", table.name.c_str(),
                labels.num_items, labels.num_classes, labels.num_annotators);
  text += line;
  for (const LongFileSummary& file : table.files) {
    text += file.path + ": " + file.describe() + "\n";
    for (const std::string& warning : file.warnings) text += file.path + ": warning: " + warning + "\n";
  }
  std::vector<std::size_t> per_item = labels_per_item(labels);
  const auto [fewest, most] = std::minmax_element(per_item.begin(), per_item.end());
  std::snprintf(line, sizeof line, "\nlabels per instance: mean %.3f, min %zu, max %zu; %zu labels in all\n",
                labels.num_items == 0 ? 0.0 : static_cast<double>(labels.num_labels()) / static_cast<double>(labels.num_items),
                per_item.empty() ? 0 : *fewest, per_item.empty() ? 0 : *most, labels.num_labels());
  text += line;
  if (table.repeated_labels > 0) {
    std::snprintf(line, sizeof line, "repeated (item, annotator) pairs: %zu labels, each kept\n", table.repeated_labels);
    text += line;
  }
  std::vector<std::size_t> given(labels.num_annotators, 0), on_gold(labels.num_annotators, 0),
      correct(labels.num_annotators, 0);
  std::size_t gold_labels = 0, wrong = 0;
  for (std::size_t k = 0; k < labels.num_labels(); ++k) {
    const std::size_t annotator = labels.annotators[k];
    ++given[annotator];
    const int truth = table.truth[labels.items[k]];
    if (truth == kMissingLabel) continue;
    ++on_gold[annotator];
    ++gold_labels;
    if (labels.labels[k] == truth) ++correct[annotator];
    else ++wrong;
  }
  std::snprintf(line, sizeof line, "gold: %zu of %zu items\n", table.gold_items(), labels.num_items);
  text += line;
  if (gold_labels > 0) {
    std::snprintf(line, sizeof line, "noise rate on gold items: %.4f (%zu of %zu labels wrong)\n",
                  static_cast<double>(wrong) / static_cast<double>(gold_labels), wrong, gold_labels);
    text += line;
  }
  // The most active annotators first: real sets have hundreds, most with a handful of labels.
  std::vector<std::size_t> order(labels.num_annotators);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return given[a] > given[b]; });
  const std::size_t shown = std::min<std::size_t>(order.size(), 40);
  text += "\nannotator             labels   on gold   accuracy on gold\n";
  for (std::size_t k = 0; k < shown; ++k) {
    const std::size_t m = order[k];
    if (on_gold[m] > 0)
      std::snprintf(line, sizeof line, "  %-18s %7zu   %7zu   %.4f\n", table.annotator_ids[m].c_str(), given[m], on_gold[m],
                    static_cast<double>(correct[m]) / static_cast<double>(on_gold[m]));
    else
      std::snprintf(line, sizeof line, "  %-18s %7zu   %7zu   -\n", table.annotator_ids[m].c_str(), given[m], on_gold[m]);
    text += line;
  }
  if (shown < order.size()) text += "  ... " + std::to_string(order.size() - shown) + " more annotators\n";
  return text;
}

}  // namespace annotbench
