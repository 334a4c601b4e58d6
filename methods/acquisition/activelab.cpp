// ActiveLab (Goh & Mueller 2023; cleanlab's multiannotator.get_active_learning_scores, single-annotator
// branch, DARL spec §6.3): one ranking over labelled and unlabelled items together. With unit weights,
//   labelled:   (p̂(ŷ|x)·(n + 1) + 1/C) / (n + 2)     (p̂ out of fold here, our choice)
//   unlabelled: (max_c p̂(c|x) + 1/C) / 2
// and the b lowest scores are queried: a labelled pick is a re-label, an unlabelled one a new label.
// Only eligible labelled items compete (the same cap on re-labels as DARL).

#include <algorithm>
#include <memory>

#include "methods/acquisition/acquisition.h"
#include "methods/acquisition/scores.h"

namespace annotbench {

namespace {

class ActiveLab final : public AcquisitionStrategy {
 public:
  bool needs_out_of_fold(const AcquisitionRound& round) const override { return !round.eligible.empty(); }
  bool bounded_by_relabel_allowance() const override { return false; }

  AcquisitionPicks select(const AcquisitionRound& round) const override {
    const double classes = static_cast<double>(round.unlabelled_proba.cols);
    std::vector<double> negated;  // top_positions picks the highest: negate to pick the lowest scores
    negated.reserve(round.eligible.size() + round.unlabelled.size());
    for (std::size_t k = 0; k < round.eligible.size(); ++k) {
      const double n = static_cast<double>(round.eligible_label_count[k]);
      const double quality = round.eligible_proba.at(k, static_cast<std::size_t>(round.eligible_label[k]));
      negated.push_back(-(quality * (n + 1.0) + 1.0 / classes) / (n + 2.0));
    }
    for (std::size_t k = 0; k < round.unlabelled.size(); ++k) {
      const float* p = round.unlabelled_proba.row(k);
      negated.push_back(-(static_cast<double>(*std::max_element(p, p + round.unlabelled_proba.cols)) + 1.0 / classes) / 2.0);
    }
    AcquisitionPicks picks;
    for (const std::size_t position : top_positions(negated, round.round_budget)) {
      if (position < round.eligible.size()) picks.relabel.push_back(round.eligible[position]);
      else picks.fresh.push_back(round.unlabelled[position - round.eligible.size()]);
    }
    return picks;
  }
};

}  // namespace

std::unique_ptr<AcquisitionStrategy> make_activelab() { return std::make_unique<ActiveLab>(); }

}  // namespace annotbench
