#include "datasets/input_error.h"
#include "methods/acquisition/acquisition.h"

namespace annotbench {

// One declaration and one table row per strategy; each make_* lives in its strategy's file.
std::unique_ptr<AcquisitionStrategy> make_passive();
std::unique_ptr<AcquisitionStrategy> make_passive_clean();
std::unique_ptr<AcquisitionStrategy> make_entropy_sampling();
std::unique_ptr<AcquisitionStrategy> make_entropy_sampling_clean();
std::unique_ptr<AcquisitionStrategy> make_margin_sampling();
std::unique_ptr<AcquisitionStrategy> make_least_confidence_sampling();
std::unique_ptr<AcquisitionStrategy> make_darl_loss();
std::unique_ptr<AcquisitionStrategy> make_darl_uncertainty();
std::unique_ptr<AcquisitionStrategy> make_darl_both();
std::unique_ptr<AcquisitionStrategy> make_darl_joint();
std::unique_ptr<AcquisitionStrategy> make_relabel_random();
std::unique_ptr<AcquisitionStrategy> make_relabel_oracle();
std::unique_ptr<AcquisitionStrategy> make_activelab();

const std::vector<StrategyInfo>& registered_strategies() {
  static const std::vector<StrategyInfo> strategies = {
      {"passive", "new labels uniformly at random; no re-labels", make_passive},
      {"al-entropy", "new labels by highest predictive entropy; no re-labels", make_entropy_sampling},
      {"al-margin", "new labels by smallest top-two margin; no re-labels", make_margin_sampling},
      {"al-leastconf", "new labels by lowest top probability; no re-labels", make_least_confidence_sampling},
      {"darl-loss", "entropy AL; re-labels by out-of-fold loss −log p(ŷ|x) (confident disagreement)", make_darl_loss},
      {"darl-uncertainty", "entropy AL; re-labels by out-of-fold entropy (ambiguity)", make_darl_uncertainty},
      {"darl-both", "entropy AL; re-labels half by loss, half by uncertainty (DARL's default)", make_darl_both},
      {"darl-joint", "entropy AL; re-labels by Bernhardt et al.'s loss − max(H − 0.3, 0)", make_darl_joint},
      {"relabel-random", "control: entropy AL; re-labels uniformly among the eligible items", make_relabel_random},
      {"relabel-oracle", "upper bound: entropy AL; re-labels wrongly labelled items (hidden truth)", make_relabel_oracle},
      {"activelab", "ActiveLab: one score ranks labelled (re-label) and unlabelled (new) items", make_activelab},
      {"passive-clean", "reference: passive with a noise-free oracle", make_passive_clean},
      {"al-entropy-clean", "reference: entropy AL with a noise-free oracle", make_entropy_sampling_clean},
  };
  return strategies;
}

std::unique_ptr<AcquisitionStrategy> make_strategy(const std::string& name) {
  std::string known;
  for (const StrategyInfo& info : registered_strategies()) {
    if (info.name == name) return info.make();
    known += (known.empty() ? "" : ", ") + info.name;
  }
  throw ConfigError("unknown strategy '" + name + "'; known strategies: " + known);
}

}  // namespace annotbench
