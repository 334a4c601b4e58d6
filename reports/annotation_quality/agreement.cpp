#include "reports/annotation_quality/agreement.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include "datasets/random.h"

namespace annotbench {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The labels every statistic works on: repeats dropped, grouped by item. Item i's labels are
// [item_offsets[i], item_offsets[i + 1]) of `annotators` / `labels`, in file order.
struct LabelsByItem {
  std::size_t num_annotators = 0;
  std::size_t num_classes = 0;
  std::size_t repeated_labels_dropped = 0;
  std::vector<std::size_t> item_offsets;
  std::vector<std::uint32_t> annotators;
  std::vector<std::int32_t> labels;
};

// The pairable items (≥ 2 labels) as class counts: unit u holds the distinct classes
// classes[unit_offsets[u] .. unit_offsets[u + 1]) with how often each was given.
struct PairableUnits {
  std::size_t num_classes = 0;
  std::vector<std::size_t> unit_offsets{0};
  std::vector<std::size_t> classes;
  std::vector<std::size_t> counts;
  std::size_t values = 0;  // Krippendorff's n

  std::size_t size() const { return unit_offsets.size() - 1; }
};

// Indices of the labels kept: the last of each (item, annotator), in file order.
std::vector<std::size_t> kept_label_indices(const SparseAnnotations& annotations) {
  annotations.validate();
  std::unordered_set<std::uint64_t> seen;
  seen.reserve(annotations.num_labels());
  std::vector<std::size_t> kept;
  kept.reserve(annotations.num_labels());
  for (std::size_t k = annotations.num_labels(); k-- > 0;) {
    const std::uint64_t key =
        static_cast<std::uint64_t>(annotations.items[k]) * annotations.num_annotators + annotations.annotators[k];
    if (seen.insert(key).second) kept.push_back(k);
  }
  std::reverse(kept.begin(), kept.end());
  return kept;
}

LabelsByItem labels_by_item(const SparseAnnotations& annotations) {
  const std::vector<std::size_t> kept = kept_label_indices(annotations);
  LabelsByItem grouped;
  grouped.num_annotators = annotations.num_annotators;
  grouped.num_classes = static_cast<std::size_t>(annotations.num_classes);
  grouped.repeated_labels_dropped = annotations.num_labels() - kept.size();
  grouped.item_offsets.assign(annotations.num_items + 1, 0);
  for (const std::size_t k : kept) ++grouped.item_offsets[annotations.items[k] + 1];
  for (std::size_t i = 0; i < annotations.num_items; ++i) grouped.item_offsets[i + 1] += grouped.item_offsets[i];
  grouped.annotators.resize(kept.size());
  grouped.labels.resize(kept.size());
  std::vector<std::size_t> next(grouped.item_offsets.begin(), grouped.item_offsets.end() - 1);
  for (const std::size_t k : kept) {
    const std::size_t slot = next[annotations.items[k]]++;
    grouped.annotators[slot] = annotations.annotators[k];
    grouped.labels[slot] = annotations.labels[k];
  }
  return grouped;
}

PairableUnits pairable_units(const LabelsByItem& grouped) {
  PairableUnits units;
  units.num_classes = grouped.num_classes;
  std::vector<std::size_t> class_counts(grouped.num_classes, 0);
  const std::size_t items = grouped.item_offsets.size() - 1;
  for (std::size_t i = 0; i < items; ++i) {
    const std::size_t begin = grouped.item_offsets[i];
    const std::size_t end = grouped.item_offsets[i + 1];
    if (end - begin < 2) continue;
    for (std::size_t k = begin; k < end; ++k) ++class_counts[static_cast<std::size_t>(grouped.labels[k])];
    // Each class once, in the order first given; the counts are reset on the way so that the dense
    // scratch array costs O(labels of the item), not O(C), per item.
    for (std::size_t k = begin; k < end; ++k) {
      const auto c = static_cast<std::size_t>(grouped.labels[k]);
      if (class_counts[c] == 0) continue;
      units.classes.push_back(c);
      units.counts.push_back(class_counts[c]);
      class_counts[c] = 0;
    }
    units.unit_offsets.push_back(units.classes.size());
    units.values += end - begin;
  }
  return units;
}

// Unit u's share of the coincidence matrix, as (cell, amount) entries.
struct CoincidenceEntry {
  std::size_t cell;
  double amount;
};

std::vector<CoincidenceEntry> unit_coincidences(const PairableUnits& units, std::size_t u) {
  const std::size_t begin = units.unit_offsets[u];
  const std::size_t end = units.unit_offsets[u + 1];
  std::size_t values = 0;
  for (std::size_t a = begin; a < end; ++a) values += units.counts[a];
  std::vector<CoincidenceEntry> entries;
  entries.reserve((end - begin) * (end - begin));
  const double pairs_per_value = static_cast<double>(values - 1);
  for (std::size_t a = begin; a < end; ++a)
    for (std::size_t b = begin; b < end; ++b) {
      // A value pairs with every other value of the unit, never with itself.
      const std::size_t partners = a == b ? units.counts[b] - 1 : units.counts[b];
      if (partners == 0) continue;
      entries.push_back({units.classes[a] * units.num_classes + units.classes[b],
                         static_cast<double>(units.counts[a] * partners) / pairs_per_value});
    }
  return entries;
}

std::vector<double> checked_class_values(const std::vector<double>& class_values, std::size_t classes) {
  if (class_values.empty()) {
    std::vector<double> values(classes);
    for (std::size_t c = 0; c < classes; ++c) values[c] = static_cast<double>(c);
    return values;
  }
  if (class_values.size() != classes)
    throw std::invalid_argument("krippendorff alpha: " + std::to_string(class_values.size()) +
                                " class values given for " + std::to_string(classes) + " classes");
  for (std::size_t c = 0; c < classes; ++c)
    if (!std::isfinite(class_values[c]))
      throw std::invalid_argument("krippendorff alpha: the value of class " + std::to_string(c) + " is not finite");
  return class_values;
}

// α from a coincidence matrix. The ordinal metric is computed from this matrix's own marginals, so a
// bootstrap resample gets the distances of its own data, as Krippendorff's definition asks.
double alpha_from_coincidences(const std::vector<double>& coincidences, std::size_t classes, AlphaMetric metric,
                               const std::vector<double>& class_values) {
  std::vector<double> marginals(classes, 0.0);
  for (std::size_t c = 0; c < classes; ++c)
    for (std::size_t k = 0; k < classes; ++k) marginals[c] += coincidences[c * classes + k];
  double values = 0.0;
  for (const double n_c : marginals) values += n_c;
  if (!(values > 1.0)) return kNaN;

  std::vector<double> cumulative(classes + 1, 0.0);  // cumulative[g + 1] = n_0 + ... + n_g
  for (std::size_t g = 0; g < classes; ++g) cumulative[g + 1] = cumulative[g] + marginals[g];
  const auto squared_difference = [&](std::size_t c, std::size_t k) {
    if (c == k) return 0.0;
    switch (metric) {
      case AlphaMetric::nominal:
        return 1.0;
      case AlphaMetric::ordinal: {
        const std::size_t low = std::min(c, k);
        const std::size_t high = std::max(c, k);
        const double between = cumulative[high + 1] - cumulative[low] - (marginals[c] + marginals[k]) / 2.0;
        return between * between;
      }
      case AlphaMetric::interval:
        return (class_values[c] - class_values[k]) * (class_values[c] - class_values[k]);
    }
    return 0.0;
  };

  double observed = 0.0;  // n D_o
  double expected = 0.0;  // n (n − 1) D_e
  for (std::size_t c = 0; c < classes; ++c)
    for (std::size_t k = 0; k < classes; ++k) {
      const double distance = squared_difference(c, k);
      observed += coincidences[c * classes + k] * distance;
      expected += marginals[c] * marginals[k] * distance;
    }
  if (!(expected > 0.0)) return kNaN;
  return 1.0 - (values - 1.0) * observed / expected;
}

std::vector<double> coincidences_of(const PairableUnits& units) {
  std::vector<double> coincidences(units.num_classes * units.num_classes, 0.0);
  for (std::size_t u = 0; u < units.size(); ++u)
    for (const CoincidenceEntry& entry : unit_coincidences(units, u)) coincidences[entry.cell] += entry.amount;
  return coincidences;
}

// Hyndman & Fan (1996) type 7: linear between the order statistics around (count − 1) p.
double sorted_quantile(const std::vector<double>& sorted, double p) {
  const double position = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

BootstrapInterval alpha_interval_of(const PairableUnits& units, AlphaMetric metric, const BootstrapOptions& bootstrap,
                                    const std::vector<double>& class_values) {
  if (!(bootstrap.confidence_level > 0.0 && bootstrap.confidence_level < 1.0))
    throw std::invalid_argument("krippendorff alpha interval: confidence level " +
                                std::to_string(bootstrap.confidence_level) + " is not in (0, 1)");
  if (bootstrap.resamples == 0) throw std::invalid_argument("krippendorff alpha interval: no resamples asked for");
  const std::size_t classes = units.num_classes;
  BootstrapInterval interval;
  interval.confidence_level = bootstrap.confidence_level;
  interval.resamples = bootstrap.resamples;
  interval.estimate = alpha_from_coincidences(coincidences_of(units), classes, metric, class_values);

  const std::size_t unit_count = units.size();
  std::vector<std::vector<CoincidenceEntry>> per_unit(unit_count);
  for (std::size_t u = 0; u < unit_count; ++u) per_unit[u] = unit_coincidences(units, u);

  std::vector<double> resampled;
  resampled.reserve(bootstrap.resamples);
  if (unit_count > 0) {
    Rng rng(derive_seed(bootstrap.seed, "krippendorff alpha bootstrap"));
    std::uniform_int_distribution<std::size_t> draw(0, unit_count - 1);
    std::vector<std::size_t> times_drawn(unit_count);
    std::vector<double> coincidences(classes * classes);
    for (std::size_t r = 0; r < bootstrap.resamples; ++r) {
      std::fill(times_drawn.begin(), times_drawn.end(), 0);
      for (std::size_t d = 0; d < unit_count; ++d) ++times_drawn[draw(rng)];
      std::fill(coincidences.begin(), coincidences.end(), 0.0);
      for (std::size_t u = 0; u < unit_count; ++u)
        if (times_drawn[u] > 0)
          for (const CoincidenceEntry& entry : per_unit[u])
            coincidences[entry.cell] += static_cast<double>(times_drawn[u]) * entry.amount;
      const double alpha = alpha_from_coincidences(coincidences, classes, metric, class_values);
      if (std::isnan(alpha)) continue;
      resampled.push_back(alpha);
    }
  }
  interval.undefined_resamples = bootstrap.resamples - resampled.size();
  if (resampled.empty()) {
    interval.lower = interval.upper = kNaN;
    return interval;
  }
  std::sort(resampled.begin(), resampled.end());
  interval.lower = sorted_quantile(resampled, (1.0 - bootstrap.confidence_level) / 2.0);
  interval.upper = sorted_quantile(resampled, (1.0 + bootstrap.confidence_level) / 2.0);
  return interval;
}

struct FleissParts {
  double kappa = kNaN;
  double mean_item_agreement = kNaN;  // P̄
};

FleissParts fleiss_of(const PairableUnits& units) {
  FleissParts parts;
  if (units.size() == 0) return parts;
  std::vector<double> class_totals(units.num_classes, 0.0);
  double agreement_sum = 0.0;
  for (std::size_t u = 0; u < units.size(); ++u) {
    std::size_t labels = 0;
    std::size_t agreeing = 0;  // ordered pairs naming one class
    for (std::size_t a = units.unit_offsets[u]; a < units.unit_offsets[u + 1]; ++a) {
      labels += units.counts[a];
      agreeing += units.counts[a] * (units.counts[a] - 1);
      class_totals[units.classes[a]] += static_cast<double>(units.counts[a]);
    }
    agreement_sum += static_cast<double>(agreeing) / static_cast<double>(labels * (labels - 1));
  }
  parts.mean_item_agreement = agreement_sum / static_cast<double>(units.size());
  double chance = 0.0;
  for (const double total : class_totals) {
    const double share = total / static_cast<double>(units.values);
    chance += share * share;
  }
  if (chance < 1.0) parts.kappa = (parts.mean_item_agreement - chance) / (1.0 - chance);
  return parts;
}

PercentAgreement percent_agreement_of(const PairableUnits& units) {
  PercentAgreement agreement;
  for (std::size_t u = 0; u < units.size(); ++u) {
    std::size_t labels = 0;
    for (std::size_t a = units.unit_offsets[u]; a < units.unit_offsets[u + 1]; ++a) {
      labels += units.counts[a];
      agreement.agreeing_pairs += units.counts[a] * (units.counts[a] - 1) / 2;
    }
    agreement.label_pairs += labels * (labels - 1) / 2;
  }
  agreement.pooled = agreement.label_pairs > 0
                         ? static_cast<double>(agreement.agreeing_pairs) / static_cast<double>(agreement.label_pairs)
                         : kNaN;
  agreement.mean_per_item = fleiss_of(units).mean_item_agreement;
  return agreement;
}

// κ = (p_o − p_e) / (1 − p_e) in counts: with n items, `agreeing` of them agreeing, and
// chance_pairs = Σ_k n_k(first) n_k(second), κ = (n·agreeing − chance_pairs) / (n² − chance_pairs).
// Integers keep "p_e = 1" exact.
double kappa_from_counts(std::size_t items, std::size_t agreeing, std::size_t chance_pairs) {
  const std::size_t all_pairs = items * items;
  if (items == 0 || chance_pairs == all_pairs) return kNaN;
  return (static_cast<double>(items) * static_cast<double>(agreeing) - static_cast<double>(chance_pairs)) /
         (static_cast<double>(all_pairs) - static_cast<double>(chance_pairs));
}

struct LabelPair {
  std::uint64_t annotator_pair;  // first · M + second, first < second
  std::int32_t first_label;
  std::int32_t second_label;
};

PairwiseCohenKappa pairwise_cohen_of(const LabelsByItem& grouped, std::size_t min_common_items) {
  std::vector<LabelPair> pairs;
  const std::size_t items = grouped.item_offsets.size() - 1;
  for (std::size_t i = 0; i < items; ++i)
    for (std::size_t a = grouped.item_offsets[i]; a < grouped.item_offsets[i + 1]; ++a)
      for (std::size_t b = a + 1; b < grouped.item_offsets[i + 1]; ++b) {
        const bool in_order = grouped.annotators[a] < grouped.annotators[b];
        const std::size_t first = in_order ? a : b;
        const std::size_t second = in_order ? b : a;
        pairs.push_back({static_cast<std::uint64_t>(grouped.annotators[first]) * grouped.num_annotators +
                             grouped.annotators[second],
                         grouped.labels[first], grouped.labels[second]});
      }
  std::sort(pairs.begin(), pairs.end(),
            [](const LabelPair& x, const LabelPair& y) { return x.annotator_pair < y.annotator_pair; });

  PairwiseCohenKappa result;
  double kappa_sum = 0.0;
  std::vector<std::size_t> first_counts(grouped.num_classes, 0);
  for (std::size_t begin = 0; begin < pairs.size();) {
    std::size_t end = begin;
    while (end < pairs.size() && pairs[end].annotator_pair == pairs[begin].annotator_pair) ++end;
    const std::size_t common = end - begin;
    if (common < min_common_items) {
      ++result.pairs_too_few_common;
      begin = end;
      continue;
    }
    std::size_t agreeing = 0;
    for (std::size_t p = begin; p < end; ++p) {
      ++first_counts[static_cast<std::size_t>(pairs[p].first_label)];
      agreeing += pairs[p].first_label == pairs[p].second_label;
    }
    // Σ_k n_k(first) n_k(second) = Σ over the pair's items of n_{second label}(first).
    std::size_t chance_pairs = 0;
    for (std::size_t p = begin; p < end; ++p) chance_pairs += first_counts[static_cast<std::size_t>(pairs[p].second_label)];
    for (std::size_t p = begin; p < end; ++p) first_counts[static_cast<std::size_t>(pairs[p].first_label)] = 0;
    const double kappa = kappa_from_counts(common, agreeing, chance_pairs);
    if (std::isnan(kappa)) {
      ++result.pairs_undefined;
    } else {
      kappa_sum += kappa;
      ++result.pairs_used;
    }
    begin = end;
  }
  result.mean = result.pairs_used > 0 ? kappa_sum / static_cast<double>(result.pairs_used) : kNaN;
  return result;
}

}  // namespace

SparseAnnotations last_label_per_annotator(const SparseAnnotations& annotations) {
  SparseAnnotations kept;
  kept.num_items = annotations.num_items;
  kept.num_annotators = annotations.num_annotators;
  kept.num_classes = annotations.num_classes;
  for (const std::size_t k : kept_label_indices(annotations))
    kept.add(annotations.items[k], annotations.annotators[k], annotations.labels[k]);
  return kept;
}

std::vector<double> coincidence_matrix(const SparseAnnotations& annotations) {
  return coincidences_of(pairable_units(labels_by_item(annotations)));
}

double krippendorff_alpha(const SparseAnnotations& annotations, AlphaMetric metric,
                          const std::vector<double>& class_values) {
  const PairableUnits units = pairable_units(labels_by_item(annotations));
  return alpha_from_coincidences(coincidences_of(units), units.num_classes, metric,
                                 checked_class_values(class_values, units.num_classes));
}

BootstrapInterval krippendorff_alpha_interval(const SparseAnnotations& annotations, AlphaMetric metric,
                                              const BootstrapOptions& bootstrap,
                                              const std::vector<double>& class_values) {
  const PairableUnits units = pairable_units(labels_by_item(annotations));
  return alpha_interval_of(units, metric, bootstrap, checked_class_values(class_values, units.num_classes));
}

double fleiss_kappa(const SparseAnnotations& annotations) {
  return fleiss_of(pairable_units(labels_by_item(annotations))).kappa;
}

double cohen_kappa(const std::vector<int>& first, const std::vector<int>& second, int num_classes) {
  if (first.size() != second.size())
    throw std::invalid_argument("cohen kappa: " + std::to_string(first.size()) + " labels against " +
                                std::to_string(second.size()));
  if (num_classes < 1) throw std::invalid_argument("cohen kappa: no classes");
  const auto classes = static_cast<std::size_t>(num_classes);
  std::vector<std::size_t> first_counts(classes, 0);
  std::vector<std::size_t> second_counts(classes, 0);
  std::size_t agreeing = 0;
  for (std::size_t i = 0; i < first.size(); ++i) {
    if (first[i] < 0 || first[i] >= num_classes || second[i] < 0 || second[i] >= num_classes)
      throw std::invalid_argument("cohen kappa: item " + std::to_string(i) + " has labels " +
                                  std::to_string(first[i]) + " and " + std::to_string(second[i]) +
                                  ", outside 0.." + std::to_string(num_classes - 1));
    ++first_counts[static_cast<std::size_t>(first[i])];
    ++second_counts[static_cast<std::size_t>(second[i])];
    agreeing += first[i] == second[i];
  }
  std::size_t chance_pairs = 0;
  for (std::size_t c = 0; c < classes; ++c) chance_pairs += first_counts[c] * second_counts[c];
  return kappa_from_counts(first.size(), agreeing, chance_pairs);
}

PairwiseCohenKappa mean_pairwise_cohen_kappa(const SparseAnnotations& annotations, std::size_t min_common_items) {
  return pairwise_cohen_of(labels_by_item(annotations), std::max<std::size_t>(min_common_items, 1));
}

PercentAgreement percent_agreement(const SparseAnnotations& annotations) {
  return percent_agreement_of(pairable_units(labels_by_item(annotations)));
}

AgreementSummary agreement_summary(const SparseAnnotations& annotations, const AgreementOptions& options) {
  const LabelsByItem grouped = labels_by_item(annotations);
  const PairableUnits units = pairable_units(grouped);
  const std::vector<double> class_values = checked_class_values(options.class_values, units.num_classes);

  AgreementSummary summary;
  summary.items = annotations.num_items;
  summary.labels = grouped.labels.size();
  summary.repeated_labels_dropped = grouped.repeated_labels_dropped;
  summary.pairable_items = units.size();
  summary.pairable_labels = units.values;

  const std::vector<double> coincidences = coincidences_of(units);
  const auto classes = static_cast<std::size_t>(units.num_classes);
  summary.class_agreement.assign(classes, kNaN);
  for (std::size_t c = 0; c < classes; ++c) {
    double values = 0.0;
    for (std::size_t k = 0; k < classes; ++k) values += coincidences[c * classes + k];
    if (values > 0.0) summary.class_agreement[c] = coincidences[c * classes + c] / values;
  }
  const auto alpha = [&](AlphaMetric metric) {
    return alpha_from_coincidences(coincidences, units.num_classes, metric, class_values);
  };
  summary.alpha_nominal = alpha(AlphaMetric::nominal);
  summary.alpha_nominal_lower = summary.alpha_nominal_upper = summary.confidence_level = kNaN;
  if (options.bootstrap_resamples > 0) {
    const BootstrapInterval interval = alpha_interval_of(
        units, AlphaMetric::nominal, {options.bootstrap_resamples, options.confidence_level, options.seed}, class_values);
    summary.alpha_nominal_lower = interval.lower;
    summary.alpha_nominal_upper = interval.upper;
    summary.confidence_level = interval.confidence_level;
  }
  summary.alpha_ordinal = options.ordinal ? alpha(AlphaMetric::ordinal) : kNaN;
  summary.alpha_interval = options.interval ? alpha(AlphaMetric::interval) : kNaN;

  const FleissParts fleiss = fleiss_of(units);
  summary.fleiss_kappa = fleiss.kappa;
  const PairwiseCohenKappa cohen = pairwise_cohen_of(grouped, std::max<std::size_t>(options.min_common_items, 1));
  summary.mean_cohen_kappa = cohen.mean;
  summary.cohen_pairs_used = cohen.pairs_used;
  summary.cohen_pairs_undefined = cohen.pairs_undefined;
  summary.cohen_pairs_too_few_common = cohen.pairs_too_few_common;
  const PercentAgreement percent = percent_agreement_of(units);
  summary.percent_agreement = percent.pooled;
  summary.mean_item_agreement = percent.mean_per_item;
  return summary;
}

}  // namespace annotbench
