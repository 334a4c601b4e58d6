// A crowd oracle (spec §5, O4): M annotators, each symmetric with its own rate, and each query goes to
// a member drawn uniformly among those who have not labelled the item yet ("a different annotator each
// time"); only when all M have labelled it may a member answer twice. The rates are drawn from
// U[0.05, 0.5] scaled by ε / 0.275, so their expected mean is ε (the spec's U[0.05, 0.5] at ε = 0.275).

#include <algorithm>
#include <memory>

#include "datasets/input_error.h"
#include "datasets/random.h"
#include "simulators/noisy_oracle.h"

namespace annotbench {

namespace {

class CrowdOracle final : public NoisyOracle {
 public:
  CrowdOracle(const OracleSpec& spec, const OraclePool& pool) : spec_(spec), pool_(pool) {
    if (spec.crowd_size < 1) throw ConfigError("crowd oracle: need at least one annotator");
    Rng rng(derive_seed(spec.seed, "crowd rates"));
    std::uniform_real_distribution<double> base(0.05, 0.5);
    for (int m = 0; m < spec.crowd_size; ++m) rates_.push_back(std::min(0.95, base(rng) * spec.rate / 0.275));
  }

  OracleAnswer answer(std::size_t item, std::uint64_t query_index,
                      const std::vector<OracleAnswer>& earlier) const override {
    Rng rng(derive_seed(spec_.seed, "oracle query " + std::to_string(query_index)));
    std::vector<int> fresh;
    for (int m = 0; m < spec_.crowd_size; ++m)
      if (std::none_of(earlier.begin(), earlier.end(), [m](const OracleAnswer& a) { return a.annotator == m; }))
        fresh.push_back(m);
    if (fresh.empty())
      for (int m = 0; m < spec_.crowd_size; ++m) fresh.push_back(m);
    const int annotator = fresh[std::uniform_int_distribution<std::size_t>(0, fresh.size() - 1)(rng)];
    const int truth = pool_.true_labels.at(item);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    if (pool_.num_classes < 2 || !(unit(rng) < rates_[static_cast<std::size_t>(annotator)])) return {truth, annotator};
    const int drawn = std::uniform_int_distribution<int>(0, pool_.num_classes - 2)(rng);
    return {drawn >= truth ? drawn + 1 : drawn, annotator};
  }

  double error_rate(std::size_t) const override {
    double total = 0.0;
    for (const double rate : rates_) total += rate;
    return total / static_cast<double>(rates_.size());
  }

 private:
  OracleSpec spec_;
  const OraclePool& pool_;
  std::vector<double> rates_;
};

}  // namespace

std::unique_ptr<NoisyOracle> make_crowd_oracle(const OracleSpec& spec, const OraclePool& pool) {
  return std::make_unique<CrowdOracle>(spec, pool);
}

}  // namespace annotbench
