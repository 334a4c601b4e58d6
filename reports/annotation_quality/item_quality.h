#pragma once
// The per-item report: the consensus label and how sure the consensus is of it, how much the
// labels disagree, and which items are most worth sending out again.

#include <cstddef>
#include <string>
#include <vector>

#include "datasets/crowd_label_table.h"
#include "reports/annotation_quality/consensus_model.h"

namespace annotbench {

struct ItemQuality {
  std::size_t item = 0;             // index into the table's item_ids
  std::string id;
  std::size_t labels = 0;
  int consensus = 0;                // the Dawid-Skene consensus class
  double posterior = 0.0;           // its posterior under Dawid-Skene
  int majority = 0;                 // the majority vote's class
  double label_entropy = 0.0;       // Shannon entropy of the item's label shares, in bits
  int gold = kMissingLabel;
  // 1 - posterior: the probability, under the model, that the consensus is wrong, which is what a
  // new label can fix. Items without labels come first (nothing is known of them).
  double relabel_priority = 0.0;
};

// `models` must hold "mv" and "ds". Sorted most worth re-labelling first: highest priority, then
// the fewest labels, then the item order of the file.
std::vector<ItemQuality> item_quality(const CrowdLabelTable& table, const std::vector<ConsensusModel>& models);

}  // namespace annotbench
