#pragma once
// Everything the annotation-quality report says about one crowd set: agreement, the annotator and
// item tables, agreement per class, and the confusion matrices the models learnt. Built from plain
// values (the table and the models' fits), printed by `inspect`, written by quality_page.h,
// returned as tables to Python.

#include <string>
#include <vector>

#include "datasets/crowd_label_table.h"
#include "reports/annotation_quality/agreement.h"
#include "reports/annotation_quality/annotator_quality.h"
#include "reports/annotation_quality/consensus_model.h"
#include "reports/annotation_quality/item_quality.h"

namespace annotbench {

struct AnnotationQualityReport {
  std::string name;
  std::vector<std::string> class_names;
  std::size_t gold_items = 0;
  AgreementSummary agreement;  // agreement.class_agreement: per class
  AnnotatorQualityTable annotators;
  std::vector<ItemQuality> items;
  std::vector<ConsensusModel> models;
  // Per model, its accuracy on the gold items (NaN without gold), in the order of `models`.
  std::vector<double> gold_accuracy;

  // The name of class c; "" for kMissingLabel (no gold), the index for a class without a name.
  std::string class_name(int c) const;
};

// `models` must hold "mv" and "ds" fitted on `table`.
AnnotationQualityReport annotation_quality_report(const CrowdLabelTable& table, std::vector<ConsensusModel> models,
                                                  const AgreementOptions& options = {});

// The text `inspect` prints: agreement, then the `shown` worst annotators and items.
std::string format_quality_summary(const AnnotationQualityReport& report, std::size_t shown = 5);

}  // namespace annotbench
