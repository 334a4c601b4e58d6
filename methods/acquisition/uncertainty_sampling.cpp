// Plain active learning (spec §2): passive (uniform random) and uncertainty sampling by entropy,
// margin or least confidence. No re-labels: the whole round budget goes to new labels.

#include <memory>

#include "methods/acquisition/acquisition.h"
#include "methods/acquisition/scores.h"

namespace annotbench {

namespace {

enum class Uncertainty { none, entropy, margin, least_confidence };

class UncertaintySampling final : public AcquisitionStrategy {
 public:
  UncertaintySampling(Uncertainty measure, bool clean_oracle) : measure_(measure), clean_oracle_(clean_oracle) {}

  bool uses_clean_oracle() const override { return clean_oracle_; }

  AcquisitionPicks select(const AcquisitionRound& round) const override {
    AcquisitionPicks picks;
    const std::size_t count = round.round_budget;
    switch (measure_) {
      case Uncertainty::none:
        picks.fresh = pick(round.unlabelled, random_positions(round.unlabelled.size(), count, round.seed));
        break;
      case Uncertainty::entropy:
        picks.fresh = pick(round.unlabelled, top_positions(entropy_scores(round.unlabelled_proba), count));
        break;
      case Uncertainty::margin:
        picks.fresh = pick(round.unlabelled, top_positions(margin_scores(round.unlabelled_proba), count));
        break;
      case Uncertainty::least_confidence:
        picks.fresh = pick(round.unlabelled, top_positions(least_confidence_scores(round.unlabelled_proba), count));
        break;
    }
    return picks;
  }

 private:
  Uncertainty measure_;
  bool clean_oracle_;
};

}  // namespace

std::unique_ptr<AcquisitionStrategy> make_passive() {
  return std::make_unique<UncertaintySampling>(Uncertainty::none, false);
}
std::unique_ptr<AcquisitionStrategy> make_passive_clean() {
  return std::make_unique<UncertaintySampling>(Uncertainty::none, true);
}
std::unique_ptr<AcquisitionStrategy> make_entropy_sampling() {
  return std::make_unique<UncertaintySampling>(Uncertainty::entropy, false);
}
std::unique_ptr<AcquisitionStrategy> make_entropy_sampling_clean() {
  return std::make_unique<UncertaintySampling>(Uncertainty::entropy, true);
}
std::unique_ptr<AcquisitionStrategy> make_margin_sampling() {
  return std::make_unique<UncertaintySampling>(Uncertainty::margin, false);
}
std::unique_ptr<AcquisitionStrategy> make_least_confidence_sampling() {
  return std::make_unique<UncertaintySampling>(Uncertainty::least_confidence, false);
}

}  // namespace annotbench
