// Instance-dependent oracle (spec §5, O2): people err on the items that are hard, which are the ones
// active learning asks about. ε_i grows with the difficulty d_i = 1 − p_ref(t_i|x_i) of a reference
// model's clean out-of-fold probabilities; a wrong answer is drawn ∝ p_ref(c|x_i) over c ≠ t_i, so the
// confusions are the plausible ones.

#include <algorithm>
#include <memory>
#include <numeric>

#include "datasets/input_error.h"
#include "datasets/random.h"
#include "simulators/noisy_oracle.h"

namespace annotbench {

std::vector<double> instance_error_rates(const std::vector<double>& difficulty, double rate, double cap) {
  const std::size_t n = difficulty.size();
  std::vector<double> rates(n, rate);
  if (n == 0) return rates;
  const double total = std::accumulate(difficulty.begin(), difficulty.end(), 0.0);
  if (!(total > 0.0)) return rates;
  const double mean = total / static_cast<double>(n);
  for (std::size_t i = 0; i < n; ++i) rates[i] = rate * difficulty[i] / mean;
  // Water-filling: clip at the cap and scale the unclipped rest up until the mean is ε again (at most n
  // passes: each pass clips at least one more item or ends).
  const double target = rate * static_cast<double>(n);
  for (std::size_t pass = 0; pass <= n; ++pass) {
    double clipped_sum = 0.0, free_sum = 0.0;
    for (double& value : rates) {
      if (value >= cap) {
        value = cap;
        clipped_sum += cap;
      } else {
        free_sum += value;
      }
    }
    if (!(free_sum > 0.0)) break;
    const double scale = (target - clipped_sum) / free_sum;
    bool newly_clipped = false;
    for (double& value : rates)
      if (value < cap) {
        value *= scale;
        newly_clipped = newly_clipped || value >= cap;
      }
    if (!newly_clipped) break;
  }
  return rates;
}

namespace {

class InstanceDependentOracle final : public NoisyOracle {
 public:
  InstanceDependentOracle(const OracleSpec& spec, const OraclePool& pool) : spec_(spec), pool_(pool) {
    const std::size_t n = pool.true_labels.size();
    if (pool.reference_proba.rows != n || static_cast<int>(pool.reference_proba.cols) != pool.num_classes)
      throw ConfigError("instance-dependent oracle: need reference probabilities for every pool item (" +
                        std::to_string(n) + " x " + std::to_string(pool.num_classes) + ")");
    std::vector<double> difficulty(n);
    for (std::size_t i = 0; i < n; ++i)
      difficulty[i] = 1.0 - static_cast<double>(pool.reference_proba.at(i, static_cast<std::size_t>(pool.true_labels[i])));
    rates_ = instance_error_rates(difficulty, spec.rate);
  }

  OracleAnswer answer(std::size_t item, std::uint64_t query_index, const std::vector<OracleAnswer>&) const override {
    const int truth = pool_.true_labels.at(item);
    Rng rng(derive_seed(spec_.seed, "oracle query " + std::to_string(query_index)));
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    if (pool_.num_classes < 2 || !(unit(rng) < rates_.at(item))) return {truth, 0};
    std::vector<double> weights(static_cast<std::size_t>(pool_.num_classes), 0.0);
    double total = 0.0;
    for (int c = 0; c < pool_.num_classes; ++c)
      if (c != truth) total += weights[static_cast<std::size_t>(c)] = pool_.reference_proba.at(item, static_cast<std::size_t>(c));
    if (!(total > 0.0))
      for (int c = 0; c < pool_.num_classes; ++c) weights[static_cast<std::size_t>(c)] = c == truth ? 0.0 : 1.0;
    std::discrete_distribution<int> wrong(weights.begin(), weights.end());
    return {wrong(rng), 0};
  }

  double error_rate(std::size_t item) const override { return rates_.at(item); }

 private:
  OracleSpec spec_;
  const OraclePool& pool_;
  std::vector<double> rates_;
};

}  // namespace

std::unique_ptr<NoisyOracle> make_instance_dependent_oracle(const OracleSpec& spec, const OraclePool& pool) {
  return std::make_unique<InstanceDependentOracle>(spec, pool);
}

}  // namespace annotbench
