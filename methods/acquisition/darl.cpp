// Deep Active Re-Labeling (Al Forhad & Shi, BigData 2025), as reconstructed in DARL spec §3: each round
// spends up to relabel_allowance units re-labelling the eligible items a noise-sampling strategy flags,
// and the rest on new labels chosen by entropy. The two noise samplers rank by out-of-fold
// probabilities: a model that has memorised a wrong label cannot flag it.
//   loss:        −log p̂_oof(ŷ|x), confident disagreement (errors on items the model finds easy)
//   uncertainty: H(p̂_oof(·|x)), ambiguity (errors where the task is hard: instance-dependent noise)
//   both:        half the allowance from each ranking, loss first, duplicates skipped (the default)
//   joint:       Bernhardt et al.'s s_loss − max(H − 0.30, 0)
// The controls differ only in how re-labels are picked: uniformly among the eligible (does detection
// matter?) or among the wrongly labelled ones by the hidden truth (an upper bound).

#include <algorithm>
#include <memory>

#include "datasets/random.h"
#include "methods/acquisition/acquisition.h"
#include "methods/acquisition/scores.h"

namespace annotbench {

namespace {

enum class NoiseSampler { loss, uncertainty, both, joint, random, oracle };

std::vector<std::size_t> noise_picks(NoiseSampler sampler, const AcquisitionRound& round, std::size_t count) {
  const auto& items = round.eligible;
  switch (sampler) {
    case NoiseSampler::loss:
      return pick(items, top_positions(loss_scores(round.eligible_proba, round.eligible_label), count));
    case NoiseSampler::uncertainty:
      return pick(items, top_positions(entropy_scores(round.eligible_proba), count));
    case NoiseSampler::joint:
      return pick(items, top_positions(joint_scores(round.eligible_proba, round.eligible_label), count));
    case NoiseSampler::both: {
      const std::size_t from_loss = count - count / 2;  // a leftover unit goes to the loss ranking
      std::vector<std::size_t> picked = noise_picks(NoiseSampler::loss, round, from_loss);
      for (const std::size_t k : top_positions(entropy_scores(round.eligible_proba), items.size())) {
        if (picked.size() >= count) break;
        if (std::find(picked.begin(), picked.end(), items[k]) == picked.end()) picked.push_back(items[k]);
      }
      return picked;
    }
    case NoiseSampler::random:
      return pick(items, random_positions(items.size(), count, derive_seed(round.seed, "relabel")));
    case NoiseSampler::oracle: {
      std::vector<std::size_t> wrong;
      for (std::size_t k = 0; k < items.size(); ++k)
        if (round.eligible_is_wrong[k]) wrong.push_back(items[k]);
      const std::vector<std::size_t> positions =
          random_positions(wrong.size(), count, derive_seed(round.seed, "relabel"));
      return pick(wrong, positions);
    }
  }
  return {};
}

class DeepActiveRelabeling final : public AcquisitionStrategy {
 public:
  explicit DeepActiveRelabeling(NoiseSampler sampler) : sampler_(sampler) {}

  bool needs_out_of_fold(const AcquisitionRound& round) const override {
    return round.relabel_allowance > 0 && sampler_ != NoiseSampler::random && sampler_ != NoiseSampler::oracle;
  }
  bool needs_truth() const override { return sampler_ == NoiseSampler::oracle; }

  AcquisitionPicks select(const AcquisitionRound& round) const override {
    AcquisitionPicks picks;
    const std::size_t allowance = std::min({round.relabel_allowance, round.eligible.size(), round.round_budget});
    if (allowance > 0) picks.relabel = noise_picks(sampler_, round, allowance);
    // Re-label budget the sampler could not use goes to new labels: the round still spends b.
    const std::size_t fresh = round.round_budget - picks.relabel.size();
    picks.fresh = pick(round.unlabelled, top_positions(entropy_scores(round.unlabelled_proba), fresh));
    return picks;
  }

 private:
  NoiseSampler sampler_;
};

}  // namespace

std::unique_ptr<AcquisitionStrategy> make_darl_loss() { return std::make_unique<DeepActiveRelabeling>(NoiseSampler::loss); }
std::unique_ptr<AcquisitionStrategy> make_darl_uncertainty() {
  return std::make_unique<DeepActiveRelabeling>(NoiseSampler::uncertainty);
}
std::unique_ptr<AcquisitionStrategy> make_darl_both() { return std::make_unique<DeepActiveRelabeling>(NoiseSampler::both); }
std::unique_ptr<AcquisitionStrategy> make_darl_joint() { return std::make_unique<DeepActiveRelabeling>(NoiseSampler::joint); }
std::unique_ptr<AcquisitionStrategy> make_relabel_random() {
  return std::make_unique<DeepActiveRelabeling>(NoiseSampler::random);
}
std::unique_ptr<AcquisitionStrategy> make_relabel_oracle() {
  return std::make_unique<DeepActiveRelabeling>(NoiseSampler::oracle);
}

}  // namespace annotbench
