#pragma once
// Dropping annotators before truth inference: the labels of annotators judged too sparse or too
// uninformative are removed, and the rest go to any aggregator. No torch.
//
// Three rules, applied in this order; an annotator dropped by one is counted under that one only,
// and a later rule judges only the annotators the earlier ones kept:
//   1. too few labels: fewer than min_labels labels (repeats count).
//   2. low spammer score (Raykar & Yu 2011, multiclass): with A[c][k] = P(says k | true c),
//        S = 1 / (C (C - 1)) sum_{c < c'} sum_k (A[c][k] - A[c'][k])^2,
//      1 for a perfect annotator, 0 for one whose answer does not depend on the truth (all rows
//      of A alike, whatever their shape: the "always says 0" annotator included). The scores are
//      the caller's (spammer_scores) or, when not given, computed from the confusion matrices of
//      a Dawid-Skene fit to the labels rule 1 kept (spammer_score.h). A score below
//      min_spammer_score drops.
//   3. low label entropy (the idea of Crowd-Kit's postprocessing.entropy_threshold): the entropy
//      H_m = -sum_k s_mk log s_mk (natural log) of the shares s_mk of annotator m's labels that
//      are k, over the annotators with at least entropy_min_labels labels; an annotator whose
//      H_m is strictly below the entropy_percentile-th percentile of those entropies (linear
//      interpolation between order statistics, numpy's default) drops. It catches the annotator
//      who clicks one button. Crowd-Kit drops H <= the percentile, so the lowest-entropy
//      annotator always goes, even from a crowd of equals; here 0 keeps everyone. Crowd-Kit can
//      also weigh the shares by given skills; here they are plain shares.
//
// Indices are kept: the result has the same items, annotators and classes, and a dropped
// annotator simply has no labels, so annotator ids, gold vectors and per-annotator outputs still
// line up with the input. Items may be left without labels (aggregators give those their prior).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "datasets/sparse_annotations.h"

namespace annotbench {

struct AnnotatorFilterSettings {
  std::size_t min_labels = 0;        // rule 1; 0: off
  double min_spammer_score = -1.0;   // rule 2; < 0: off
  // Rule 2's scores, one per annotator (spammer_score.h); NaN: not judged.
  // Empty: computed here from a Dawid-Skene fit.
  std::vector<double> spammer_scores;
  double entropy_percentile = 0.0;   // rule 3, in [0, 100]; 0: off
  std::size_t entropy_min_labels = 2;  // rule 3 judges only annotators with at least this many labels
};

enum class AnnotatorDropReason { kept, too_few_labels, low_spammer_score, low_entropy };

struct DroppedAnnotators {
  std::size_t annotators = 0;
  std::size_t labels = 0;
};

struct FilteredAnnotations {
  SparseAnnotations annotations;            // the kept labels, in input order; same index spaces
  std::vector<AnnotatorDropReason> reasons;  // one per annotator
  // The scores rule 2 judged by (given or computed), NaN where not judged; empty when rule 2 is off.
  std::vector<double> spammer_scores;
  // H_m of every annotator rule 3 judged, NaN for the others; empty when rule 3 is off.
  std::vector<double> label_entropy;
  DroppedAnnotators too_few_labels;
  DroppedAnnotators low_spammer_score;
  DroppedAnnotators low_entropy;
};

// An annotator without labels is never counted by rules 2 and 3 (it has nothing to drop). Throws
// ConfigError for a NaN min_spammer_score, an entropy_percentile outside [0, 100], or
// spammer_scores neither empty nor one per annotator.
FilteredAnnotations filter_annotators(const SparseAnnotations& annotations, const AnnotatorFilterSettings& settings);

}  // namespace annotbench
