#include "reports/report.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "datasets/input_error.h"
#include "reports/atomic_file.h"
#include "reports/cd_diagram.h"

namespace annotbench {

namespace {

// The rows of options.methods, in their order of the results; a name no row has is an error.
std::vector<ResultRow> rows_of_methods(const std::vector<ResultRow>& rows, const std::vector<std::string>& methods) {
  std::vector<ResultRow> kept;
  for (const std::string& method : methods) {
    const bool present = std::any_of(rows.begin(), rows.end(), [&](const ResultRow& row) { return row.method == method; });
    if (present) continue;
    std::set<std::string> known;
    for (const ResultRow& row : rows) known.insert(row.method);
    std::string list;
    for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
    throw ConfigError("--methods: no rows of '" + method + "'; rows in the results: " + list);
  }
  for (const ResultRow& row : rows)
    if (std::find(methods.begin(), methods.end(), row.method) != methods.end()) kept.push_back(row);
  return kept;
}

}  // namespace

ReportData build_report(const std::vector<ResultRow>& all_rows, const ReportOptions& options, std::ostream& warnings) {
  const std::vector<ResultRow> rows = options.methods.empty() ? all_rows : rows_of_methods(all_rows, options.methods);
  ReportData report;
  report.options = options;
  report.row_count = rows.size();
  report.summary = summarize_results(rows, options.metric, options.lower_is_better, warnings);
  ResultSummary& summary = report.summary;
  // The baseline leads every table: the column a reader compares the others with.
  const auto found = std::find(summary.methods.begin(), summary.methods.end(), options.baseline);
  if (found != summary.methods.end()) {
    const std::size_t index = static_cast<std::size_t>(found - summary.methods.begin());
    std::rotate(summary.methods.begin(), found, found + 1);
    for (auto& cells : summary.cells)
      std::rotate(cells.begin(), cells.begin() + static_cast<std::ptrdiff_t>(index), cells.begin() + static_cast<std::ptrdiff_t>(index) + 1);
    report.has_baseline = true;
    report.baseline = 0;
  }
  if (!report.has_baseline && options.baseline_given) {
    std::string known;
    for (const std::string& method : summary.methods) known += (known.empty() ? "" : ", ") + method;
    throw ConfigError("--baseline '" + options.baseline + "' has no results; methods in the results: " + known);
  }
  if (!report.has_baseline)
    warnings << "baseline '" << options.baseline << "' has no results: the report has no comparisons against it\n";

  const ScoreTable table = mean_score_table(summary, &report.left_out_settings);
  report.comparison = compare_methods(table, report.has_baseline ? options.baseline : "", options.alpha);
  if (options.paper_statistics && report.has_baseline)
    report.paper_statistics = paper_statistics(table, options.baseline, options.paper_excluded, options.alpha);
  if (!options.published.empty()) {
    const std::vector<PublishedResult> published = read_published_results(options.published);
    report.published = compare_with_published(rows, published);
    if (report.published.empty())  // no section at all was the only sign (probe N22)
      warnings << options.published << ": no published number is of a data set of these rows; no comparison\n";
    report.published_ranks =
        compare_published_ranks(rows, published, options.metric, options.lower_is_better, options.paper_excluded);
  }

  const std::size_t settings = summary.settings.size(), methods = summary.methods.size();
  report.welch_versus_baseline.assign(settings, std::vector<WelchResult>(methods));
  report.significantly_worse.assign(settings, std::vector<bool>(methods, false));
  report.best.assign(settings, std::vector<bool>(methods, false));
  for (std::size_t s = 0; s < settings; ++s) {
    const auto& cells = summary.cells[s];
    double best_mean = NAN;
    for (const SeedScores& cell : cells) {
      if (cell.empty()) continue;
      const bool better = std::isnan(best_mean) || (options.lower_is_better ? cell.mean < best_mean : cell.mean > best_mean);
      if (better) best_mean = cell.mean;
    }
    for (std::size_t m = 0; m < methods; ++m) {
      report.best[s][m] = !cells[m].empty() && cells[m].mean == best_mean;
      if (!report.has_baseline || m == report.baseline || cells[m].empty() || cells[report.baseline].empty()) continue;
      // H1: the baseline is better than method m on this setting.
      const std::vector<double>& base = cells[report.baseline].values;
      const std::vector<double>& other = cells[m].values;
      report.welch_versus_baseline[s][m] =
          options.lower_is_better ? welch_t_test_greater(other, base) : welch_t_test_greater(base, other);
      report.significantly_worse[s][m] =
          report.welch_versus_baseline[s][m].tested && report.welch_versus_baseline[s][m].p_value <= options.alpha;
    }
  }
  SweepOptions sweeps;
  sweeps.metric = options.metric;
  sweeps.lower_is_better = options.lower_is_better;
  sweeps.alpha = options.alpha;
  report.sweep_panels = sweep_panels(rows, sweeps);
  report.ablations = mechanism_ablations(rows, options.metric);
  report.alpha_choices = alpha_choices(rows, options.metric, options.lower_is_better);
  return report;
}

const NemenyiResult& report_nemenyi(const ReportData& report) {
  for (const NemenyiResult& nemenyi : report.comparison.nemenyi)
    if (std::fabs(nemenyi.alpha - report.options.alpha) < 1e-12) return nemenyi;
  throw std::logic_error("no Nemenyi result at the report's alpha");
}

std::string render_report_cd_diagram(const ReportData& report) {
  const MethodComparison& comparison = report.comparison;
  if (!comparison.across_datasets)
    return render_cd_placeholder_svg("No critical difference diagram: the tests need at least 2 complete settings.");
  const NemenyiResult& nemenyi = report_nemenyi(report);
  CdDiagramInput input;
  input.methods = comparison.table.methods;
  input.mean_ranks = comparison.mean_ranks;
  input.critical_difference = nemenyi.critical_difference;
  input.alpha = nemenyi.alpha;
  input.groups = nemenyi.groups;
  return render_cd_diagram_svg(input);
}

std::vector<std::string> report_inputs(const ReportOptions& options) {
  std::vector<std::string> inputs = {options.results};
  inputs.insert(inputs.end(), options.more_results.begin(), options.more_results.end());
  return inputs;
}

std::vector<std::string> write_report(const ReportOptions& options, std::ostream& warnings) {
  std::vector<ResultRow> rows;
  std::vector<nlohmann::json> json_rows;
  for (const std::string& input : report_inputs(options)) {
    std::vector<ResultRow> read = read_result_rows(input, warnings);
    rows.insert(rows.end(), std::make_move_iterator(read.begin()), std::make_move_iterator(read.end()));
    std::vector<nlohmann::json> json = read_json_rows(input);
    json_rows.insert(json_rows.end(), std::make_move_iterator(json.begin()), std::make_move_iterator(json.end()));
  }
  ReportData report = build_report(rows, options, warnings);
  report.active_panels = active_panels(json_rows);
  const ReportDocument document = build_report_document(report);
  std::error_code error;
  std::filesystem::create_directories(options.out_dir, error);
  if (error) throw ConfigError("--out " + options.out_dir + ": cannot create the directory: " + error.message());
  const std::filesystem::path out(options.out_dir);
  std::vector<std::pair<std::string, std::string>> files = {
      {"report.md", render_markdown(document)},        {"report.html", render_html(document)},
      {"tables.tex", render_report_latex(report)},     {"ranks.csv", render_ranks_csv(report)},
      {"cd-diagram.svg", render_report_cd_diagram(report)},
  };
  // Each figure the report shows is also a file of its own, for papers and slides.
  for (auto& [name, svg] : report_figures(document)) {
    const bool listed = std::any_of(files.begin(), files.end(), [&](const auto& file) { return file.first == name; });
    if (!listed) files.emplace_back(std::move(name), std::move(svg));
  }
  std::vector<std::pair<std::string, std::string>> paths_and_contents;
  for (const auto& [name, content] : files) paths_and_contents.emplace_back((out / name).string(), content);
  // All five or none: a report whose files come from two runs is worse than the old one (probe U13).
  write_files_atomically(paths_and_contents);
  std::vector<std::string> written;
  for (const auto& entry : paths_and_contents) written.push_back(entry.first);
  return written;
}

}  // namespace annotbench
