#pragma once
// The annotation-quality report of one crowd set as files: the annotator and item tables as CSV
// (for pandas, spreadsheets, a re-labelling queue), the agreement figures as CSV, and a page
// (report.md and a self-contained report.html) that opens with its pictures.

#include <string>
#include <vector>

#include "reports/annotation_quality/quality_report.h"

namespace annotbench {

std::string annotator_quality_csv(const AnnotationQualityReport& report);
std::string item_quality_csv(const AnnotationQualityReport& report);
std::string agreement_csv(const AnnotationQualityReport& report);

// Writes annotators.csv, items.csv, agreement.csv, report.md, report.html and the page's SVGs into
// `directory` (created if missing), each atomically; returns the paths written.
std::vector<std::string> write_quality_report(const AnnotationQualityReport& report, const std::string& directory);

}  // namespace annotbench
