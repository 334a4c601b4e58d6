#include "methods/acquisition/labelled_set.h"

#include <algorithm>
#include <stdexcept>

#include "datasets/dataset.h"

namespace annotbench {

LabelledSet::LabelledSet(std::size_t pool_size, int num_classes)
    : num_classes_(num_classes), labels_(pool_size), current_(pool_size, kMissingLabel), confirmed_(pool_size, 0) {}

void LabelledSet::add(std::size_t item, int label) {
  if (contains(item)) throw std::logic_error("item " + std::to_string(item) + " is already labelled");
  labels_[item].push_back(label);
  current_[item] = label;
  items_.push_back(item);
}

void LabelledSet::relabel(std::size_t item, int label, RelabelPolicy policy, const TieBreak& tie_break) {
  if (!contains(item)) throw std::logic_error("item " + std::to_string(item) + " is not labelled yet");
  const int before = current_[item];
  labels_[item].push_back(label);
  if (label == before) confirmed_[item] = 1;
  if (policy == RelabelPolicy::replace) {
    current_[item] = label;
    return;
  }
  std::vector<int> votes(static_cast<std::size_t>(num_classes_), 0);
  for (const int given : labels_[item]) ++votes[static_cast<std::size_t>(given)];
  int most = 0;
  for (const int count : votes) most = std::max(most, count);
  std::vector<int> tied;
  for (int c = 0; c < num_classes_; ++c)
    if (votes[static_cast<std::size_t>(c)] == most) tied.push_back(c);
  current_[item] = tied.size() == 1 ? tied.front() : tie_break(tied);
}

std::size_t LabelledSet::wrong_count(const std::vector<int>& true_labels) const {
  std::size_t wrong = 0;
  for (const std::size_t item : items_) wrong += current_[item] != true_labels[item];
  return wrong;
}

}  // namespace annotbench
