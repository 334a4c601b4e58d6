#pragma once
// What makes annot-mix work (issue 24): per setting, the 2 x 2 ablation of its two parts, mixup and
// the annotator model, with their interaction, and the best mixup concentration alpha against the
// paper's alpha = 1. Rows are told apart by their registered method and hyper-parameters, not their
// labels:
//   neither          mv-mixup,  alpha = 0      (the paper's mv-base)
//   mixup only       mv-mixup,  alpha > 0      (mv-mixup)
//   annotator model  annot-mix, alpha = 0      (the unmixed multi-annotator likelihood)
//   both             annot-mix, alpha = 1      (annot-mix)
//   annotators only  annot-mix, mix_only_annotators = 1 (x left unmixed)

#include <optional>
#include <string>
#include <vector>

#include "reports/active_curves.h"  // MeanAndError
#include "reports/result_rows.h"

namespace annotbench {

struct MechanismAblation {
  std::string setting;
  MeanAndError neither, mixup_only, annotator_model_only, both;
  std::optional<MeanAndError> annotators_only;
  // Per seed that all four ran: (both - annotator model only) - (mixup only - neither), its mean,
  // standard error and two-sided paired t-test against 0 (pairs: those seeds).
  MeanAndError interaction;
  double interaction_p = 1.0;
};

struct AlphaChoice {
  std::string setting;
  std::vector<std::pair<double, MeanAndError>> by_alpha;  // ascending alpha
  double best_alpha = 1.0;                            // highest mean metric (lowest with lower_is_better)
  // best minus alpha = 1 per shared seed: its mean and the two-sided paired t-test; p = 1 when the
  // best is alpha = 1 itself.
  double difference = 0.0;
  double p_value = 1.0;
  std::size_t pairs = 0;
};

// The settings whose rows hold all four cells of the 2 x 2, in setting order.
std::vector<MechanismAblation> mechanism_ablations(const std::vector<ResultRow>& rows, const std::string& metric);

// The settings with annot-mix (mixing x) at alpha = 1 and at least one other alpha, in setting order.
std::vector<AlphaChoice> alpha_choices(const std::vector<ResultRow>& rows, const std::string& metric,
                                       bool lower_is_better = false);

}  // namespace annotbench
