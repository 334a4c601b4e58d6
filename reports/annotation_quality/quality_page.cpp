#include "reports/annotation_quality/quality_page.h"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "reports/annotation_quality/number_cells.h"
#include "reports/annotation_quality/quality_plots.h"
#include "reports/annotation_quality/quality_tables.h"
#include "reports/atomic_file.h"
#include "reports/report_document.h"

namespace annotbench {

namespace {

ReportDocument quality_document(const AnnotationQualityReport& report) {
  const AgreementSummary& agreement = report.agreement;
  ReportDocument document;
  document.title = report.name + ": annotation quality";
  document.paragraph(std::to_string(agreement.items) + " items, " + std::to_string(report.annotators.rows.size()) +
                     " annotators, " + std::to_string(agreement.labels + agreement.repeated_labels_dropped) + " labels, " +
                     std::to_string(report.class_names.size()) + " classes, " + std::to_string(report.gold_items) +
                     " items with gold. The tables in full: annotators.csv, items.csv, agreement.csv.");
  document.svg(render_skill_distribution_svg(report), "skill-distribution.svg", "distribution of annotator skill");
  document.svg(render_worst_confusions_svg(report), "worst-confusions.svg",
               "estimated confusion matrices of the annotators listed first");
  document.svg(render_class_agreement_svg(report), "class-agreement.svg", "agreement per class");

  document.heading("Agreement");
  std::vector<std::vector<TableCell>> rows = {
      {{"Krippendorff's alpha (nominal)"}, {shown_number(agreement.alpha_nominal)},
       {"[" + shown_number(agreement.alpha_nominal_lower) + ", " + shown_number(agreement.alpha_nominal_upper) + "], " +
        fixed_decimals(100.0 * agreement.confidence_level, 0) + "% bootstrap over items"}},
      {{"Fleiss' kappa (any number of labels per item)"}, {shown_number(agreement.fleiss_kappa)}, {""}},
      {{"mean pairwise Cohen's kappa"}, {shown_number(agreement.mean_cohen_kappa)},
       {std::to_string(agreement.cohen_pairs_used) + " annotator pairs with 2+ items in common"}},
      {{"raw agreement (pairs of labels on an item)"}, {shown_number(agreement.percent_agreement)}, {""}}};
  if (std::isfinite(agreement.alpha_ordinal))
    rows.push_back({{"Krippendorff's alpha (ordinal)"}, {shown_number(agreement.alpha_ordinal)}, {"classes in their order"}});
  if (std::isfinite(agreement.alpha_interval))
    rows.push_back({{"Krippendorff's alpha (interval)"}, {shown_number(agreement.alpha_interval)}, {"class values as numbers"}});
  document.table({"statistic", "value", "note"}, rows);
  if (agreement.repeated_labels_dropped > 0)
    document.paragraph(std::to_string(agreement.repeated_labels_dropped) +
                       " labels repeat an annotator's label of an item; agreement keeps the last of each.");

  if (report.gold_items > 0) {
    document.heading("Aggregators on the gold items");
    std::vector<std::vector<TableCell>> gold_rows;
    for (std::size_t k = 0; k < report.models.size(); ++k)
      gold_rows.push_back({{report.models[k].aggregator}, {shown_number(report.gold_accuracy[k], 4)}});
    document.table({"aggregator", "accuracy on gold"}, gold_rows);
  }

  const AnnotatorQualityTable& annotators = report.annotators;
  document.heading("Annotators to look at first");
  document.paragraph("Lowest spammer score first (Raykar & Yu 2011, on the Dawid-Skene confusion matrix: 0 when the "
                     "labels do not depend on the true class, 1 for a perfect or consistently permuting annotator), "
                     "among annotators with " + std::to_string(annotators.min_labels) +
                     " or more labels; the 20 first of " + std::to_string(annotators.rows.size()) + ".");
  std::vector<std::string> header = {"annotator", "labels", "spammer score", "agrees with mv", "agrees with ds"};
  for (const std::string& column : annotators.skill_columns) header.push_back(column);
  if (report.gold_items > 0) header.push_back("gold accuracy [95% Wilson]");
  std::vector<std::vector<TableCell>> annotator_rows;
  for (std::size_t k = 0; k < annotators.rows.size() && k < 20; ++k) {
    const AnnotatorQuality& row = annotators.rows[k];
    std::vector<TableCell> cells = {{row.id}, {std::to_string(row.labels)}, {shown_number(row.spammer_score)},
                                    {shown_number(row.agreement_with_mv)}, {shown_number(row.agreement_with_ds)}};
    for (const double skill : row.skills) cells.push_back({shown_number(skill)});
    if (report.gold_items > 0)
      cells.push_back({row.gold_labels == 0 ? "–"
                                            : shown_number(row.gold_accuracy) + " [" + shown_number(row.gold_low) + ", " +
                                                  shown_number(row.gold_high) + "] of " + std::to_string(row.gold_labels)});
    annotator_rows.push_back(std::move(cells));
  }
  document.table(header, annotator_rows);

  document.heading("Items most worth re-labelling");
  document.paragraph("Highest 1 − (Dawid-Skene posterior of the consensus) first: the model's probability that the "
                     "consensus is wrong. The 20 first of " + std::to_string(report.items.size()) + ".");
  std::vector<std::vector<TableCell>> item_rows;
  for (std::size_t k = 0; k < report.items.size() && k < 20; ++k) {
    const ItemQuality& row = report.items[k];
    item_rows.push_back({{row.id}, {std::to_string(row.labels)}, {report.class_name(row.consensus)},
                         {shown_number(row.posterior)}, {report.class_name(row.majority)}, {shown_number(row.label_entropy)},
                         {report.class_name(row.gold)}});
  }
  document.table({"item", "labels", "consensus (ds)", "posterior", "majority vote", "label entropy (bits)", "gold"},
                 item_rows);
  return document;
}

}  // namespace

std::string annotator_quality_csv(const AnnotationQualityReport& report) {
  return quality_table_csv(annotator_quality_table(report));
}

std::string item_quality_csv(const AnnotationQualityReport& report) {
  return quality_table_csv(item_quality_table(report));
}

std::string agreement_csv(const AnnotationQualityReport& report) { return quality_table_csv(agreement_table(report)); }

std::vector<std::string> write_quality_report(const AnnotationQualityReport& report, const std::string& directory) {
  namespace fs = std::filesystem;
  fs::create_directories(directory);
  const ReportDocument document = quality_document(report);
  std::vector<std::pair<std::string, std::string>> files = {
      {"annotators.csv", annotator_quality_csv(report)}, {"items.csv", item_quality_csv(report)},
      {"agreement.csv", agreement_csv(report)},          {"report.md", render_markdown(document)},
      {"report.html", render_html(document)}};
  for (const ReportBlock& block : document.blocks)
    if (block.kind == ReportBlock::Kind::svg) files.emplace_back(block.file, block.text);
  std::vector<std::string> paths;
  for (auto& [name, content] : files) {
    name = (fs::path(directory) / name).string();
    paths.push_back(name);
  }
  write_files_atomically(files);
  return paths;
}

}  // namespace annotbench
