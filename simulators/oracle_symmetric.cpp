// The oracles whose error rate is one ε for every item (spec §5, O0, O1, O3, O5): clean, symmetric
// (the wrong class uniform over the C − 1 others), pair-flip (always σ(t) = t + 1 mod C) and sticky
// (symmetric, but a re-label of a wrongly labelled item repeats its last wrong label with chance κ).

#include <memory>

#include "datasets/random.h"
#include "simulators/noisy_oracle.h"

namespace annotbench {

namespace {

enum class WrongClass { uniform, pair_flip };

class FixedRateOracle final : public NoisyOracle {
 public:
  FixedRateOracle(const OracleSpec& spec, const OraclePool& pool, WrongClass wrong, bool sticky)
      : spec_(spec), pool_(pool), wrong_(wrong), sticky_(sticky) {}

  OracleAnswer answer(std::size_t item, std::uint64_t query_index,
                      const std::vector<OracleAnswer>& earlier) const override {
    const int truth = pool_.true_labels.at(item);
    Rng rng(derive_seed(spec_.seed, "oracle query " + std::to_string(query_index)));
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    if (sticky_ && !earlier.empty() && earlier.back().label != truth && unit(rng) < spec_.stickiness)
      return {earlier.back().label, 0};
    if (pool_.num_classes < 2 || !(unit(rng) < spec_.rate)) return {truth, 0};
    if (wrong_ == WrongClass::pair_flip) return {(truth + 1) % pool_.num_classes, 0};
    std::uniform_int_distribution<int> other(0, pool_.num_classes - 2);
    const int drawn = other(rng);
    return {drawn >= truth ? drawn + 1 : drawn, 0};
  }

  double error_rate(std::size_t) const override { return spec_.rate; }

 private:
  OracleSpec spec_;
  const OraclePool& pool_;
  WrongClass wrong_;
  bool sticky_;
};

}  // namespace

std::unique_ptr<NoisyOracle> make_clean_oracle(const OracleSpec& spec, const OraclePool& pool) {
  OracleSpec clean = spec;
  clean.rate = 0.0;
  return std::make_unique<FixedRateOracle>(clean, pool, WrongClass::uniform, false);
}

std::unique_ptr<NoisyOracle> make_symmetric_oracle(const OracleSpec& spec, const OraclePool& pool) {
  return std::make_unique<FixedRateOracle>(spec, pool, WrongClass::uniform, false);
}

std::unique_ptr<NoisyOracle> make_pair_flip_oracle(const OracleSpec& spec, const OraclePool& pool) {
  return std::make_unique<FixedRateOracle>(spec, pool, WrongClass::pair_flip, false);
}

std::unique_ptr<NoisyOracle> make_sticky_oracle(const OracleSpec& spec, const OraclePool& pool) {
  return std::make_unique<FixedRateOracle>(spec, pool, WrongClass::uniform, true);
}

double lag_one_agreement(double rate, int num_classes) {
  return (1.0 - rate) * (1.0 - rate) + rate * rate / static_cast<double>(num_classes - 1);
}

}  // namespace annotbench
