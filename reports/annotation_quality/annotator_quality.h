#pragma once
// The per-annotator report: how much each annotator labelled, how often it agrees with the
// consensus, what each aggregator estimates of it, how it does on gold, and whether its labels
// carry information at all (the spammer score). Sorted so that the annotators to look at first
// come first.

#include <cstddef>
#include <string>
#include <vector>

#include "datasets/crowd_label_table.h"
#include "reports/annotation_quality/consensus_model.h"

namespace annotbench {

struct AnnotatorQuality {
  std::size_t annotator = 0;         // index into the table's annotator_ids
  std::string id;
  std::size_t labels = 0;
  double agreement_with_mv = 0.0;    // share of its labels equal to the majority vote's label
  double agreement_with_ds = 0.0;    // ... to the Dawid-Skene consensus label
  // One entry per model that has a per-annotator number, in the order of the models given.
  std::vector<double> skills;
  // Raykar & Yu's spammer score of its Dawid-Skene confusion matrix: 0 when its labels do not
  // depend on the true class, 1 for a perfect annotator (spammer_score.h).
  double spammer_score = 0.0;
  std::size_t gold_labels = 0;       // labels on items with gold
  std::size_t gold_correct = 0;
  double gold_accuracy = 0.0;        // NaN without gold labels
  double gold_low = 0.0, gold_high = 1.0;  // Wilson 95% interval of gold_accuracy
};

struct AnnotatorQualityTable {
  std::vector<std::string> skill_columns;   // "<aggregator> <meaning>" for each entry of skills
  // Annotators with at least `min_labels` labels first, lowest spammer score first; then the rest
  // the same way. A DS confusion matrix learnt from one or two labels has equal rows whatever the
  // annotator is like, so its spammer score of 0 says "too few labels", not "spammer".
  std::vector<AnnotatorQuality> rows;
  std::size_t min_labels = 0;
};

// `models` must hold "mv" and "ds" (the DS fit supplies the confusion matrices). Throws
// std::invalid_argument when one is missing or a model's shape does not match the table.
AnnotatorQualityTable annotator_quality(const CrowdLabelTable& table, const std::vector<ConsensusModel>& models,
                                        std::size_t min_labels = 10);

}  // namespace annotbench
