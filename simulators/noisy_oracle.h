#pragma once
// A simulated human oracle for active learning: it answers one query at a time, and every query draws
// fresh randomness, so that asking again about an item is a new, independent chance to be right (an
// oracle that repeated its mistakes would make re-labelling useless; the sticky kind models that case
// on purpose). DARL spec §5 (shared/reference/darl.md).

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

struct OracleAnswer {
  int label = kMissingLabel;
  int annotator = 0;  // 0 for the single-annotator kinds; the crowd member otherwise
};

struct OracleSpec {
  std::string kind = "symmetric";  // see registered_oracles()
  double rate = 0.0;               // ε: the mean error rate
  double stickiness = 0.5;         // sticky: κ, the chance a re-label repeats the item's wrong label
  int crowd_size = 10;             // crowd: M annotators
  std::uint64_t seed = 0;
};

// What an oracle may know of the pool: the hidden truth, and for instance-dependent noise the clean
// out-of-fold class probabilities of a reference model (pool rows × C) that say how hard each item is.
struct OraclePool {
  std::vector<int> true_labels;
  int num_classes = 0;
  FeatureMatrix reference_proba;  // empty unless the kind needs it
};

class NoisyOracle {
 public:
  virtual ~NoisyOracle() = default;
  // The answer to query number `query_index` (its position in the ledger: the randomness of a query
  // derives from it, so a resumed run asks the same questions and gets the same answers) about
  // `item`, whose earlier answers are `earlier` (oldest first).
  virtual OracleAnswer answer(std::size_t item, std::uint64_t query_index,
                              const std::vector<OracleAnswer>& earlier) const = 0;
  // The error rate of the query about `item` (the crowd kind: the mean over its annotators).
  virtual double error_rate(std::size_t item) const = 0;
};

struct OracleInfo {
  std::string name;
  std::string description;
  bool needs_reference_proba = false;
  // The oracle keeps a reference to the pool: the pool must outlive it.
  std::function<std::unique_ptr<NoisyOracle>(const OracleSpec&, const OraclePool&)> make;
};

const std::vector<OracleInfo>& registered_oracles();
// Throws ConfigError for an unknown kind (listing the known ones) and a rate outside [0, 1).
const OracleInfo& find_oracle(const std::string& kind);
std::unique_ptr<NoisyOracle> make_oracle(const OracleSpec& spec, const OraclePool& pool);

// Per-item error rates ε_i = ε · d_i / mean d with d_i = 1 − p_ref(t_i|x_i), clipped at `cap` and
// re-normalised (the excess of the clipped items is shared out among the others) so that the mean is ε
// exactly. All zero difficulties give the uniform rate ε.
std::vector<double> instance_error_rates(const std::vector<double>& difficulty, double rate, double cap = 0.95);

// The symmetric oracle's chance that two independent queries of one item agree:
// (1 − ε)² + ε²/(C − 1) (spec §8, test 5).
double lag_one_agreement(double rate, int num_classes);

}  // namespace annotbench
