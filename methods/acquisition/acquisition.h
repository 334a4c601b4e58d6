#pragma once
// Active-learning acquisition strategies: which unlabelled items to label next, and which labelled
// items to label again (DARL spec §2, §3.2, §6.3). One class per strategy behind this interface,
// registered by name in registry.cpp. Torch-free: a strategy sees probabilities, not models.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

// What the learning loop tells a strategy in one round.
struct AcquisitionRound {
  int round = 0;                         // 1-based
  std::size_t round_budget = 0;          // b: every pick costs one unit, new label or re-label
  // round(ρ·b) from round r0 on, at most the number of eligible items; 0 before r0. Strategies that
  // re-label (darl-*, relabel-*) use up to this many units on re-labels.
  std::size_t relabel_allowance = 0;
  std::vector<std::size_t> unlabelled;   // pool indices
  FeatureMatrix unlabelled_proba;        // p̂(·|x) of the round's model, one row per unlabelled item
  std::vector<std::size_t> eligible;     // labelled pool items that may be re-labelled (§3.4)
  std::vector<int> eligible_label;       // their current training labels ŷ
  std::vector<int> eligible_label_count; // n_i: labels each has received so far
  FeatureMatrix eligible_proba;          // out-of-fold p̂(·|x), filled when the strategy needs it
  std::vector<char> eligible_is_wrong;   // the hidden truth (ŷ ≠ t), filled only for the oracle control
  std::uint64_t seed = 0;                // this round's stream for random picks
};

struct AcquisitionPicks {
  std::vector<std::size_t> relabel;  // from `eligible`
  std::vector<std::size_t> fresh;    // from `unlabelled`; relabel.size() + fresh.size() == round_budget
};

class AcquisitionStrategy {
 public:
  virtual ~AcquisitionStrategy() = default;
  // Whether the loop must compute out-of-fold probabilities of the eligible items this round.
  virtual bool needs_out_of_fold(const AcquisitionRound& round) const { return false; }
  virtual bool needs_truth() const { return false; }
  // The clean-oracle references: the loop asks the clean oracle instead of the setting's.
  virtual bool uses_clean_oracle() const { return false; }
  // Whether its re-labels stay within AcquisitionRound::relabel_allowance; false for a strategy whose
  // one ranking over labelled and unlabelled items decides the split itself (ActiveLab, spec §6.3).
  virtual bool bounded_by_relabel_allowance() const { return true; }
  virtual AcquisitionPicks select(const AcquisitionRound& round) const = 0;
};

struct StrategyInfo {
  std::string name;
  std::string description;
  std::function<std::unique_ptr<AcquisitionStrategy>()> make;
};

const std::vector<StrategyInfo>& registered_strategies();
// Throws ConfigError for an unknown name, listing the known ones.
std::unique_ptr<AcquisitionStrategy> make_strategy(const std::string& name);

}  // namespace annotbench
