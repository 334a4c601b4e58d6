#pragma once
// How much annotators agree with one another, from the labels alone (no truth needed): Krippendorff's
// alpha with a bootstrap interval, Fleiss' kappa for any number of labels per item, the mean of Cohen's
// kappa over annotator pairs, and the raw share of agreeing label pairs. No torch.
//
// Repeated labels. SparseAnnotations may hold several labels of one annotator for one item. Every
// statistic here keeps only the last of them (in file order) and drops the others. These are
// statistics of agreement *between* annotators: a repeated label would pair with its own annotator's
// earlier one, and test-retest consistency would be counted as inter-annotator agreement. Krippendorff
// (2011) defines pairable values as those of different coders within a unit, Fleiss (1971) counts
// raters per subject, and Cohen's kappa needs one label per annotator per item, so keeping one label
// is what all of them assume. The last one is kept because it is the annotator's latest word on the
// item (a correction, a re-label asked for by an acquisition strategy).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "datasets/sparse_annotations.h"

namespace annotbench {

// Copy of `annotations` with one label per (item, annotator): the last one in file order. The
// remaining labels keep their file order. Throws std::invalid_argument where validate() does.
SparseAnnotations last_label_per_annotator(const SparseAnnotations& annotations);

// Krippendorff's difference functions δ²(c, k) between classes c and k.
//   nominal:  0 when c = k, else 1.
//   ordinal:  (Σ_{g=c..k} n_g − (n_c + n_k)/2)², n_g the pairable values of class g: ranks are what count,
//             and a step across a crowded class is a larger difference than a step across an empty one.
//   interval: (v_c − v_k)², v the numeric value of each class (0..C−1 unless given).
// For ordinal and interval the class index order is the value order.
enum class AlphaMetric { nominal, ordinal, interval };

// Krippendorff's coincidence matrix, C x C row-major: o_ck = Σ_u (pairs of values (c, k) from different
// annotators in unit u) / (m_u − 1), over the units (items) with m_u ≥ 2 labels. Items with fewer labels
// are not pairable and are left out, as Krippendorff (2011) specifies. Σ_ck o_ck = n, the pairable values.
std::vector<double> coincidence_matrix(const SparseAnnotations& annotations);

// α = 1 − D_o / D_e with D_o = Σ_ck o_ck δ²_ck / n and D_e = Σ_ck n_c n_k δ²_ck / (n (n − 1)) (Krippendorff,
// "Computing Krippendorff's Alpha-Reliability", 2011). NaN when D_e = 0 (every pairable value is one
// class: no variation to be reliable about) and when nothing is pairable. `class_values` is used by the
// interval metric only; empty means 0..C−1. Throws std::invalid_argument when it has not C finite entries.
double krippendorff_alpha(const SparseAnnotations& annotations, AlphaMetric metric = AlphaMetric::nominal,
                          const std::vector<double>& class_values = {});

struct BootstrapOptions {
  std::size_t resamples = 1000;
  double confidence_level = 0.95;  // in (0, 1)
  std::uint64_t seed = 0;
};

struct BootstrapInterval {
  double estimate = 0.0;  // on the data as given
  double lower = 0.0;     // NaN when no resample had a defined value
  double upper = 0.0;
  double confidence_level = 0.0;
  std::size_t resamples = 0;            // drawn
  std::size_t undefined_resamples = 0;  // left out because α was NaN there (e.g. every value one class)
};

// Percentile bootstrap over items: each resample draws as many pairable items as there are, with
// replacement, and computes α on them; the bounds are the (1 ∓ level)/2 quantiles of the defined resampled
// values (linear interpolation between order statistics, Hyndman & Fan's type 7). Only pairable items are
// drawn: the others add nothing to α, and drawing them would only make the resample's size random. The
// same seed gives the same interval. Throws std::invalid_argument for a level outside (0, 1) or no resamples.
BootstrapInterval krippendorff_alpha_interval(const SparseAnnotations& annotations, AlphaMetric metric,
                                              const BootstrapOptions& bootstrap,
                                              const std::vector<double>& class_values = {});

// Fleiss' kappa with a varying number of labels per item: over the items with n_i ≥ 2 labels,
// P_i = Σ_k n_ik (n_ik − 1) / (n_i (n_i − 1)), P̄ their mean, p_k = Σ_i n_ik / Σ_i n_i, P_e = Σ_k p_k², and
// κ = (P̄ − P_e) / (1 − P_e). With equal n_i this is Fleiss (1971). NaN when P_e = 1 (one class only) or
// no item has two labels.
double fleiss_kappa(const SparseAnnotations& annotations);

// Cohen's kappa of two annotators' labels on the same items (first[i], second[i] on item i):
// (p_o − p_e) / (1 − p_e), p_e = Σ_k p_k(first) p_k(second). NaN when p_e = 1 (both always gave the same one
// class: chance explains all of it) or there are no items. Throws std::invalid_argument when the lengths
// differ or a label is outside [0, num_classes).
double cohen_kappa(const std::vector<int>& first, const std::vector<int>& second, int num_classes);

struct PairwiseCohenKappa {
  double mean = 0.0;                 // over the pairs used, each pair weighted equally; NaN when none
  std::size_t pairs_used = 0;
  std::size_t pairs_undefined = 0;   // enough common items but p_e = 1: left out of the mean
  std::size_t pairs_too_few_common = 0;  // between 1 and min_common_items − 1 common items
};

// Cohen's kappa for every pair of annotators who labelled at least `min_common_items` items in common,
// on those items. Two is the default: on a single common item kappa is either undefined (the two agree,
// p_e = 1) or exactly 0 (they differ), which says nothing about the pair. Pairs without a common item are
// not counted anywhere (0 is taken as 1).
PairwiseCohenKappa mean_pairwise_cohen_kappa(const SparseAnnotations& annotations, std::size_t min_common_items = 2);

struct PercentAgreement {
  double pooled = 0.0;         // agreeing pairs / all pairs of labels within items; NaN when no pairs
  double mean_per_item = 0.0;  // mean over items with ≥ 2 labels of their own share (Fleiss' P̄)
  std::size_t agreeing_pairs = 0;
  std::size_t label_pairs = 0;
};

// Raw agreement, not corrected for chance: of the pairs of labels that two annotators gave one item
// (items with ≥ 2 labels), the share that name the same class. `pooled` weighs items by their pairs, so
// an item with 5 labels (10 pairs) counts ten times one with 2; `mean_per_item` weighs items equally.
PercentAgreement percent_agreement(const SparseAnnotations& annotations);

struct AgreementOptions {
  bool ordinal = false;             // also α with the ordinal metric
  bool interval = false;            // also α with the interval metric
  std::vector<double> class_values;  // the interval metric's values; empty: 0..C−1
  std::size_t bootstrap_resamples = 1000;  // 0: no interval for α (nominal)
  double confidence_level = 0.95;
  std::uint64_t seed = 0;
  std::size_t min_common_items = 2;  // for the pairwise Cohen's kappa
};

// Every agreement statistic of one label set, as plain values for the CLI and the Python table. A value
// that was not asked for, or is undefined on these labels, is NaN.
struct AgreementSummary {
  std::size_t items = 0;
  std::size_t labels = 0;                   // after dropping repeats
  std::size_t repeated_labels_dropped = 0;  // earlier labels of an annotator on an item already labelled
  std::size_t pairable_items = 0;           // items with ≥ 2 labels
  std::size_t pairable_labels = 0;          // their labels: Krippendorff's n
  double alpha_nominal = 0.0;
  double alpha_nominal_lower = 0.0;
  double alpha_nominal_upper = 0.0;
  double confidence_level = 0.0;
  double alpha_ordinal = 0.0;
  double alpha_interval = 0.0;
  double fleiss_kappa = 0.0;
  double mean_cohen_kappa = 0.0;
  std::size_t cohen_pairs_used = 0;
  std::size_t cohen_pairs_undefined = 0;
  std::size_t cohen_pairs_too_few_common = 0;
  double percent_agreement = 0.0;           // pooled over label pairs
  double mean_item_agreement = 0.0;         // mean over pairable items
  // Per class c: the share of its pairable values that another value of the same item matches,
  // o_cc / n_c from the coincidence matrix; NaN for a class never pairable.
  std::vector<double> class_agreement;
};

AgreementSummary agreement_summary(const SparseAnnotations& annotations, const AgreementOptions& options = {});

}  // namespace annotbench
