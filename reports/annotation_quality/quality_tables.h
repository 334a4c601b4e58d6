#pragma once
// The annotator, item and agreement tables of an annotation-quality report as named columns: one
// description that the CSV files (quality_page.h) and the Python package's DataFrames are both
// made from, so that the two cannot disagree on a column's name, order or meaning.

#include <cstddef>
#include <string>
#include <vector>

#include "reports/annotation_quality/quality_report.h"

namespace annotbench {

struct QualityColumn {
  enum class Kind { count, number, text };
  std::string name;
  Kind kind = Kind::number;
  std::vector<double> numbers;     // count and number columns; NaN: undefined (no gold, nothing to pair)
  std::vector<std::string> texts;  // text columns
  std::size_t size() const { return kind == Kind::text ? texts.size() : numbers.size(); }
};

struct QualityTable {
  std::vector<QualityColumn> columns;
  // Per row, the index of its annotator or item in the crowd table (empty for the agreement table),
  // so that a caller can put its own ids back.
  std::vector<std::size_t> row_index;
};

// One row per annotator in the report's order: annotator, labels, spammer_score, agreement_with_mv,
// agreement_with_ds, one column per model skill, gold_labels, gold_accuracy, gold_wilson_low,
// gold_wilson_high (the bounds NaN without gold labels).
QualityTable annotator_quality_table(const AnnotationQualityReport& report);
// One row per item, most worth re-labelling first: relabel_rank, item, labels, consensus, posterior,
// majority, label_entropy_bits, gold ("" without), relabel_priority.
QualityTable item_quality_table(const AnnotationQualityReport& report);
// Two columns, statistic and value: the agreement figures, agreement per class
// ("class_agreement:<class>") and each model's accuracy on the gold ("gold_accuracy:<model>").
QualityTable agreement_table(const AnnotationQualityReport& report);

// The table as CSV: a header of the column names, counts as whole numbers, numbers with six
// significant digits (csv_number), texts quoted where they must be; an undefined number is empty.
std::string quality_table_csv(const QualityTable& table);

}  // namespace annotbench
