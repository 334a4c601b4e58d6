#include "reports/annotation_quality/quality_tables.h"

#include <cmath>
#include <limits>

#include "datasets/csv_field.h"
#include "reports/annotation_quality/number_cells.h"

namespace annotbench {

namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

// Columns are declared first, then filled a row at a time in the same order.
class TableBuilder {
 public:
  void column(const std::string& name, QualityColumn::Kind kind) {
    QualityColumn column;
    column.name = name;
    column.kind = kind;
    table_.columns.push_back(std::move(column));
  }
  void number(double value) { table_.columns[next_++].numbers.push_back(value); }
  void text(const std::string& value) { table_.columns[next_++].texts.push_back(value); }
  void end_row(std::size_t index) {
    table_.row_index.push_back(index);
    next_ = 0;
  }
  void end_row() { next_ = 0; }
  QualityTable finish() { return std::move(table_); }

 private:
  QualityTable table_;
  std::size_t next_ = 0;
};

}  // namespace

QualityTable annotator_quality_table(const AnnotationQualityReport& report) {
  using Kind = QualityColumn::Kind;
  TableBuilder table;
  table.column("annotator", Kind::text);
  table.column("labels", Kind::count);
  table.column("spammer_score", Kind::number);
  table.column("agreement_with_mv", Kind::number);
  table.column("agreement_with_ds", Kind::number);
  for (const std::string& name : report.annotators.skill_columns) table.column(name, Kind::number);
  table.column("gold_labels", Kind::count);
  table.column("gold_accuracy", Kind::number);
  table.column("gold_wilson_low", Kind::number);
  table.column("gold_wilson_high", Kind::number);
  for (const AnnotatorQuality& row : report.annotators.rows) {
    table.text(row.id);
    table.number(static_cast<double>(row.labels));
    table.number(row.spammer_score);
    table.number(row.agreement_with_mv);
    table.number(row.agreement_with_ds);
    for (std::size_t k = 0; k < report.annotators.skill_columns.size(); ++k)
      table.number(k < row.skills.size() ? row.skills[k] : kUndefined);
    const bool has_gold = row.gold_labels > 0;
    table.number(static_cast<double>(row.gold_labels));
    table.number(row.gold_accuracy);
    table.number(has_gold ? row.gold_low : kUndefined);
    table.number(has_gold ? row.gold_high : kUndefined);
    table.end_row(row.annotator);
  }
  return table.finish();
}

QualityTable item_quality_table(const AnnotationQualityReport& report) {
  using Kind = QualityColumn::Kind;
  TableBuilder table;
  table.column("relabel_rank", Kind::count);
  table.column("item", Kind::text);
  table.column("labels", Kind::count);
  table.column("consensus", Kind::text);
  table.column("posterior", Kind::number);
  table.column("majority", Kind::text);
  table.column("label_entropy_bits", Kind::number);
  table.column("gold", Kind::text);
  table.column("relabel_priority", Kind::number);
  std::size_t rank = 0;
  for (const ItemQuality& row : report.items) {
    table.number(static_cast<double>(++rank));
    table.text(row.id);
    table.number(static_cast<double>(row.labels));
    table.text(report.class_name(row.consensus));
    table.number(row.posterior);
    table.text(report.class_name(row.majority));
    table.number(row.label_entropy);
    table.text(report.class_name(row.gold));
    table.number(row.relabel_priority);
    table.end_row(row.item);
  }
  return table.finish();
}

QualityTable agreement_table(const AnnotationQualityReport& report) {
  const AgreementSummary& a = report.agreement;
  TableBuilder table;
  table.column("statistic", QualityColumn::Kind::text);
  table.column("value", QualityColumn::Kind::number);
  const auto add = [&table](const std::string& name, double value) {
    table.text(name);
    table.number(value);
    table.end_row();
  };
  add("items", static_cast<double>(a.items));
  add("labels", static_cast<double>(a.labels));
  add("repeated_labels_dropped", static_cast<double>(a.repeated_labels_dropped));
  add("pairable_items", static_cast<double>(a.pairable_items));
  add("pairable_labels", static_cast<double>(a.pairable_labels));
  add("alpha_nominal", a.alpha_nominal);
  add("alpha_nominal_lower", a.alpha_nominal_lower);
  add("alpha_nominal_upper", a.alpha_nominal_upper);
  add("confidence_level", a.confidence_level);
  add("alpha_ordinal", a.alpha_ordinal);
  add("alpha_interval", a.alpha_interval);
  add("fleiss_kappa", a.fleiss_kappa);
  add("mean_cohen_kappa", a.mean_cohen_kappa);
  add("cohen_pairs_used", static_cast<double>(a.cohen_pairs_used));
  add("percent_agreement", a.percent_agreement);
  add("mean_item_agreement", a.mean_item_agreement);
  for (std::size_t c = 0; c < a.class_agreement.size(); ++c)
    add("class_agreement:" + report.class_name(static_cast<int>(c)), a.class_agreement[c]);
  for (std::size_t k = 0; k < report.models.size(); ++k) add("gold_accuracy:" + report.models[k].aggregator, report.gold_accuracy[k]);
  return table.finish();
}

std::string quality_table_csv(const QualityTable& table) {
  std::string text;
  for (std::size_t k = 0; k < table.columns.size(); ++k) text += (k ? "," : "") + csv_field(table.columns[k].name);
  text += "\n";
  const std::size_t rows = table.columns.empty() ? 0 : table.columns.front().size();
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t k = 0; k < table.columns.size(); ++k) {
      const QualityColumn& column = table.columns[k];
      if (k) text += ",";
      switch (column.kind) {
        case QualityColumn::Kind::text: text += csv_field(column.texts[r]); break;
        case QualityColumn::Kind::number: text += csv_number(column.numbers[r]); break;
        case QualityColumn::Kind::count:
          text += std::isfinite(column.numbers[r]) ? std::to_string(static_cast<unsigned long long>(column.numbers[r])) : "";
          break;
      }
    }
    text += "\n";
  }
  return text;
}

}  // namespace annotbench
