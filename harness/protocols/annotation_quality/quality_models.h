#pragma once
// The fits an annotation-quality report reads: majority vote and Dawid-Skene for the consensus and
// the confusion matrices, and one-coin Dawid-Skene, GLAD and MACE for their own skill parameters
// (what each model says of an annotator, not a recomputation).

#include <cstdint>
#include <string>
#include <vector>

#include "datasets/crowd_label_table.h"
#include "reports/annotation_quality/quality_report.h"

namespace annotbench {

// The aggregators fitted, in the order the report lists them.
const std::vector<std::string>& quality_report_aggregators();

// Fits quality_report_aggregators() on the table's labels with `seed` (ties, initialisations).
std::vector<ConsensusModel> fit_quality_models(const CrowdLabelTable& table, std::uint64_t seed);

// agreement, annotator and item tables of `table` (label-free: gold only scores).
AnnotationQualityReport annotation_quality(const CrowdLabelTable& table, std::uint64_t seed);

}  // namespace annotbench
