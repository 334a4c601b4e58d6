#pragma once
// The pictures of the annotation-quality page, as SVG: where people would rather look than read.

#include <string>

#include "reports/annotation_quality/quality_report.h"

namespace annotbench {

// Histogram of the annotators' Dawid-Skene P(correct) and spammer scores (those with
// report.annotators.min_labels or more labels), side by side.
std::string render_skill_distribution_svg(const AnnotationQualityReport& report);

// Heat maps of the confusion matrix each confusion model (ds, one-coin-ds, ...) estimates for the
// `shown` annotators listed first: a row per true class, a column per label given.
std::string render_worst_confusions_svg(const AnnotationQualityReport& report, std::size_t shown = 4);

// One bar per class: the share of its labels that another label on the item matches.
std::string render_class_agreement_svg(const AnnotationQualityReport& report);

}  // namespace annotbench
