#include "reports/annotation_quality/quality_report.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace annotbench {

namespace {

std::string number_or_dash(double value, const char* format = "%.3f") {
  if (!std::isfinite(value)) return "-";
  char text[32];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

}  // namespace

std::string AnnotationQualityReport::class_name(int c) const {
  if (c == kMissingLabel) return "";
  return c >= 0 && static_cast<std::size_t>(c) < class_names.size() ? class_names[static_cast<std::size_t>(c)]
                                                                     : std::to_string(c);
}

AnnotationQualityReport annotation_quality_report(const CrowdLabelTable& table, std::vector<ConsensusModel> models,
                                                  const AgreementOptions& options) {
  AnnotationQualityReport report;
  report.name = table.name;
  report.class_names = table.class_names;
  report.gold_items = table.gold_items();
  report.agreement = agreement_summary(table.annotations, options);
  report.annotators = annotator_quality(table, models);
  report.items = item_quality(table, models);
  for (const ConsensusModel& model : models) {
    std::size_t gold = 0, correct = 0;
    for (std::size_t i = 0; i < table.truth.size() && i < model.labels.size(); ++i) {
      if (table.truth[i] == kMissingLabel) continue;
      ++gold;
      correct += model.labels[i] == table.truth[i];
    }
    report.gold_accuracy.push_back(gold == 0 ? std::numeric_limits<double>::quiet_NaN()
                                             : static_cast<double>(correct) / static_cast<double>(gold));
  }
  report.models = std::move(models);
  return report;
}

std::string format_quality_summary(const AnnotationQualityReport& report, std::size_t shown) {
  const AgreementSummary& agreement = report.agreement;
  char line[512];
  std::string text = "\nagreement (" + std::to_string(agreement.pairable_items) + " items with 2 or more labels";
  if (agreement.repeated_labels_dropped > 0)
    text += "; " + std::to_string(agreement.repeated_labels_dropped) + " repeated labels left out, the last kept";
  text += ")\n";
  std::snprintf(line, sizeof line, "  Krippendorff's alpha (nominal) %s, %.0f%% bootstrap interval [%s, %s]\n",
                number_or_dash(agreement.alpha_nominal).c_str(), 100.0 * agreement.confidence_level,
                number_or_dash(agreement.alpha_nominal_lower).c_str(), number_or_dash(agreement.alpha_nominal_upper).c_str());
  text += line;
  if (std::isfinite(agreement.alpha_ordinal) || std::isfinite(agreement.alpha_interval)) {
    std::snprintf(line, sizeof line, "  Krippendorff's alpha ordinal %s, interval %s\n",
                  number_or_dash(agreement.alpha_ordinal).c_str(), number_or_dash(agreement.alpha_interval).c_str());
    text += line;
  }
  std::snprintf(line, sizeof line, "  Fleiss' kappa %s; mean pairwise Cohen's kappa %s over %zu annotator pairs; raw agreement %s\n",
                number_or_dash(agreement.fleiss_kappa).c_str(), number_or_dash(agreement.mean_cohen_kappa).c_str(),
                agreement.cohen_pairs_used, number_or_dash(agreement.percent_agreement).c_str());
  text += line;
  text += "  per class:";
  for (std::size_t c = 0; c < report.agreement.class_agreement.size(); ++c)
    text += " " + report.class_name(static_cast<int>(c)) + " " + number_or_dash(report.agreement.class_agreement[c], "%.2f");
  text += "\n";
  if (report.gold_items > 0) {
    text += "\naccuracy on the " + std::to_string(report.gold_items) + " gold items:";
    for (std::size_t k = 0; k < report.models.size(); ++k)
      text += " " + report.models[k].aggregator + " " + number_or_dash(report.gold_accuracy[k], "%.4f");
    text += "\n";
  }

  const AnnotatorQualityTable& annotators = report.annotators;
  text += "\nannotators to look at first (lowest spammer score among those with " +
          std::to_string(annotators.min_labels) + "+ labels):\n";
  std::snprintf(line, sizeof line, "  %-16s %7s %8s %8s %8s %s\n", "annotator", "labels", "spammer", "agree-mv",
                "agree-ds", report.gold_items > 0 ? "gold accuracy [95% Wilson]" : "");
  text += line;
  for (std::size_t k = 0; k < annotators.rows.size() && k < shown; ++k) {
    const AnnotatorQuality& row = annotators.rows[k];
    std::string gold;
    if (row.gold_labels > 0)
      gold = number_or_dash(row.gold_accuracy) + " [" + number_or_dash(row.gold_low) + ", " +
             number_or_dash(row.gold_high) + "] of " + std::to_string(row.gold_labels);
    std::snprintf(line, sizeof line, "  %-16s %7zu %8.3f %8.3f %8.3f %s\n", row.id.substr(0, 16).c_str(), row.labels,
                  row.spammer_score, row.agreement_with_mv, row.agreement_with_ds, gold.c_str());
    text += line;
  }
  text += "\nitems most worth re-labelling (least sure Dawid-Skene consensus):\n";
  std::snprintf(line, sizeof line, "  %-16s %7s %-12s %9s %-12s %8s %s\n", "item", "labels", "consensus", "posterior",
                "majority", "entropy", report.gold_items > 0 ? "gold" : "");
  text += line;
  for (std::size_t k = 0; k < report.items.size() && k < shown; ++k) {
    const ItemQuality& row = report.items[k];
    std::snprintf(line, sizeof line, "  %-16s %7zu %-12s %9.3f %-12s %8.3f %s\n", row.id.substr(0, 16).c_str(),
                  row.labels, report.class_name(row.consensus).substr(0, 12).c_str(), row.posterior,
                  report.class_name(row.majority).substr(0, 12).c_str(), row.label_entropy,
                  report.class_name(row.gold).c_str());
    text += line;
  }
  return text;
}

}  // namespace annotbench
