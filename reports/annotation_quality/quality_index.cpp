#include "reports/annotation_quality/quality_index.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <ostream>

#include <nlohmann/json.hpp>

#include "datasets/csv_field.h"
#include "datasets/input_error.h"
#include "datasets/line_reader.h"
#include "reports/annotation_quality/number_cells.h"
#include "reports/atomic_file.h"
#include "reports/report_document.h"
#include "reports/rows_of_kind.h"

namespace annotbench {

namespace {

namespace fs = std::filesystem;

double metric(const nlohmann::json& row, const std::string& name) {
  const nlohmann::json& metrics = row.at("metrics");
  return metrics.contains(name) && metrics.at(name).is_number() ? metrics.at(name).get<double>() : NAN;
}


}  // namespace

std::vector<std::string> write_quality_index(const std::vector<std::string>& results, const std::string& out_dir,
                                             std::ostream& warnings) {
  // One row per setting: a later row of a setting (a rerun with another seed) replaces the first, with a warning.
  std::map<std::string, std::pair<nlohmann::json, fs::path>> by_setting;  // row, file it came from
  std::vector<std::string> order;
  for (const std::string& input : results)
    for (const fs::path& file : result_files(input))
      for (const TextLine& line : read_text_lines(file.string()).lines) {
        nlohmann::json row = nlohmann::json::parse(line.text, nullptr, false);
        if (row.is_discarded() || !row.is_object()) {
          warnings << file.string() << ":" << line.number << ": not JSON (a run killed mid-write?); skipped\n";
          continue;
        }
        if (row.value("kind", "") != "annotation-quality") continue;
        if (!row.contains("metrics") || !row.contains("setting") || !row.contains("data"))
          throw InputError(file.string(), line.number, "", "an annotation-quality row without setting, data or metrics");
        const std::string setting = row.at("setting").get<std::string>();
        if (by_setting.count(setting) > 0)
          warnings << file.string() << ":" << line.number << ": a second row of '" << setting << "' replaces the first\n";
        else
          order.push_back(setting);
        by_setting[setting] = {std::move(row), file.parent_path()};
      }
  if (order.empty()) throw InputError(results.front(), 0, "", "no annotation-quality rows");

  ReportDocument document;
  document.title = "Annotation quality";
  document.paragraph("Agreement of the labels of each crowd set (label-free), and the aggregators' accuracy on its gold "
                     "items where it has gold. Each set's page (`page`, in the results directory) shows its annotators and items.");
  std::vector<std::vector<TableCell>> rows;
  std::string csv = "setting,items,annotators,labels,classes,gold_items,alpha_nominal,alpha_nominal_lower,"
                    "alpha_nominal_upper,alpha_ordinal,fleiss_kappa,mean_cohen_kappa,percent_agreement,"
                    "gold_accuracy_mv,gold_accuracy_ds,gold_accuracy_one-coin-ds,gold_accuracy_glad,gold_accuracy_mace,page\n";
  const fs::path out = fs::absolute(out_dir);
  for (const std::string& setting : order) {
    const nlohmann::json& row = by_setting.at(setting).first;
    const nlohmann::json& data = row.at("data");
    // Relative to the results directory the row was read from, so that the report says the same
    // wherever it is written.
    const std::string page =
        row.contains("report_dir") ? (fs::path(row.at("report_dir").get<std::string>()) / "report.html").generic_string() : "";
    const auto count = [&data](const char* key) { return data.contains(key) ? data.at(key).dump() : std::string(); };
    rows.push_back({{setting},
                    {count("items")},
                    {count("annotators")},
                    {count("labels")},
                    {shown_number(metric(row, "alpha_nominal")) + " [" + shown_number(metric(row, "alpha_nominal_lower")) + ", " +
                     shown_number(metric(row, "alpha_nominal_upper")) + "]"},
                    {shown_number(metric(row, "fleiss_kappa"))},
                    {shown_number(metric(row, "mean_cohen_kappa"))},
                    {shown_number(metric(row, "gold_accuracy_mv"), 4)},
                    {shown_number(metric(row, "gold_accuracy_ds"), 4)},
                    {page}});
    csv += csv_field(setting) + "," + count("items") + "," + count("annotators") + "," + count("labels") + "," +
           count("classes") + "," + count("gold_items");
    for (const char* name : {"alpha_nominal", "alpha_nominal_lower", "alpha_nominal_upper", "alpha_ordinal", "fleiss_kappa",
                             "mean_cohen_kappa", "percent_agreement", "gold_accuracy_mv", "gold_accuracy_ds",
                             "gold_accuracy_one-coin-ds", "gold_accuracy_glad", "gold_accuracy_mace"})
      csv += "," + csv_number(metric(row, name));
    csv += "," + csv_field(page) + "\n";
  }
  document.table({"set", "items", "annotators", "labels", "alpha (nominal) [95% bootstrap]", "Fleiss' kappa",
                  "mean Cohen's kappa", "mv on gold", "ds on gold", "page"},
                 rows);
  const std::vector<std::pair<std::string, std::string>> files = {
      {(out / "report.md").string(), render_markdown(document)},
      {(out / "report.html").string(), render_html(document)},
      {(out / "sets.csv").string(), csv}};
  fs::create_directories(out);
  write_files_atomically(files);
  std::vector<std::string> paths;
  for (const auto& [path, content] : files) paths.push_back(path);
  return paths;
}

}  // namespace annotbench
