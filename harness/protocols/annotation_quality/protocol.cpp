// The annotation-quality protocol: agreement, annotator and item reports of crowd sets (label-only
// sets and sets with human annotations), label-free (gold, where a set has it, only scores). Its
// cells' dataset names the set and training.seed the seed of the fits and the bootstrap.

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "datasets/crowd_label_table.h"
#include "datasets/input_error.h"
#include "datasets/registry.h"
#include "harness/grid/config.h"
#include "harness/protocols/annotation_quality/annotation_quality.h"
#include "harness/protocols/annotation_quality/quality_models.h"
#include "harness/protocols/protocol.h"
#include "harness/store/timestamp.h"
#include "reports/annotation_quality/quality_index.h"
#include "reports/annotation_quality/quality_page.h"
#include "reports/rows_of_kind.h"

namespace annotbench {

namespace {

struct CrowdTableSetting final : PreparedSetting {
  CrowdLabelTable table;
};

nlohmann::json finite_or_null(double value) { return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(); }

nlohmann::json quality_row(const ExperimentCell& cell, const CrowdLabelTable& table, const AnnotationQualityReport& report,
                           double seconds, const std::string& report_dir) {
  const AgreementSummary& agreement = report.agreement;
  nlohmann::json metrics = {{"alpha_nominal", finite_or_null(agreement.alpha_nominal)},
                            {"alpha_nominal_lower", finite_or_null(agreement.alpha_nominal_lower)},
                            {"alpha_nominal_upper", finite_or_null(agreement.alpha_nominal_upper)},
                            {"alpha_ordinal", finite_or_null(agreement.alpha_ordinal)},
                            {"alpha_interval", finite_or_null(agreement.alpha_interval)},
                            {"fleiss_kappa", finite_or_null(agreement.fleiss_kappa)},
                            {"mean_cohen_kappa", finite_or_null(agreement.mean_cohen_kappa)},
                            {"percent_agreement", finite_or_null(agreement.percent_agreement)}};
  for (std::size_t k = 0; k < report.models.size(); ++k)
    if (std::isfinite(report.gold_accuracy[k])) metrics["gold_accuracy_" + report.models[k].aggregator] = report.gold_accuracy[k];
  nlohmann::json worst = nlohmann::json::array();
  for (std::size_t k = 0; k < report.annotators.rows.size() && k < 5; ++k) {
    const AnnotatorQuality& row = report.annotators.rows[k];
    worst.push_back({{"annotator", row.id}, {"labels", row.labels}, {"spammer_score", row.spammer_score},
                     {"agreement_with_ds", row.agreement_with_ds},
                     {"gold_accuracy", row.gold_labels > 0 ? nlohmann::json(row.gold_accuracy) : nlohmann::json()},
                     {"gold_labels", row.gold_labels}});
  }
  nlohmann::json row = {{"schema", 1},
                        {"kind", kAnnotationQualityKind},
                        {"cell", cell_id(cell)},
                        {"setting", cell.setting},
                        {"dataset", cell.dataset},
                        {"method", cell.method},
                        {"seed", cell.training.seed},
                        {"data", {{"path", cell.data.path},
                                  {"checksum", cell.data.checksum},
                                  {"items", table.annotations.num_items},
                                  {"annotators", table.annotations.num_annotators},
                                  {"labels", table.annotations.num_labels()},
                                  {"classes", table.annotations.num_classes},
                                  {"gold_items", table.gold_items()},
                                  {"pairable_items", agreement.pairable_items},
                                  {"repeated_labels_dropped", agreement.repeated_labels_dropped}}},
                        {"metrics", metrics},
                        {"annotators_to_look_at", worst},
                        {"train_seconds", seconds},
                        {"finished_at", utc_timestamp()},
                        {"versions", {{"annotbench", ANNOTBENCH_VERSION}}}};
  if (!report_dir.empty()) row["report_dir"] = report_dir;
  return row;
}

class AnnotationQualityProtocol final : public Protocol {
 public:
  std::string kind() const override { return kAnnotationQualityKind; }
  std::string summary() const override {
    return "agreement, annotator and item reports of crowd sets, with their tables and pages";
  }
  nlohmann::json example_config() const override {
    return {{"name", "annotation-quality-example"},
            {"kind", kAnnotationQualityKind},
            {"seeds", {0, 1}},
            {"datasets", {"anesthesia"}}};
  }
  ExperimentConfig parse_config(const nlohmann::json& config, const std::string& path) const override {
    return parse_annotation_quality_config(config, path);
  }
  DataFile locate_data(const ExperimentCell& cell, const std::string& data_dir) const override {
    return is_label_only_set(cell.dataset) ? locate_label_only_set(cell.dataset, data_dir)
                                           : locate_dataset(cell.dataset, data_dir);
  }
  std::shared_ptr<const PreparedSetting> prepare_setting(const ExperimentCell& cell,
                                                         const std::string& data_dir) const override {
    auto prepared = std::make_shared<CrowdTableSetting>();
    if (is_label_only_set(cell.dataset)) {
      prepared->table = load_label_only_set(cell.dataset, data_dir);
    } else {
      const Dataset dataset = load_dataset(cell.dataset, data_dir);
      if (!dataset.has_annotations())
        throw ConfigError("data set '" + cell.dataset + "' has no human annotations to report on");
      prepared->table = crowd_label_table_of(dataset);
    }
    prepared->simulator_description = {{"kind", "none"}};
    return prepared;
  }
  std::vector<nlohmann::json> run_cells(const std::vector<ExperimentCell>& cells, const PreparedSetting& prepared,
                                        const RunContext& context) const override {
    const CrowdLabelTable& table = dynamic_cast<const CrowdTableSetting&>(prepared).table;
    std::vector<nlohmann::json> rows;
    for (const ExperimentCell& cell : cells) {
      const auto start = std::chrono::steady_clock::now();
      AnnotationQualityReport report = annotation_quality(table, cell.training.seed);
      report.name = cell.setting;
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      // The tables and the page go beside the rows, written before the row that says they are done.
      std::string directory;
      if (!context.results_dir.empty()) {
        directory = quality_report_directory(cell.setting, cell.training.seed);
        write_quality_report(report, (std::filesystem::path(context.results_dir) / directory).string());
      }
      rows.push_back(quality_row(cell, table, report, seconds, directory));
    }
    return rows;
  }
  std::string progress_summary(const nlohmann::json& row) const override {
    const nlohmann::json& metrics = row.at("metrics");
    const auto shown = [&metrics](const char* name) {
      if (!metrics.contains(name) || !metrics.at(name).is_number()) return std::string("-");
      char text[32];
      std::snprintf(text, sizeof text, "%.3f", metrics.at(name).get<double>());
      return std::string(text);
    };
    return "alpha " + shown("alpha_nominal") + ", Fleiss' kappa " + shown("fleiss_kappa") + ", ds on gold " +
           shown("gold_accuracy_ds");
  }
  bool holds_own_report_rows(const std::string& results) const override {
    return holds_rows_of_kind(results, kAnnotationQualityKind, "annotation-quality");
  }
  std::vector<std::string> write_own_report(const ReportRequest& request, std::ostream& warnings) const override {
    if (request.out_dir.empty()) throw ConfigError("missing required option --out");
    for (const auto& [option, value] : request.options)
      if (option != "results" && option != "out")
        throw ConfigError("--" + option + ": the annotation-quality report does not take it (it lists each set's "
                          "agreement and links its page)");
    return write_quality_index(request.results, request.out_dir, warnings);
  }
};

}  // namespace

std::unique_ptr<const Protocol> make_annotation_quality_protocol() {
  return std::make_unique<AnnotationQualityProtocol>();
}

}  // namespace annotbench
