#pragma once
// The labelled set of an active-learning run (DARL spec §1, §3.3, §3.4): every label each item has
// received, its current training label ŷ, and the bookkeeping that decides whether it may be
// re-labelled again.

#include <cstddef>
#include <functional>
#include <vector>

namespace annotbench {

enum class RelabelPolicy { replace, vote };

// Picks one class among tied majority classes (given in increasing order).
using TieBreak = std::function<int(const std::vector<int>& tied)>;

class LabelledSet {
 public:
  LabelledSet(std::size_t pool_size, int num_classes);

  bool contains(std::size_t item) const { return !labels_[item].empty(); }
  // A first label: the item joins the set with it as its training label.
  void add(std::size_t item, int label);
  // A further label. replace: it becomes ŷ. vote: ŷ is the majority of all labels, a tie going to
  // tie_break (which must be callable). Either way an answer equal to the ŷ it had confirms the item.
  void relabel(std::size_t item, int label, RelabelPolicy policy, const TieBreak& tie_break);

  int current_label(std::size_t item) const { return current_[item]; }
  const std::vector<int>& labels_of(std::size_t item) const { return labels_[item]; }
  int relabel_count(std::size_t item) const { return static_cast<int>(labels_[item].size()) - 1; }
  bool confirmed(std::size_t item) const { return confirmed_[item] != 0; }
  // Not confirmed and re-labelled fewer than max_relabels times (the cap against re-labelling one
  // item forever: Lin, Mausam & Weld 2016).
  bool eligible(std::size_t item, int max_relabels) const {
    return contains(item) && !confirmed(item) && relabel_count(item) < max_relabels;
  }

  // Items in the order they joined.
  const std::vector<std::size_t>& items() const { return items_; }
  std::size_t size() const { return items_.size(); }
  // #{i ∈ L : ŷ_i ≠ t_i}.
  std::size_t wrong_count(const std::vector<int>& true_labels) const;

 private:
  int num_classes_;
  std::vector<std::vector<int>> labels_;
  std::vector<int> current_;
  std::vector<char> confirmed_;
  std::vector<std::size_t> items_;
};

}  // namespace annotbench
