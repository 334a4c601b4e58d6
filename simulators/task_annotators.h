#pragma once
// Per-task pseudo-annotators for few-shot episodes (spec meta-em.md §7.2): each task draws R annotator
// types from a mix p(B), then each annotator's K x K confusion matrix from its type's family, then every
// support row's label from the row of its true class. No torch.
//
// Families (all rows are distributions over the K task classes; the paper's definitions were not
// readable, these are the spec's):
//   expert    accuracy a ~ U(0.9, 1.0), off-diagonal mass spread evenly
//   hammer    a ~ U(0.5, 0.8) per annotator, each row's off-diagonal mass split by a Dirichlet(1) draw
//   spammer   every row the same v ~ Dirichlet(1_K) (labels independent of the truth; uniform v with
//             uniform_spammer)
//   flipper   row k: a on k, 1 − a on σ(k) for a fixed random derangement σ, a ~ U(0.5, 0.8)
//   class-wise spammer  expert rows on a random half of the classes, uniform rows on the rest

#include <cstddef>
#include <string>
#include <vector>

#include "datasets/fewshot_tasks.h"
#include "datasets/random.h"

namespace annotbench {

enum class AnnotatorFamily : int { expert = 0, hammer, spammer, flipper, classwise_spammer };
inline constexpr std::size_t kAnnotatorFamilies = 5;

// p(B) over the families, in AnnotatorFamily order; shares sum to 1.
struct AnnotatorMix {
  std::string label;               // e.g. "E.1/H.7/S.2"
  std::vector<double> shares;      // size kAnnotatorFamilies
  bool uniform_spammer = false;
  double spammer_share() const { return shares[static_cast<std::size_t>(AnnotatorFamily::spammer)]; }
};

// (expert, hammer, spammer) shares; throws ConfigError unless they are ≥ 0 and sum to 1 (1e-9).
AnnotatorMix annotator_mix(double expert, double hammer, double spammer, double flipper = 0.0,
                           double classwise_spammer = 0.0);

const char* family_name(AnnotatorFamily family);

// One annotator's family, drawn from the mix.
AnnotatorFamily draw_family(const AnnotatorMix& mix, Rng& rng);

// Row-major K x K: [true k][label l].
std::vector<double> draw_confusion(AnnotatorFamily family, std::size_t classes, bool uniform_spammer, Rng& rng);

// Labels the support rows of every task of `batch` by `annotators` fresh annotators per task drawn from
// `mix`; each label is then dropped with probability `missing_probability`, keeping at least one label
// per row. Replaces any labels the batch had.
void annotate_support(FewShotTaskBatch& batch, std::size_t annotators, const AnnotatorMix& mix,
                      double missing_probability, Rng& rng);

// R copies of a perfect annotator: every label is the truth (meta-training without pseudo-annotation).
void annotate_support_clean(FewShotTaskBatch& batch, std::size_t annotators);

}  // namespace annotbench
